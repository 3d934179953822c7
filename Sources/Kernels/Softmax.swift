// Softmax: row-wise softmax and log-softmax over contiguous rows, with their backward passes.

import RealModule

#if canImport(Glibc)
import Glibc
#endif

/// Softmax of each contiguous row of `length` floats: y = e^{x − max} / Σ e^{x − max}.
///
/// Subtracting the row maximum keeps e^x finite. A row whose maximum is −inf (every entry
/// masked) yields NaN, as in PyTorch; attention handles fully masked rows itself.
public func softmaxRows(
  _ input: UnsafePointer<Float>, rows: Int, length: Int, into output: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: length) { range in
    for r in range {
      let x = input + r * length
      let y = output + r * length
      let m = maximum(x, count: length)
      // Separate passes: a loop that both exponentiates and accumulates does not vectorize.
      for i in 0..<length { y[i] = fastExp(x[i] - m) }
      let inverse = 1 / sum(y, count: length)
      for i in 0..<length { y[i] *= inverse }
    }
  }
}

/// Log-softmax of each contiguous row: y = x − max − log Σ e^{x − max}.
public func logSoftmaxRows(
  _ input: UnsafePointer<Float>, rows: Int, length: Int, into output: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: length) { range in
    for r in range {
      let x = input + r * length
      let y = output + r * length
      let shift = maximum(x, count: length) + logf(sumOfShiftedExponentials(x, count: length))
      for i in 0..<length { y[i] = x[i] - shift }
    }
  }
}

/// log Σ e^{x_i} of each contiguous row, computed stably.
public func logSumExpRows(
  _ input: UnsafePointer<Float>, rows: Int, length: Int, into output: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: length) { range in
    for r in range {
      let x = input + r * length
      output[r] = maximum(x, count: length) + logf(sumOfShiftedExponentials(x, count: length))
    }
  }
}

/// Σ e^{x_i − max x} for one row (1 for an all −inf row, so its log-sum-exp is −inf).
@inline(__always)
func sumOfShiftedExponentials(_ x: UnsafePointer<Float>, count: Int) -> Float {
  let m = maximum(x, count: count)
  if m == -.infinity { return 1 }
  var total: Float = 0
  var i = 0
  // Blocks of 64 through a stack buffer: exponentiate (vectorized), then sum (vectorized).
  withUnsafeTemporaryAllocation(of: Float.self, capacity: 64) { block in
    guard let buffer = block.baseAddress else { return }
    while i < count {
      let n = Swift.min(64, count - i)
      for j in 0..<n { buffer[j] = fastExp(x[i + j] - m) }
      total = Relaxed.sum(total, sum(buffer, count: n))
      i += n
    }
  }
  return total
}

/// Softmax backward per row: dx = y ⊙ (g − Σ g ⊙ y).
public func softmaxBackwardRows(
  output y: UnsafePointer<Float>, gradOutput g: UnsafePointer<Float>,
  rows: Int, length: Int, into gradInput: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: length) { range in
    for r in range {
      let yr = y + r * length, gr = g + r * length, dx = gradInput + r * length
      let inner = dot(yr, gr, count: length)
      for i in 0..<length { dx[i] = yr[i] * (gr[i] - inner) }
    }
  }
}

/// Log-softmax backward per row: dx = g − e^{y} · Σ g.
public func logSoftmaxBackwardRows(
  output y: UnsafePointer<Float>, gradOutput g: UnsafePointer<Float>,
  rows: Int, length: Int, into gradInput: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: length) { range in
    for r in range {
      let yr = y + r * length, gr = g + r * length, dx = gradInput + r * length
      let total = sum(gr, count: length)
      for i in 0..<length { dx[i] = gr[i] - fastExp(yr[i]) * total }
    }
  }
}

/// Writes e^{(x_i − shift)·scale} for `count` floats and returns their sum in double precision:
/// the unnormalized probabilities of a temperature-scaled softmax, for samplers in other modules
/// (a public inline function's body is not visible across modules, so they call this kernel).
public func shiftedExponentials(
  _ x: UnsafePointer<Float>, count: Int, shift: Float, scale: Float, into output: UnsafeMutablePointer<Float>
) -> Double {
  for i in 0..<count { output[i] = fastExp((x[i] - shift) * scale) }
  var total = 0.0
  var start = 0
  while start < count {
    let n = Swift.min(4096, count - start)
    total += Double(sum(output + start, count: n))
    start += n
  }
  return total
}
