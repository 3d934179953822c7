// Tests of views: shared storage, strides, slicing, broadcasting layouts and subscripts.
import Testing
@testable import Tensor

@Suite struct ViewTests {
  func grid(_ rows: Int, _ columns: Int) throws -> Tensor {
    try Tensor.arange(to: Float(rows * columns)).reshaped([rows, columns])
  }

  @Test func writesThroughViewsAreVisibleInTheBase() throws {
    let base = try grid(3, 4)
    try base.transposed().assign(-1, at: [.index(2), .index(0)])
    #expect(try base.scalar(at: [0, 2]) == -1)
    try base.sliced(axis: 1, start: 1, end: nil, step: 2).fill(with: 9)
    #expect(try base.selected(axis: 0, index: 1).scalars == [4, 9, 6, 9])
    let row = try base.selected(axis: 0, index: -1)
    try row.add(Tensor(shape: [4], scalars: [1, 1, 1, 1]))
    #expect(try base.selected(axis: 0, index: 2).scalars == [9, 10, 11, 10])
    try base.reshaped([12]).assign(100, at: [.index(0)])
    #expect(try base.scalar(at: [0, 0]) == 100)
  }

  @Test func viewsShareStorageAndCopiesDoNot() throws {
    let base = try grid(2, 3)
    #expect(try base.transposed().storage === base.storage)
    #expect(try base.expanded(to: [4, 2, 3]).storage === base.storage)
    #expect(try base.indexed([.all, .slice(start: 1, end: nil, step: nil)]).storage === base.storage)
    // A transposed view cannot be flattened without a copy.
    let flat = try base.transposed().reshaped([6])
    #expect(flat.storage !== base.storage)
    #expect(flat.scalars == [0, 3, 1, 4, 2, 5])
  }

  @Test func slicingFollowsPythonBounds() throws {
    let x = try Tensor.arange(to: 10)
    #expect(try x.sliced(axis: 0, start: 2, end: 8, step: 3).scalars == [2, 5])
    #expect(try x.sliced(axis: 0, start: -3).scalars == [7, 8, 9])
    #expect(try x.sliced(axis: 0, start: 5, end: 100).scalars == [5, 6, 7, 8, 9])
    #expect(try x.sliced(axis: 0, start: 8, end: 2).shape == [0])
    #expect(try x.sliced(axis: -1, end: -8).scalars == [0, 1])
    #expect(throws: TensorError.invalidArgument(op: "slice", reason: "step must be positive, got 0")) {
      try x.sliced(axis: 0, step: 0)
    }
  }

  @Test func subscriptsCombineIndicesSlicesNewAxesAndEllipsis() throws {
    let x = try Tensor.arange(to: 24).reshaped([2, 3, 4])
    #expect(try x.indexed([.index(1), .slice(start: 1, end: 3, step: nil)]).shape == [2, 4])
    #expect(try x.indexed([.ellipsis, .index(-1)]).scalars == [3, 7, 11, 15, 19, 23])
    #expect(try x.indexed([.newAxis, .index(0), .ellipsis]).shape == [1, 3, 4])
    #expect(try x.indexed([.all, .all, .slice(start: nil, end: nil, step: 3)]).scalars == [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23])
    #expect(throws: TensorError.self) { try x.indexed([.index(0), .index(0), .index(0), .index(0)]) }
    #expect(throws: TensorError.indexOutOfRange(op: "select", index: 3, size: 3)) { try x.indexed([.all, .index(3)]) }
  }

  @Test func sliceAssignmentBroadcastsAndHandlesOverlap() throws {
    let x = try Tensor.zeros([3, 4])
    try x.assign(Tensor(shape: [4], scalars: [1, 2, 3, 4]), at: [.slice(start: 1, end: nil, step: nil)])
    #expect(x.scalars == [0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4])
    let y = try Tensor.arange(to: 5)
    try y.assign(y.sliced(axis: 0, end: 4), at: [.slice(start: 1, end: nil, step: nil)])
    #expect(y.scalars == [0, 0, 1, 2, 3])
    #expect(throws: TensorError.self) { try x.assign(Tensor.ones([3]), at: [.index(0)]) }
  }

  @Test func expandBroadcastsSizeOneDimensionsOnly() throws {
    let column = try Tensor(shape: [3, 1], scalars: [1, 2, 3])
    let wide = try column.expanded(to: [2, -1, 4])
    #expect(wide.shape == [2, 3, 4])
    #expect(wide.strides == [0, 1, 0])
    #expect(try wide.sum().item() == 48)
    #expect(throws: TensorError.self) { try column.expanded(to: [3, 2, 2]) }
    #expect(throws: TensorError.self) { try column.expanded(to: [4]) }
  }

  @Test func reshapeInfersAndValidates() throws {
    let x = try grid(4, 6)
    #expect(try x.reshaped([2, -1, 3]).shape == [2, 4, 3])
    #expect(try x.reshaped([2, -1, 3]).storage === x.storage)
    #expect(throws: TensorError.invalidShape(op: "reshape", shape: [5, -1], reason: "cannot infer -1 for 24 elements")) {
      try x.reshaped([5, -1])
    }
    #expect(throws: TensorError.self) { try x.reshaped([-1, -1]) }
    // A permuted view whose merged axes stay contiguous is still a view.
    let permuted = try Tensor.zeros([2, 3, 4]).permuted([1, 2, 0])
    #expect(try permuted.reshaped([12, 2]).storage === permuted.storage)
    #expect(try permuted.reshaped([3, 8]).storage !== permuted.storage)
  }

  @Test func squeezeUnsqueezeFlattenAndNegativeAxes() throws {
    let x = try Tensor.zeros([1, 3, 1, 2])
    #expect(try x.squeezed().shape == [3, 2])
    #expect(try x.squeezed(axis: -2).shape == [1, 3, 2])
    #expect(try x.unsqueezed(axis: -1).shape == [1, 3, 1, 2, 1])
    #expect(try x.flattened(startAxis: 1, endAxis: -1).shape == [1, 6])
    #expect(try x.permuted([-1, 0, 1, 2]).shape == [2, 1, 3, 1])
    #expect(throws: TensorError.axisOutOfRange(op: "squeeze", axis: 4, rank: 4)) { try x.squeezed(axis: 4) }
    #expect(throws: TensorError.self) { try x.squeezed(axis: 1) }
  }

  @Test func emptyDimensionsFlowThroughEveryKindOfOperation() throws {
    let empty = try Tensor.zeros([0, 3])
    #expect(try (empty + Tensor.ones([3])).shape == [0, 3])
    #expect(try empty.sum(axis: 0).scalars == [0, 0, 0])
    #expect(try empty.sum(axis: 1).shape == [0])
    #expect(try empty.matmul(Tensor.ones([3, 2])).shape == [0, 2])
    #expect(try Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3])).scalars == [0, 0, 0, 0, 0, 0])
    #expect(try empty.softmax().shape == [0, 3])
    #expect(try empty.exp().transposed().shape == [3, 0])
    #expect(try Tensor.concatenate([empty, Tensor.ones([1, 3])]).shape == [1, 3])
    #expect(throws: TensorError.self) { try empty.max(axis: 0) }
  }
}
