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
  extremum(x, count: count, largest: true)
}

/// The smallest of `count` contiguous floats (NaN if any is NaN; +inf when count is 0).
@inline(__always)
public func minimum(_ x: UnsafePointer<Float>, count: Int) -> Float {
  extremum(x, count: count, largest: false)
}

/// Maximum or minimum in explicit 8-wide vectors: written as a scalar loop with a NaN test the
/// compiler kept it scalar where it was inlined (softmax spent half its time here).
@inline(__always)
func extremum(_ x: UnsafePointer<Float>, count: Int, largest: Bool) -> Float {
  let start: Float = largest ? -.infinity : .infinity
  var best = SIMD8<Float>(repeating: start)
  var sawNaN = SIMDMask<SIMD8<Int32>>(repeating: false)
  let raw = UnsafeRawPointer(x)
  var i = 0
  while i + 8 <= count {
    let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    best.replace(with: v, where: largest ? v .> best : v .< best)
    sawNaN .|= v .!= v
    i += 8
  }
  var result = largest ? best.max() : best.min()
  var nan = any(sawNaN)
  while i < count {
    let v = x[i]
    if v != v { nan = true }
    result = largest ? (v > result ? v : result) : (v < result ? v : result)
    i += 1
  }
  return nan ? .nan : result
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
