// Tensor+Loss: cross-entropy with an ignore index, fused with log-softmax.
import Kernels

/// How per-element losses are combined.
public enum LossReduction: Sendable {
  /// The mean over elements that are not ignored (NaN when all are, as in PyTorch).
  case mean
  /// The sum over all elements.
  case sum
  /// One loss per element.
  case none
}

extension Tensor {
  /// Cross-entropy between these logits `[..., classes]` and integer `targets` `[...]`.
  ///
  /// Targets equal to `ignoreIndex` (−100 by default, as in PyTorch and transformers) contribute
  /// nothing and are excluded from the mean. With `.none` the result is the per-position
  /// negative log-probability of the target, i.e. −log p(target).
  /// - Throws: on shape mismatch, or a target outside `0..<classes` that is not `ignoreIndex`.
  public func crossEntropy(targets: IntTensor, ignoreIndex: Int = -100, reduction: LossReduction = .mean) throws -> Tensor {
    guard rank >= 1, Array(shape.dropLast()) == targets.shape else {
      throw TensorError.shapeMismatch(op: "cross_entropy", lhs: shape, rhs: targets.shape, detail: "targets must have the logits' shape without the class axis")
    }
    let classes = shape[rank - 1]
    try targets.validateIndices(below: classes, op: "cross_entropy", allowing: ignoreIndex)
    guard let ignore = Int32(exactly: ignoreIndex) else {
      throw TensorError.invalidArgument(op: "cross_entropy", reason: "ignore index \(ignoreIndex) does not fit in 32 bits")
    }
    let logits = try withoutGradient { try contiguous() }
    let labels = targets.contiguousCopy()
    let rows = targets.count
    let losses = try Tensor.uninitialized(targets.shape, op: "cross_entropy")
    let logSumExp = try Tensor.uninitialized([rows], op: "cross_entropy")
    withExtendedLifetime((logits, labels, losses, logSumExp)) {
      Kernels.crossEntropyForward(logits: logits.base, targets: labels.base, rows: rows, classes: classes,
                                  ignoreIndex: ignore, losses: losses.base, logSumExp: logSumExp.base)
    }
    let perElement = Tensor.record(losses, "cross_entropy", inputs: [self]) {
      .crossEntropy(logits: SavedTensor(logits), targets: labels, logSumExp: logSumExp, ignoreIndex: ignore)
    }
    switch reduction {
    case .none: return perElement
    case .sum: return try perElement.sum()
    case .mean:
      let counted = labels.scalars.filter { $0 != ignoreIndex }.count
      return try perElement.sum() * (1 / Float(counted))
    }
  }

  /// Logit gradients of per-element cross-entropy.
  static func crossEntropyGradient(
    logits: Tensor, targets: IntTensor, logSumExp: Tensor, ignoreIndex: Int32, gradOutput: Tensor
  ) throws -> Tensor {
    let g = try gradOutput.contiguous()
    let classes = logits.shape.last ?? 1
    let result = try Tensor.uninitialized(logits.shape, op: "cross_entropy_backward")
    withExtendedLifetime((logits, targets, logSumExp, g, result)) {
      Kernels.crossEntropyBackward(logits: logits.base, targets: targets.base, logSumExp: logSumExp.base, gradLoss: g.base,
                                   rows: targets.count, classes: classes, ignoreIndex: ignoreIndex, into: result.base)
    }
    return result
  }
}
