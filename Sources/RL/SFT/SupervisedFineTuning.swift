// SupervisedFineTuning: MAYE's SFT baseline — next-token cross-entropy on the `solution` text,
// with the prompt tokens masked out.
import Foundation
import Models
import Tensor

/// The settings of a supervised fine-tuning run (the paper's SFT baseline: lr 1e-5 with warmup
/// and cosine decay, batch size 16).
public struct SFTConfiguration: Sendable {
  public var epochs = 1
  public var batchSize = 16
  /// The seed of the batch order.
  public var seed: UInt64 = 0
  /// Gradient-norm clipping; nil disables it.
  public var maximumGradientNorm: Float? = 1
  /// Targets longer than this many tokens are cut (the stop token stays last).
  public var maximumTargetTokens = 2048
  /// How problems become prompts (the same as RL's).
  public var template = PromptTemplate()

  /// The paper's settings.
  public init() {}
}

/// The loss of one SFT step.
public struct SFTStep: Sendable, Equatable {
  public var epoch: Int, step: Int
  /// Mean negative log-likelihood per target token.
  public var loss: Float
  /// Target tokens in the batch.
  public var tokens: Int
  public var gradientNorm: Float
  public var learningRate: Float
}

/// Fine-tunes `policy` on the `solution` of every problem of `dataset`: the chat prompt is
/// context only, and the loss is the token-mean negative log-likelihood of the solution followed
/// by the stop token. Returns every step's loss; stops on a NaN loss before changing weights.
public func supervisedFineTuning(
  policy: PretrainedModel, dataset: MathDataset, optimizer: AdamW, configuration c: SFTConfiguration = SFTConfiguration(),
  progress: ((SFTStep) throws -> Void)? = nil
) throws -> [SFTStep] {
  let tokenizer = try wrapErrors { try policy.requireTokenizer() }
  guard let stop = policy.generation.eosTokenIds.first else { throw RLError.invalidInput("the model has no stop token (eos_token_id)") }
  var steps: [SFTStep] = []
  for epoch in 0..<c.epochs {
    for batch in try dataset.batches(size: c.batchSize, droppingLast: false, seed: c.seed, epoch: epoch) {
      let prompts = try batch.map { try c.template.prepare($0, in: dataset, for: policy) }
      let targets = batch.map { Array((tokenizer.encode($0.solution) + [stop]).suffix(c.maximumTargetTokens)) }
      let lengths = targets.map(\.count)
      let mask = try ResponseBatch(validLengths: lengths, width: lengths.max() ?? 1).mask
      optimizer.zeroGradients()
      let logProbabilities = try wrapErrors { try policy.responseLogProbabilities(prompts: prompts, responses: targets).logProbabilities }
      let loss = try wrapErrors { try -(logProbabilities * mask).sum() / mask.sum().item() }
      let value = try wrapErrors { try loss.item() }
      guard value.isFinite else {
        optimizer.zeroGradients()
        throw RLError.nonFiniteLoss(stage: "sft", value: value)
      }
      try wrapErrors { try loss.backward() }
      let norm = try optimizer.clipGradientNorm(to: c.maximumGradientNorm ?? .infinity)
      let rate = optimizer.currentLearningRate
      try optimizer.step()
      optimizer.zeroGradients()
      let record = SFTStep(epoch: epoch, step: steps.count, loss: value, tokens: lengths.reduce(0, +), gradientNorm: norm, learningRate: rate)
      steps.append(record)
      try progress?(record)
    }
  }
  return steps
}
