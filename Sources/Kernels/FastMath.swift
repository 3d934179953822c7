// FastMath: vectorizable float32 approximations of exp and tanh, accurate to about 1-2 ulp.
//
// libm's expf/tanhf are scalar calls (20-45 ns per element, NATIVE.md §4.5) that block
// vectorization. These branch-free versions inline into loops and vectorize with AVX2.
// erf and log stay on libm: they are not on hot paths.

#if canImport(Glibc)
import Glibc
#endif

/// e^x for float32, with correct overflow to +inf, underflow through subnormals to 0, and NaN.
///
/// Cody-Waite range reduction x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in two parts so n·ln2
/// is exact), a degree-6 minimax polynomial for e^r (Cephes expf coefficients), then scaling by
/// 2^n built from exponent bits. 2^n is applied as two factors so n = 128 and subnormal
/// results (n down to -150) need no special path.
@inline(__always)
public func fastExp(_ x: Float) -> Float {
  let clamped = Swift.min(Swift.max(x, -104), 88.72284)
  // Round x/ln2 to the nearest integer with the 1.5·2^23 trick: no float-to-int conversion,
  // which would trap on NaN.
  let magic: Float = 12_582_912
  let shifted = clamped * 1.442_695_040_888_963_4 + magic
  let n = shifted - magic
  var r = clamped - n * 0.693_359_375
  r = r - n * -2.121_944_4e-4
  var p: Float = 1.987_569_150_0e-4
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  let y = p * r * r + r + 1
  let k = Int32(bitPattern: shifted.bitPattern &- magic.bitPattern)
  let half = k >> 1
  let scale1 = Float(bitPattern: UInt32(bitPattern: (half &+ 127) << 23))
  let scale2 = Float(bitPattern: UInt32(bitPattern: ((k &- half) &+ 127) << 23))
  let result = y * scale1 * scale2
  return x > 88.72284 ? .infinity : (x < -104 ? 0 : result)
}

/// tanh(x) for float32: an odd minimax polynomial near 0 (Cephes tanhf, |x| < 0.625), and
/// 1 − 2/(e^{2|x|} + 1) elsewhere, where the subtraction loses nothing.
@inline(__always)
public func fastTanh(_ x: Float) -> Float {
  let z = x * x
  var p: Float = -5.704_988_727_45e-3
  p = p * z + 2.063_908_879_54e-2
  p = p * z - 5.373_971_555_31e-2
  p = p * z + 1.333_144_220_36e-1
  p = p * z - 3.333_328_194_22e-1
  let small = p * z * x + x
  let magnitude = Swift.abs(x)
  let large = 1 - 2 / (fastExp(2 * magnitude) + 1)
  let signed = x < 0 ? -large : large
  return magnitude < 0.625 ? small : signed
}

/// The logistic function 1 / (1 + e^{-x}).
@inline(__always)
public func fastSigmoid(_ x: Float) -> Float {
  1 / (1 + fastExp(-x))
}

/// The error function, from libm (scalar; only the exact GELU uses it).
@inline(__always)
public func erf(_ x: Float) -> Float {
  erff(x)
}

/// The natural logarithm, from libm.
@inline(__always)
public func log(_ x: Float) -> Float {
  logf(x)
}
