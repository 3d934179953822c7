// PolicyUpdate: Step IV of MAYE — PPO-clip updates over shuffled minibatches of a trajectory.
import Foundation
import Models
import Tensor

/// The hyperparameters of Step IV (defaults are MAYE's paper run, per rank).
public struct PolicyUpdateConfiguration: Sendable, Equatable {
  /// Responses per optimizer step (MAYE's `ppo_batch_size`).
  public var minibatchSize = 4
  /// Backward passes per optimizer step; a minibatch is split into this many micro-batches.
  public var gradientAccumulationSteps = 1
  /// Passes over the trajectory (MAYE's `ppo_epochs`).
  public var epochs = 1
  /// The loss: ε, KL coefficient and estimator, aggregation.
  public var loss = PolicyLossConfiguration()
  /// Gradient-norm clipping before each step (MAYE: 1.0); nil disables it.
  public var maximumGradientNorm: Float? = 1
  /// Seed of the minibatch shuffling (each epoch draws its own permutation).
  public var seed: UInt64 = 0
  /// Also compute the full-distribution entropy (a softmax over the vocabulary per token).
  public var computingEntropy = true

  /// MAYE's settings.
  public init() {}
}

/// What an update did, averaged over its minibatches (MAYE logs these per generation step).
public struct UpdateStatistics: Sendable, Equatable {
  public var loss: Float = 0, policyLoss: Float = 0, klLoss: Float = 0
  public var clipFraction: Float = 0, clipFractionLow: Float = 0, clipFractionHigh: Float = 0
  public var ratioMean: Float = 0, approximateKL: Float = 0
  /// MAYE's entropy proxy (sampled tokens only) and the full-distribution entropy (nil when off).
  public var sampledTokenEntropy: Float = 0, entropy: Float?
  /// The gradient norm before clipping: of the last minibatch (as MAYE logs it) and the mean.
  public var gradientNorm: Float = 0, meanGradientNorm: Float = 0
  /// The learning rate of the last optimizer step.
  public var learningRate: Float = 0
  /// Optimizer steps taken.
  public var optimizerSteps = 0

  /// All zero (filled in by `ppoUpdate`, or from a logged record).
  public init() {}
}

/// Runs PPO-clip updates of `policy` on `trajectory` (Step IV): for each epoch, a seeded
/// permutation of the responses cut into minibatches; each minibatch accumulates gradients over
/// its micro-batches (loss ÷ accumulation steps), clips the gradient norm and takes one AdamW step.
///
/// A NaN or infinite loss or gradient stops the update with `RLError.nonFiniteLoss` before the
/// weights change (gradients are cleared), so nothing already trained is lost.
public func ppoUpdate(
  policy: PretrainedModel, trajectory: Trajectory, optimizer: AdamW, configuration c: PolicyUpdateConfiguration = PolicyUpdateConfiguration(),
  progress: ((Int, Int) throws -> Void)? = nil
) throws -> UpdateStatistics {
  guard let advantages = trajectory.advantages else {
    throw RLError.invalidInput("the trajectory has no advantages yet: call estimateAdvantages first")
  }
  guard c.minibatchSize > 0, c.gradientAccumulationSteps > 0, c.epochs > 0 else {
    throw RLError.invalidInput("minibatch size, accumulation steps and epochs must be positive")
  }
  let count = trajectory.count
  let width = trajectory.batch.width
  let prompts = trajectory.rollouts.responsePrompts, responses = trajectory.rollouts.responses.map(\.tokens)
  var statistics = UpdateStatistics()
  var minibatches = 0, entropySum: Float = 0
  let totalSteps = c.epochs * ((count + c.minibatchSize - 1) / c.minibatchSize)
  for epoch in 0..<c.epochs {
    var generator = RandomGenerator(seed: c.seed, stream: UInt64(epoch))
    let order = generator.permutation(count)
    for start in stride(from: 0, to: count, by: c.minibatchSize) {
      let minibatch = Array(order[start..<Swift.min(start + c.minibatchSize, count)])
      let microSize = (minibatch.count + c.gradientAccumulationSteps - 1) / c.gradientAccumulationSteps
      optimizer.zeroGradients()
      for microStart in stride(from: 0, to: minibatch.count, by: microSize) {
        let micro = Array(minibatch[microStart..<Swift.min(microStart + microSize, minibatch.count)])
        let indices = try wrapErrors { try IntTensor(micro) }
        let mask = try wrapErrors { try trajectory.batch.mask.indexSelect(axis: 0, indices: indices) }
        let (pi, entropy) = try wrapErrors {
          try policy.responseLogProbabilities(prompts: micro.map { prompts[$0] }, responses: micro.map { responses[$0] },
                                              temperature: trajectory.temperature, computingEntropy: c.computingEntropy)
        }
        let padded = try wrapErrors { pi.shape[1] < width ? try pi.padded([(0, 0), (0, width - pi.shape[1])]) : pi }
        let result = try wrapErrors {
          try PolicyLoss.compute(
            logProbabilities: padded * mask, old: trajectory.oldLogProbabilities.indexSelect(axis: 0, indices: indices),
            reference: trajectory.referenceLogProbabilities?.indexSelect(axis: 0, indices: indices),
            advantages: advantages.indexSelect(axis: 0, indices: indices), mask: mask, configuration: c.loss)
        }
        let value = try wrapErrors { try result.loss.item() }
        guard value.isFinite else {
          optimizer.zeroGradients()
          throw RLError.nonFiniteLoss(stage: "ppo_update", value: value)
        }
        try wrapErrors { try (result.loss * (1 / Float(c.gradientAccumulationSteps))).backward() }
        let share = Float(micro.count) / Float(minibatch.count)
        statistics.loss += value * share
        statistics.policyLoss += result.policyLoss * share
        statistics.klLoss += result.klLoss * share
        statistics.clipFraction += result.clipFraction * share
        statistics.clipFractionLow += result.clipFractionLow * share
        statistics.clipFractionHigh += result.clipFractionHigh * share
        statistics.ratioMean += result.ratioMean * share
        statistics.approximateKL += result.approximateKL * share
        statistics.sampledTokenEntropy += result.sampledTokenEntropy * share
        if let entropy {
          let entropyMask = try wrapErrors { try mask.sliced(axis: 1, end: entropy.shape[1]) }
          entropySum += try wrapErrors { try (entropy * entropyMask).sum().item() / Swift.max(try entropyMask.sum().item(), 1) } * share
        }
      }
      let norm = try c.maximumGradientNorm.map { try optimizer.clipGradientNorm(to: $0) } ?? optimizer.clipGradientNorm(to: .infinity)
      guard norm.isFinite else {
        optimizer.zeroGradients()
        throw RLError.nonFiniteLoss(stage: "ppo_update (gradient norm)", value: norm)
      }
      statistics.learningRate = optimizer.currentLearningRate
      try optimizer.step()
      optimizer.zeroGradients()
      statistics.gradientNorm = norm
      statistics.meanGradientNorm += norm
      statistics.optimizerSteps += 1
      minibatches += 1
      try progress?(minibatches, totalSteps)
    }
  }
  let scale = 1 / Float(Swift.max(minibatches, 1))
  for keyPath in [\UpdateStatistics.loss, \.policyLoss, \.klLoss, \.clipFraction, \.clipFractionLow, \.clipFractionHigh, \.ratioMean,
                  \.approximateKL, \.sampledTokenEntropy, \.meanGradientNorm] {
    statistics[keyPath: keyPath] *= scale
  }
  if c.computingEntropy { statistics.entropy = entropySum * scale }
  return statistics
}
