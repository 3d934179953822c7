// Tensor+Normalization: fused RMSNorm and LayerNorm over the last axis, with their backward passes.
import Kernels

extension Tensor {
  /// RMSNorm over the last axis, as Qwen2 computes it: weight ⊙ (x / √(mean(x²) + eps)).
  /// - Parameter weight: `[dim]` scale, or nil.
  public func rmsNorm(weight: Tensor?, eps: Float = 1e-6) throws -> Tensor {
    let dim = try normalizedDimension(weight: weight, bias: nil, op: "rms_norm")
    let source = try withoutGradient { try contiguous() }
    let scale = try weight.map { w in try withoutGradient { try w.contiguous() } }
    let rows = dim == 0 ? 0 : count / dim
    let result = try Tensor.uninitialized(shape, op: "rms_norm")
    let rstd = try Tensor.uninitialized([rows], op: "rms_norm")
    withExtendedLifetime((source, scale, result, rstd)) {
      Kernels.rmsNormForward(source.base, weight: scale.map { UnsafePointer($0.base) }, rows: rows, dim: dim, eps: eps,
                             into: result.base, rstd: rstd.base)
    }
    let inputs = [self] + (weight.map { [$0] } ?? [])
    return Tensor.record(result, "rms_norm", inputs: inputs) {
      .rmsNorm(input: SavedTensor(source), weight: scale.map(SavedTensor.init), rstd: rstd)
    }
  }

  /// LayerNorm over the last axis: (x − mean) / √(var + eps) ⊙ weight + bias (biased variance).
  public func layerNorm(weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws -> Tensor {
    let dim = try normalizedDimension(weight: weight, bias: bias, op: "layer_norm")
    let source = try withoutGradient { try contiguous() }
    let scale = try weight.map { w in try withoutGradient { try w.contiguous() } }
    let shift = try bias.map { b in try withoutGradient { try b.contiguous() } }
    let rows = dim == 0 ? 0 : count / dim
    let result = try Tensor.uninitialized(shape, op: "layer_norm")
    let mean = try Tensor.uninitialized([rows], op: "layer_norm")
    let rstd = try Tensor.uninitialized([rows], op: "layer_norm")
    withExtendedLifetime((source, scale, shift, result, mean, rstd)) {
      Kernels.layerNormForward(source.base, weight: scale.map { UnsafePointer($0.base) }, bias: shift.map { UnsafePointer($0.base) },
                               rows: rows, dim: dim, eps: eps, into: result.base, mean: mean.base, rstd: rstd.base)
    }
    let inputs = [self] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    return Tensor.record(result, "layer_norm", inputs: inputs) {
      .layerNorm(input: SavedTensor(source), weight: scale.map(SavedTensor.init), hasBias: bias != nil, mean: mean, rstd: rstd)
    }
  }

  /// Checks the normalized (last) dimension against weight and bias shapes and returns it.
  private func normalizedDimension(weight: Tensor?, bias: Tensor?, op: String) throws -> Int {
    guard rank >= 1 else { throw TensorError.invalidArgument(op: op, reason: "needs at least one dimension") }
    let dim = shape[rank - 1]
    for parameter in [weight, bias].compactMap({ $0 }) where parameter.shape != [dim] {
      throw TensorError.shapeMismatch(op: op, lhs: shape, rhs: parameter.shape, detail: "weight and bias must be [\(dim)]")
    }
    return dim
  }

  /// RMSNorm input and weight gradients.
  static func rmsNormGradients(input: Tensor, weight: Tensor?, rstd: Tensor, gradOutput: Tensor) throws -> [Tensor?] {
    let g = try gradOutput.contiguous()
    let dim = input.shape.last ?? 1
    let gradInput = try Tensor.uninitialized(input.shape, op: "rms_norm_backward")
    let gradWeight = try weight.map { _ in try Tensor.zeros([dim]) }
    withExtendedLifetime((input, weight, rstd, g, gradInput, gradWeight)) {
      Kernels.rmsNormBackward(input.base, weight: weight.map { UnsafePointer($0.base) }, rstd: rstd.base, gradOutput: g.base,
                              rows: rstd.count, dim: dim, gradInput: gradInput.base, gradWeight: gradWeight?.base)
    }
    return [gradInput] + (gradWeight.map { [$0] } ?? [])
  }

  /// LayerNorm input, weight and bias gradients.
  static func layerNormGradients(
    input: Tensor, weight: Tensor?, hasBias: Bool, mean: Tensor, rstd: Tensor, gradOutput: Tensor
  ) throws -> [Tensor?] {
    let g = try gradOutput.contiguous()
    let dim = input.shape.last ?? 1
    let gradInput = try Tensor.uninitialized(input.shape, op: "layer_norm_backward")
    let gradWeight = try weight.map { _ in try Tensor.zeros([dim]) }
    let gradBias = hasBias ? try Tensor.zeros([dim]) : nil
    withExtendedLifetime((input, weight, mean, rstd, g, gradInput, gradWeight, gradBias)) {
      Kernels.layerNormBackward(input.base, weight: weight.map { UnsafePointer($0.base) }, mean: mean.base, rstd: rstd.base,
                                gradOutput: g.base, rows: rstd.count, dim: dim, gradInput: gradInput.base,
                                gradWeight: gradWeight?.base, gradBias: gradBias?.base)
    }
    return [gradInput] + (gradWeight.map { [$0] } ?? []) + (gradBias.map { [$0] } ?? [])
  }
}
