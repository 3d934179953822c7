// Tensor+Indexing: gather, scatter-add, index-select and embedding lookup with integer indices.
import Kernels

extension Tensor {
  /// The block view sizes [outer, length, inner] around `axis`.
  func blockSizes(around axis: Int) -> (outer: Int, length: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
  }

  /// out[..., j, ...] = self[..., index[..., j, ...], ...] along `axis` (PyTorch's `gather`).
  /// `index` has this tensor's rank and the same size in every other dimension.
  public func gather(axis: Int, index: IntTensor) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: "gather")
    guard index.rank == rank, index.shape.indices.allSatisfy({ $0 == axis || index.shape[$0] == shape[$0] }) else {
      throw TensorError.shapeMismatch(op: "gather", lhs: shape, rhs: index.shape, detail: "index must match the input except along axis \(axis)")
    }
    try index.validateIndices(below: shape[axis], op: "gather")
    let source = try withoutGradient { try contiguous() }
    let indices = index.contiguousCopy()
    let result = try Tensor.uninitialized(index.shape, op: "gather")
    let (outer, length, inner) = blockSizes(around: axis)
    withExtendedLifetime((source, indices, result)) {
      Kernels.gather(source.base, outer: outer, length: length, inner: inner,
                     index: indices.base, indexLength: index.shape[axis], into: result.base)
    }
    let inputShape = shape
    return Tensor.record(result, "gather", inputs: [self]) { .gather(inputShape: inputShape, axis: axis, index: indices) }
  }

  /// A copy of this tensor with `source` added at the positions `index` names along `axis`:
  /// result[..., index[..., j, ...], ...] += source[..., j, ...] (PyTorch's `scatter_add`).
  public func scatterAdd(axis: Int, index: IntTensor, source: Tensor) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: "scatter_add")
    guard index.shape == source.shape else {
      throw TensorError.shapeMismatch(op: "scatter_add", lhs: index.shape, rhs: source.shape, detail: "index and source must have the same shape")
    }
    guard index.rank == rank, index.shape.indices.allSatisfy({ $0 == axis || index.shape[$0] == shape[$0] }) else {
      throw TensorError.shapeMismatch(op: "scatter_add", lhs: shape, rhs: index.shape, detail: "index must match the input except along axis \(axis)")
    }
    try index.validateIndices(below: shape[axis], op: "scatter_add")
    let indices = index.contiguousCopy()
    let result = try contiguousCopy()
    try result.scatterAddWithoutRecording(axis: axis, index: indices, source: source)
    return Tensor.record(result, "scatter_add", inputs: [self, source]) { .scatterAdd(axis: axis, index: indices) }
  }

  /// Adds `source` into this contiguous tensor at `index` along `axis` (validated by callers).
  func scatterAddWithoutRecording(axis: Int, index: IntTensor, source: Tensor) throws {
    let values = try withoutGradient { try source.contiguous() }
    let indices = index.contiguousCopy()
    let (outer, length, inner) = blockSizes(around: axis)
    withExtendedLifetime((values, indices, self)) {
      Kernels.scatterAdd(values.base, index: indices.base, outer: outer, indexLength: index.shape[axis],
                         inner: inner, into: base, length: length)
    }
  }

  /// The slices at `indices` (1-d) along `axis`, in order, repeats allowed.
  public func indexSelect(axis: Int, indices: IntTensor) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: "index_select")
    guard indices.rank == 1 else {
      throw TensorError.invalidArgument(op: "index_select", reason: "indices must be 1-d, got shape \(shapeText(indices.shape))")
    }
    try indices.validateIndices(below: shape[axis], op: "index_select")
    let source = try withoutGradient { try contiguous() }
    let list = indices.contiguousCopy()
    var outputShape = shape
    outputShape[axis] = indices.count
    let result = try Tensor.uninitialized(outputShape, op: "index_select")
    let (outer, length, inner) = blockSizes(around: axis)
    withExtendedLifetime((source, list, result)) {
      Kernels.indexSelect(source.base, outer: outer, length: length, inner: inner,
                          indices: list.base, count: list.count, into: result.base)
    }
    let inputShape = shape
    return Tensor.record(result, "index_select", inputs: [self]) { .indexSelect(inputShape: inputShape, axis: axis, indices: list) }
  }

  /// Rows of `weight` ([vocabulary, dim]) for each id: the result has shape ids.shape + [dim].
  /// - Throws: `TensorError.indexOutOfRange` naming the first id outside the vocabulary.
  public static func embedding(_ ids: IntTensor, weight: Tensor) throws -> Tensor {
    guard weight.rank == 2 else {
      throw TensorError.invalidArgument(op: "embedding", reason: "weight must be [vocabulary, dim], got \(shapeText(weight.shape))")
    }
    do {
      return try weight.indexSelect(axis: 0, indices: ids.reshaped([-1])).reshaped(ids.shape + [weight.shape[1]])
    } catch TensorError.indexOutOfRange(_, let index, let size) {
      throw TensorError.indexOutOfRange(op: "embedding", index: index, size: size)
    }
  }

  /// The gradient of `indexSelect`: zeros of `inputShape` with `gradOutput` added at `indices`.
  static func indexSelectGradient(inputShape: [Int], axis: Int, indices: IntTensor, gradOutput: Tensor) throws -> Tensor {
    let g = try gradOutput.contiguous()
    let result = try Tensor.zeros(inputShape)
    let (outer, length, inner) = result.blockSizes(around: axis)
    withExtendedLifetime((g, indices, result)) {
      Kernels.indexAdd(g.base, outer: outer, count: indices.count, inner: inner, indices: indices.base, into: result.base, length: length)
    }
    return result
  }
}
