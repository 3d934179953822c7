// Reduction: sums, extrema and arg-extrema along one axis of a contiguous [outer, length, inner] block.
import RealModule

/// How a reduction combines the elements along its axis.
public enum ReductionOperation: Sendable {
  case sum
  /// The largest element; NaN if any element is NaN.
  case maximum
  /// The smallest element; NaN if any element is NaN.
  case minimum
}

/// The sum of `count` contiguous floats.
///
/// `Relaxed.sum` lets the compiler reassociate, so the loop keeps several vector accumulators:
/// faster than a sequential sum and, as a blocked sum, also more accurate.
@inline(__always)
public func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
  var total: Float = 0
  for i in 0..<count { total = Relaxed.sum(total, x[i]) }
  return total
}

/// The dot product of two contiguous float vectors.
@inline(__always)
public func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
  var total: Float = 0
  for i in 0..<count { total = Relaxed.multiplyAdd(x[i], y[i], total) }
  return total
}

/// The largest of `count` contiguous floats (NaN if any is NaN; -inf when count is 0).
@inline(__always)
public func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
  var best = -Float.infinity
  // Counting NaNs arithmetically (not with a short-circuit `||`) keeps the loop vectorizable.
  var nanCount: Float = 0
  for i in 0..<count {
    let v = x[i]
    best = v > best ? v : best
    nanCount = Relaxed.sum(nanCount, v != v ? 1 : 0)
  }
  return nanCount > 0 ? .nan : best
}

/// The smallest of `count` contiguous floats (NaN if any is NaN; +inf when count is 0).
@inline(__always)
public func minimum(_ x: UnsafePointer<Float>, count: Int) -> Float {
  var best = Float.infinity
  // Counting NaNs arithmetically (not with a short-circuit `||`) keeps the loop vectorizable.
  var nanCount: Float = 0
  for i in 0..<count {
    let v = x[i]
    best = v < best ? v : best
    nanCount = Relaxed.sum(nanCount, v != v ? 1 : 0)
  }
  return nanCount > 0 ? .nan : best
}

/// Reduces the middle axis of a contiguous `[outer, length, inner]` block into `[outer, inner]`.
///
/// When `inner` is 1 each output is a reduction of one contiguous row; otherwise whole rows of
/// `inner` elements are combined element-wise, which vectorizes across `inner`.
/// `length` must be positive for `.maximum` and `.minimum`.
public func reduce(
  _ operation: ReductionOperation, input: UnsafePointer<Float>,
  outer: Int, length: Int, inner: Int, into output: UnsafeMutablePointer<Float>
) {
  for o in 0..<outer {
    let block = input + o * length * inner
    let out = output + o * inner
    if inner == 1 {
      switch operation {
      case .sum: out[0] = sum(block, count: length)
      case .maximum: out[0] = maximum(block, count: length)
      case .minimum: out[0] = minimum(block, count: length)
      }
      continue
    }
    if length == 0 {
      out.update(repeating: 0, count: inner)
      continue
    }
    out.update(from: block, count: inner)
    for j in 1..<length {
      let row = block + j * inner
      switch operation {
      case .sum: for i in 0..<inner { out[i] += row[i] }
      case .maximum:
        for i in 0..<inner { out[i] = out[i].isNaN || out[i] > row[i] ? out[i] : row[i] }
      case .minimum:
        for i in 0..<inner { out[i] = out[i].isNaN || out[i] < row[i] ? out[i] : row[i] }
      }
    }
  }
}

/// Writes the index of the largest (or smallest) element along the middle axis of a contiguous
/// `[outer, length, inner]` block. Ties give the first index; NaN counts as the extreme, as in
/// PyTorch. `length` must be positive.
public func argExtremum(
  largest: Bool, input: UnsafePointer<Float>,
  outer: Int, length: Int, inner: Int, into output: UnsafeMutablePointer<Int32>
) {
  for o in 0..<outer {
    for i in 0..<inner {
      let base = input + o * length * inner + i
      var bestIndex = 0
      var best = base[0]
      if !best.isNaN {
        for j in 1..<max(length, 1) {
          let v = base[j * inner]
          if v.isNaN {
            bestIndex = j
            break
          }
          if largest ? v > best : v < best {
            best = v
            bestIndex = j
          }
        }
      }
      output[o * inner + i] = Int32(truncatingIfNeeded: bestIndex)
    }
  }
}
