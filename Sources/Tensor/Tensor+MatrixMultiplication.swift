// Tensor+MatrixMultiplication: matmul with NumPy batching rules, through OpenBLAS without copies.
import Kernels

/// How one matmul operand is handed to BLAS: possibly a contiguous copy, its layout and
/// leading dimension, and its strides over the broadcast batch dimensions.
private struct MatrixOperand {
  let tensor: Tensor
  let layout: MatrixLayout
  let leadingDimension: Int
  let batchStrides: [Int]

  /// Describes the last two dimensions of `tensor` for BLAS. A view whose rows or columns are
  /// contiguous (including a transposed view) is passed as is; anything else is copied.
  init(_ tensor: Tensor, batchShape: [Int]) throws {
    let r = tensor.rank
    let (rows, columns) = (tensor.shape[r - 2], tensor.shape[r - 1])
    let (rowStride, columnStride) = (tensor.strides[r - 2], tensor.strides[r - 1])
    if (columns == 1 || columnStride == 1) && (rows == 1 || rowStride >= Swift.max(1, columns)) {
      self.tensor = tensor
      self.layout = .normal
      self.leadingDimension = rows == 1 ? Swift.max(1, columns) : rowStride
    } else if (rows == 1 || rowStride == 1) && (columns == 1 || columnStride >= Swift.max(1, rows)) {
      self.tensor = tensor
      self.layout = .transposed
      self.leadingDimension = columns == 1 ? Swift.max(1, rows) : columnStride
    } else {
      self.tensor = try tensor.contiguousCopy()
      self.layout = .normal
      self.leadingDimension = Swift.max(1, columns)
    }
    let operand = self.tensor
    let batchLayout = Layout(shape: Array(operand.shape.dropLast(2)), strides: Array(operand.strides.dropLast(2)), offset: 0)
    self.batchStrides = batchLayout.broadcastStrides(to: batchShape)
  }
}

extension Tensor {
  /// The matrix product, following `numpy.matmul`: 1-d operands are promoted to a row (left)
  /// or column (right) and the added dimension removed; leading dimensions broadcast as batch.
  ///
  /// Transposed views go to BLAS as transposed operands, never copied; single-row and
  /// single-column products use `sgemv`.
  /// - Throws: `TensorError.shapeMismatch` naming both shapes when inner dimensions differ or
  ///   batch dimensions do not broadcast.
  public func matmul(_ other: Tensor) throws -> Tensor {
    guard rank >= 1 && other.rank >= 1 else {
      throw TensorError.shapeMismatch(op: "matmul", lhs: shape, rhs: other.shape, detail: "both operands need at least one dimension")
    }
    if rank == 1 && other.rank == 1 {
      return try unsqueezed(axis: 0).matmul(other.unsqueezed(axis: 1)).reshaped([])
    }
    if rank == 1 { return try unsqueezed(axis: 0).matmul(other).squeezed(axis: -2) }
    if other.rank == 1 { return try matmul(other.unsqueezed(axis: 1)).squeezed(axis: -1) }

    let (m, k) = (shape[rank - 2], shape[rank - 1])
    let (otherK, n) = (other.shape[other.rank - 2], other.shape[other.rank - 1])
    guard k == otherK else {
      throw TensorError.shapeMismatch(op: "matmul", lhs: shape, rhs: other.shape, detail: "inner dimensions \(k) and \(otherK) differ")
    }
    let batchShape: [Int]
    do {
      batchShape = try Layout.broadcast(Array(shape.dropLast(2)), Array(other.shape.dropLast(2)), op: "matmul")
    } catch {
      throw TensorError.shapeMismatch(op: "matmul", lhs: shape, rhs: other.shape, detail: "batch dimensions do not broadcast")
    }
    let result = try Tensor.uninitialized(batchShape + [m, n], op: "matmul")
    try Tensor.multiply(self, other, batchShape: batchShape, m: m, n: n, k: k, into: result)
    return Tensor.record(result, "matmul", inputs: [self, other]) {
      .matmul(SavedTensor(self), SavedTensor(other), needsGradients: (requiresGrad, other.requiresGrad))
    }
  }

  /// Fills `result` ([batch..., m, n], contiguous) with lhs · rhs, one GEMM per batch element,
  /// or a single GEMM when rhs is shared by every batch element and lhs's rows stack evenly.
  private static func multiply(_ lhs: Tensor, _ rhs: Tensor, batchShape: [Int], m: Int, n: Int, k: Int, into result: Tensor) throws {
    let a = try MatrixOperand(lhs, batchShape: batchShape)
    let b = try MatrixOperand(rhs, batchShape: batchShape)
    let batchCount = batchShape.reduce(1, *)
    if result.count == 0 { return }
    withExtendedLifetime((a.tensor, b.tensor, result)) {
      // Linear layers: x [B, T, C] · Wᵀ is one [B·T, C] · [C, N] product when x's rows stack.
      if batchCount > 1, b.batchStrides.allSatisfy({ $0 == 0 }), a.layout == .normal,
        let stacked = Layout(shape: batchShape + [m], strides: a.batchStrides + [a.leadingDimension], offset: 0)
          .reshaped(to: [batchCount * m]), stacked.strides == [a.leadingDimension]
      {
        Kernels.gemm(.normal, b.layout, m: batchCount * m, n: n, k: k, alpha: 1,
                     a: a.tensor.base, lda: a.leadingDimension, b: b.tensor.base, ldb: b.leadingDimension,
                     beta: 0, c: result.base, ldc: n)
        return
      }
      var index = [Int](repeating: 0, count: batchShape.count)
      for batch in 0..<batchCount {
        var aOffset = 0, bOffset = 0
        for axis in index.indices {
          aOffset += index[axis] * a.batchStrides[axis]
          bOffset += index[axis] * b.batchStrides[axis]
        }
        Kernels.gemm(a.layout, b.layout, m: m, n: n, k: k, alpha: 1,
                     a: a.tensor.base + aOffset, lda: a.leadingDimension,
                     b: b.tensor.base + bOffset, ldb: b.leadingDimension,
                     beta: 0, c: result.base + batch * m * n, ldc: n)
        var axis = index.count - 1
        while axis >= 0 {
          index[axis] += 1
          if index[axis] < batchShape[axis] { break }
          index[axis] = 0
          axis -= 1
        }
      }
    }
  }

  /// x · Wᵀ + b, the affine map of a linear layer with `weight` laid out `[out, in]` as in
  /// PyTorch and Hugging Face checkpoints. The transposed weight is read in place.
  public func linear(weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    let product = try matmul(weight.transposed())
    guard let bias else { return product }
    return try product + bias
  }

  /// Gradients of matmul for `lhs`, `rhs` given the output gradient.
  static func matmulGradients(
    _ lhs: Tensor, _ rhs: Tensor, _ gradOutput: Tensor, needsGradients: (lhs: Bool, rhs: Bool)
  ) throws -> [Tensor?] {
    let gradLhs = needsGradients.lhs ? try gradOutput.matmul(rhs.transposed()).sumToShape(lhs.shape) : nil
    var gradRhs: Tensor?
    if needsGradients.rhs {
      if rhs.rank == 2 && lhs.rank > 2 {
        // A weight shared over the batch: one [k, B·m] · [B·m, n] product instead of B of them.
        let k = lhs.shape[lhs.rank - 1], n = gradOutput.shape[gradOutput.rank - 1]
        gradRhs = try lhs.reshaped([-1, k]).transposed().matmul(gradOutput.reshaped([-1, n]))
      } else {
        gradRhs = try lhs.transposed().matmul(gradOutput).sumToShape(rhs.shape)
      }
    }
    return [gradLhs, gradRhs]
  }
}
