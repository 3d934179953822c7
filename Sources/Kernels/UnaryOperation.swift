// UnaryOperation: element-wise functions of one tensor, and their derivatives.

#if canImport(Glibc)
import Glibc
#endif

/// An element-wise function y = f(x).
public enum UnaryOperation: Sendable, Equatable {
  case negate, abs, square, reciprocal
  case exp, log, sqrt, rsqrt
  case tanh, sigmoid, relu, silu
  /// GELU with the tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
  case geluTanh
  /// Exact GELU: 0.5·x·(1 + erf(x/√2)).
  case geluErf
  /// min(max(x, lower), upper).
  case clamp(lower: Float, upper: Float)
  /// x^exponent.
  case power(Float)
  /// scale·x + shift.
  case affine(scale: Float, shift: Float)
}

/// √(2/π), the GELU tanh-approximation constant.
let geluTanhScale: Float = 0.797_884_560_802_865_4
let geluTanhCubic: Float = 0.044_715

@inline(__always)
private func evaluate(_ operation: UnaryOperation, _ x: Float) -> Float {
  switch operation {
  case .negate: return -x
  case .abs: return Swift.abs(x)
  case .square: return x * x
  case .reciprocal: return 1 / x
  case .exp: return fastExp(x)
  case .log: return logf(x)
  case .sqrt: return x.squareRoot()
  case .rsqrt: return 1 / x.squareRoot()
  case .tanh: return fastTanh(x)
  case .sigmoid: return fastSigmoid(x)
  case .relu: return x > 0 ? x : 0
  case .silu: return x / (1 + fastExp(-x))
  case .geluTanh:
    return 0.5 * x * (1 + fastTanh(geluTanhScale * (x + geluTanhCubic * x * x * x)))
  case .geluErf: return 0.5 * x * (1 + erff(x * 0.707_106_781_186_547_5))
  case .clamp(let lower, let upper): return Swift.min(Swift.max(x, lower), upper)
  case .power(let exponent): return powf(x, exponent)
  case .affine(let scale, let shift): return x * scale + shift
  }
}

/// Applies `operation` element-wise over a strided n-d input into a strided output.
///
/// Each case gets its own loop (the switch is outside the loop), so the compiler specializes
/// and vectorizes the contiguous rows.
public func unary(
  _ operation: UnaryOperation, shape: [Int],
  input: UnsafePointer<Float>, inputStrides: [Int],
  output: UnsafeMutablePointer<Float>, outputStrides: [Int]
) {
  switch operation {
  case .negate: unaryLoop(shape, input, inputStrides, output, outputStrides) { -$0 }
  case .abs: unaryLoop(shape, input, inputStrides, output, outputStrides) { Swift.abs($0) }
  case .square: unaryLoop(shape, input, inputStrides, output, outputStrides) { $0 * $0 }
  case .reciprocal: unaryLoop(shape, input, inputStrides, output, outputStrides) { 1 / $0 }
  case .exp: unaryLoop(shape, input, inputStrides, output, outputStrides) { fastExp($0) }
  case .log: unaryLoop(shape, input, inputStrides, output, outputStrides) { logf($0) }
  case .sqrt: unaryLoop(shape, input, inputStrides, output, outputStrides) { $0.squareRoot() }
  case .rsqrt: unaryLoop(shape, input, inputStrides, output, outputStrides) { 1 / $0.squareRoot() }
  case .tanh: unaryLoop(shape, input, inputStrides, output, outputStrides) { fastTanh($0) }
  case .sigmoid: unaryLoop(shape, input, inputStrides, output, outputStrides) { fastSigmoid($0) }
  case .relu: unaryLoop(shape, input, inputStrides, output, outputStrides) { $0 > 0 ? $0 : 0 }
  case .silu: unaryLoop(shape, input, inputStrides, output, outputStrides) { $0 / (1 + fastExp(-$0)) }
  case .geluTanh, .geluErf, .power:
    unaryLoop(shape, input, inputStrides, output, outputStrides) { evaluate(operation, $0) }
  case .clamp(let lower, let upper):
    unaryLoop(shape, input, inputStrides, output, outputStrides) { Swift.min(Swift.max($0, lower), upper) }
  case .affine(let scale, let shift):
    unaryLoop(shape, input, inputStrides, output, outputStrides) { $0 * scale + shift }
  }
}

@inline(__always)
private func unaryLoop(
  _ shape: [Int], _ input: UnsafePointer<Float>, _ inputStrides: [Int],
  _ output: UnsafeMutablePointer<Float>, _ outputStrides: [Int], _ f: (Float) -> Float
) {
  forEachRow(shape: shape, strides: [inputStrides, outputStrides]) { offsets, length, strides in
    let x = input + offsets[0]
    let y = output + offsets[1]
    if strides[0] == 1 && strides[1] == 1 {
      for i in 0..<length { y[i] = f(x[i]) }
    } else {
      let sx = strides[0], sy = strides[1]
      for i in 0..<length { y[i * sy] = f(x[i * sx]) }
    }
  }
}

/// Computes the input gradient of a unary operation: gradInput = f′(x) · gradOutput.
///
/// All buffers are contiguous with `count` elements. `input` is x and `output` is y = f(x);
/// each derivative reads whichever is cheaper (tanh and sigmoid use y, GELU uses x).
public func unaryGradient(
  _ operation: UnaryOperation, count: Int,
  input x: UnsafePointer<Float>, output y: UnsafePointer<Float>,
  gradOutput g: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
) {
  switch operation {
  case .negate: for i in 0..<count { dx[i] = -g[i] }
  case .abs: for i in 0..<count { dx[i] = x[i] > 0 ? g[i] : (x[i] < 0 ? -g[i] : 0) }
  case .square: for i in 0..<count { dx[i] = 2 * x[i] * g[i] }
  case .reciprocal: for i in 0..<count { dx[i] = -g[i] * y[i] * y[i] }
  case .exp: for i in 0..<count { dx[i] = g[i] * y[i] }
  case .log: for i in 0..<count { dx[i] = g[i] / x[i] }
  case .sqrt: for i in 0..<count { dx[i] = g[i] * 0.5 / y[i] }
  case .rsqrt: for i in 0..<count { dx[i] = g[i] * -0.5 * y[i] * y[i] * y[i] }
  case .tanh: for i in 0..<count { dx[i] = g[i] * (1 - y[i] * y[i]) }
  case .sigmoid: for i in 0..<count { dx[i] = g[i] * y[i] * (1 - y[i]) }
  case .relu: for i in 0..<count { dx[i] = x[i] > 0 ? g[i] : 0 }
  case .silu:
    for i in 0..<count {
      let s = fastSigmoid(x[i])
      dx[i] = g[i] * s * (1 + x[i] * (1 - s))
    }
  case .geluTanh:
    for i in 0..<count {
      let v = x[i]
      let t = fastTanh(geluTanhScale * (v + geluTanhCubic * v * v * v))
      let inner = geluTanhScale * (1 + 3 * geluTanhCubic * v * v)
      dx[i] = g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * inner)
    }
  case .geluErf:
    // d/dx [x·Φ(x)] = Φ(x) + x·φ(x), with φ the standard normal density.
    for i in 0..<count {
      let v = x[i]
      let cdf = 0.5 * (1 + erff(v * 0.707_106_781_186_547_5))
      let density = fastExp(-0.5 * v * v) * 0.398_942_280_401_432_7
      dx[i] = g[i] * (cdf + v * density)
    }
  case .clamp(let lower, let upper):
    for i in 0..<count { dx[i] = x[i] >= lower && x[i] <= upper ? g[i] : 0 }
  case .power(let exponent):
    for i in 0..<count { dx[i] = exponent == 0 ? 0 : g[i] * exponent * powf(x[i], exponent - 1) }
  case .affine(let scale, _): for i in 0..<count { dx[i] = g[i] * scale }
  }
}
