// Tests of matmul against a naive double-precision product, across layouts and batch shapes.
import Testing
@testable import Tensor

/// The product of two 2-d tensors computed naively in Double.
func naiveProduct(_ a: Tensor, _ b: Tensor) throws -> [Float] {
  let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
  var result = [Float](repeating: 0, count: m * n)
  for i in 0..<m { for j in 0..<n {
    var total = 0.0
    for p in 0..<k { total += Double(try a.scalar(at: [i, p])) * Double(try b.scalar(at: [p, j])) }
    result[i * n + j] = Float(total)
  } }
  return result
}

@Suite struct MatrixMultiplicationTests {
  /// Awkward sizes (1, primes) and every storage layout of both operands.
  @Test(arguments: [(1, 7, 5), (5, 7, 1), (1, 1, 1), (13, 17, 11), (64, 3, 31), (2, 300, 3)])
  func matchesNaiveProductForEveryLayout(m: Int, k: Int, n: Int) throws {
    let a = try randomTensor([m, k], seed: 1), b = try randomTensor([k, n], seed: 2)
    let expected = try naiveProduct(a, b)
    let aT = try a.transposed().contiguous().transposed()   // column-major storage
    let bT = try b.transposed().contiguous().transposed()
    // Every other column of an interleaved copy: neither rows nor columns are contiguous.
    let aStrided = try Tensor.stack([a, a], axis: 2).reshaped([m, 2 * k]).sliced(axis: 1, step: 2)
    for (left, right) in [(a, b), (aT, b), (a, bT), (aT, bT), (aStrided, b)] {
      expectClose(try left.matmul(right).scalars, expected, absolute: 1e-4, relative: 1e-4, "\(m)x\(k)x\(n)")
    }
  }

  @Test func vectorPromotionFollowsNumPy() throws {
    let v = try Tensor(shape: [3], scalars: [1, 2, 3])
    let m = try Tensor.arange(to: 6).reshaped([3, 2])
    #expect(try v.matmul(v).shape == [])
    #expect(try v.matmul(v).item() == 14)
    #expect(try v.matmul(m).scalars == [16, 22])
    #expect(try m.transposed().matmul(v).scalars == [16, 22])
  }

  @Test func batchedProductsBroadcastBatchDimensions() throws {
    let a = try randomTensor([2, 1, 3, 4], seed: 3)
    let b = try randomTensor([5, 4, 2], seed: 4)
    let c = try a.matmul(b)
    #expect(c.shape == [2, 5, 3, 2])
    for i in 0..<2 { for j in 0..<5 {
      let expected = try naiveProduct(a.selected(axis: 0, index: i).selected(axis: 0, index: 0), b.selected(axis: 0, index: j))
      expectClose(try c.selected(axis: 0, index: i).selected(axis: 0, index: j).scalars, expected, absolute: 1e-5, relative: 1e-5)
    } }
    // Shared weight: the batch folds into one GEMM and must give the same numbers.
    let x = try randomTensor([3, 5, 4], seed: 5), w = try randomTensor([6, 4], seed: 6)
    let y = try x.linear(weight: w)
    for i in 0..<3 {
      expectClose(try y.selected(axis: 0, index: i).scalars, try naiveProduct(x.selected(axis: 0, index: i), w.transposed()),
                  absolute: 1e-5, relative: 1e-5)
    }
  }

  @Test func incompatibleShapesNameBothShapes() throws {
    let error = #expect(throws: TensorError.self) { try Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5])) }
    #expect(error?.description == "matmul: shape mismatch, [2, 3] vs [4, 5] (inner dimensions 3 and 4 differ)")
    let batch = #expect(throws: TensorError.self) { try Tensor.zeros([2, 3, 4]).matmul(Tensor.zeros([3, 4, 5])) }
    #expect(batch?.description == "matmul: shape mismatch, [2, 3, 4] vs [3, 4, 5] (batch dimensions do not broadcast)")
    #expect(throws: TensorError.self) { try Tensor(1).matmul(Tensor.zeros([1])) }
  }
}
