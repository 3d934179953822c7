// Tensor+Rotary: rotary position embeddings (rotate-half layout), fused forward and backward.
import Kernels

extension Tensor {
  /// x ⊙ cos + rotate_half(x) ⊙ sin over the last axis, where rotate_half(x) = [−x₂, x₁].
  ///
  /// `cos` and `sin` broadcast against this tensor (e.g. `[B, 1, T, D]` or `[T, D]` against
  /// queries `[B, H, T, D]`); the last dimension must be even and equal in all three.
  /// Gradients flow to this tensor only (the angles are constants of the positions).
  public func applyingRotaryEmbedding(cos: Tensor, sin: Tensor) throws -> Tensor {
    guard rank >= 1, let dim = shape.last, dim % 2 == 0 else {
      throw TensorError.invalidArgument(op: "rotary", reason: "the last dimension must be even, got shape \(shapeText(shape))")
    }
    guard cos.shape == sin.shape else {
      throw TensorError.shapeMismatch(op: "rotary", lhs: cos.shape, rhs: sin.shape, detail: "cos and sin must have the same shape")
    }
    let broadcast = try Layout.broadcast(shape, cos.shape, op: "rotary")
    guard broadcast == shape, cos.shape.last == dim else {
      throw TensorError.shapeMismatch(op: "rotary", lhs: shape, rhs: cos.shape, detail: "cos and sin must broadcast to the input")
    }
    let result = try Tensor.rotate(self, cos: cos, sin: sin, inverse: false)
    return Tensor.record(result, "rotary", inputs: [self]) { .rotary(cos: SavedTensor(cos), sin: SavedTensor(sin)) }
  }

  /// Applies the rotation (or its transpose) with every row's last dimension made contiguous.
  static func rotate(_ input: Tensor, cos: Tensor, sin: Tensor, inverse: Bool) throws -> Tensor {
    func rowContiguous(_ t: Tensor) throws -> Tensor { t.strides.last == 1 || t.shape.last == 1 ? t : try t.contiguousCopy() }
    let x = try rowContiguous(input), c = try rowContiguous(cos), s = try rowContiguous(sin)
    let result = try Tensor.uninitialized(input.shape, op: "rotary")
    let outer = Array(input.shape.dropLast())
    func outerStrides(_ t: Tensor) -> [Int] { Array(t.layout.broadcastStrides(to: input.shape).dropLast()) }
    withExtendedLifetime((x, c, s, result)) {
      Kernels.rotaryEmbedding(shape: outer, dim: input.shape.last ?? 0, inverse: inverse,
                              input: x.base, inputStrides: outerStrides(x), cos: c.base, cosStrides: outerStrides(c),
                              sin: s.base, sinStrides: outerStrides(s), output: result.base, outputStrides: Array(result.strides.dropLast()))
    }
    return result
  }
}
