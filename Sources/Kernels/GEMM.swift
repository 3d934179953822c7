// GEMM: matrix products through OpenBLAS, with a naive reference kept beside the fast path.
import CBLAS

/// Whether a GEMM operand is read as stored or transposed.
public enum MatrixLayout: Sendable {
  /// The operand is stored row-major with the given leading dimension.
  case normal
  /// The operand's transpose is stored row-major (a transposed view costs no copy).
  case transposed
}

/// C = alpha · op(A) · op(B) + beta · C for row-major float matrices.
///
/// `op(A)` is `[m, k]` and `op(B)` is `[k, n]`; `lda`, `ldb` and `ldc` are the row strides of
/// the stored matrices. Products with a single row or column go to `cblas_sgemv`: Debian's
/// OpenBLAS 0.3.21 runs `sgemm` with m = 1 at 8-10 GFLOP/s against 60-150 for `sgemv`
/// (NATIVE.md §3).
public func gemm(
  _ layoutA: MatrixLayout, _ layoutB: MatrixLayout, m: Int, n: Int, k: Int,
  alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
  beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
) {
  if m == 0 || n == 0 { return }
  if k == 0 {
    scale(c, rows: m, columns: n, ldc: ldc, by: beta)
    return
  }
  BLASRuntime.configureThreads(forRows: m, columns: n, depth: k)
  let transA = layoutA == .normal ? CblasNoTrans : CblasTrans
  let transB = layoutB == .normal ? CblasNoTrans : CblasTrans
  if m == 1 {
    // c (1×n) = a (1×k) · op(B): a matrix-vector product with B as the matrix.
    let incA = layoutA == .normal ? 1 : lda
    if layoutB == .normal {
      cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), alpha, b, Int32(ldb),
                  a, Int32(incA), beta, c, 1)
    } else {
      cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), alpha, b, Int32(ldb),
                  a, Int32(incA), beta, c, 1)
    }
    return
  }
  if n == 1 {
    // c (m×1) = op(A) · b (k×1).
    let incB = layoutB == .normal ? ldb : 1
    if layoutA == .normal {
      cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), alpha, a, Int32(lda),
                  b, Int32(incB), beta, c, Int32(ldc))
    } else {
      cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(m), alpha, a, Int32(lda),
                  b, Int32(incB), beta, c, Int32(ldc))
    }
    return
  }
  cblas_sgemm(CblasRowMajor, transA, transB, Int32(m), Int32(n), Int32(k), alpha,
              a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// The same contract as `gemm`, computed with three plain loops in Double: the reference
/// the tests hold the BLAS path to, and a fallback nobody should need.
public func gemmReference(
  _ layoutA: MatrixLayout, _ layoutB: MatrixLayout, m: Int, n: Int, k: Int,
  alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
  beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
) {
  for i in 0..<m {
    for j in 0..<n {
      var total: Double = 0
      for p in 0..<k {
        let x = layoutA == .normal ? a[i * lda + p] : a[p * lda + i]
        let y = layoutB == .normal ? b[p * ldb + j] : b[j * ldb + p]
        total += Double(x) * Double(y)
      }
      let previous = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
      c[i * ldc + j] = Float(Double(alpha) * total + previous)
    }
  }
}

/// c = beta · c over an `[rows, columns]` block with row stride `ldc` (beta 0 writes zeros,
/// so NaNs in uninitialized memory never leak through).
private func scale(
  _ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, ldc: Int, by beta: Float
) {
  for i in 0..<rows {
    let row = c + i * ldc
    if beta == 0 {
      row.update(repeating: 0, count: columns)
    } else {
      for j in 0..<columns { row[j] *= beta }
    }
  }
}
