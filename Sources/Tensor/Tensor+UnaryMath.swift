// Tensor+UnaryMath: element-wise functions (exp, log, activations, clamp, powers).
import Kernels

extension Tensor {
  /// Applies a unary kernel into a new contiguous tensor and records its derivative.
  func applying(_ operation: UnaryOperation, _ name: String) throws -> Tensor {
    let result = try Tensor.uninitialized(shape, op: name)
    withExtendedLifetime((self, result)) {
      Kernels.unary(operation, shape: shape, input: base, inputStrides: strides, output: result.base, outputStrides: result.strides)
    }
    return Tensor.record(result, name, inputs: [self]) { .unary(operation, input: SavedTensor(self), output: SavedTensor(result)) }
  }

  /// e^x.
  public func exp() throws -> Tensor { try applying(.exp, "exp") }
  /// The natural logarithm (−inf at 0, NaN below).
  public func log() throws -> Tensor { try applying(.log, "log") }
  /// √x.
  public func sqrt() throws -> Tensor { try applying(.sqrt, "sqrt") }
  /// 1/√x.
  public func rsqrt() throws -> Tensor { try applying(.rsqrt, "rsqrt") }
  /// The hyperbolic tangent.
  public func tanh() throws -> Tensor { try applying(.tanh, "tanh") }
  /// The logistic sigmoid 1/(1 + e^{−x}).
  public func sigmoid() throws -> Tensor { try applying(.sigmoid, "sigmoid") }
  /// max(x, 0).
  public func relu() throws -> Tensor { try applying(.relu, "relu") }
  /// x·σ(x) (SiLU, the activation of Qwen2's SwiGLU MLP).
  public func silu() throws -> Tensor { try applying(.silu, "silu") }
  /// |x|.
  public func abs() throws -> Tensor { try applying(.abs, "abs") }
  /// x².
  public func square() throws -> Tensor { try applying(.square, "square") }
  /// 1/x.
  public func reciprocal() throws -> Tensor { try applying(.reciprocal, "reciprocal") }

  /// Which formula `gelu` uses.
  public enum GELUApproximation: Sendable {
    /// 0.5·x·(1 + erf(x/√2)), PyTorch's default ("none").
    case exact
    /// 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), PyTorch's "tanh".
    case tanh
  }

  /// The Gaussian error linear unit.
  public func gelu(approximation: GELUApproximation = .exact) throws -> Tensor {
    approximation == .exact ? try applying(.geluErf, "gelu") : try applying(.geluTanh, "gelu_tanh")
  }

  /// x·σ(1.702x), the "quick GELU" of CLIP and the Qwen2-VL vision MLP (a composite of recorded ops).
  public func quickGELU() throws -> Tensor { try self * (self * 1.702).sigmoid() }

  /// Each element clamped into [lower, upper] (either bound may be omitted).
  public func clamped(lower: Float = -.infinity, upper: Float = .infinity) throws -> Tensor {
    guard !(lower > upper) else {
      throw TensorError.invalidArgument(op: "clamp", reason: "lower bound \(lower) exceeds upper bound \(upper)")
    }
    return try applying(.clamp(lower: lower, upper: upper), "clamp")
  }

  /// x^exponent for a constant exponent.
  public func pow(_ exponent: Float) throws -> Tensor {
    exponent == 2 ? try applying(.square, "pow") : try applying(.power(exponent), "pow")
  }
}
