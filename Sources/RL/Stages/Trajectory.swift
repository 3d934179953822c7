// Trajectory: Step III of MAYE — what the update needs about every response: masks, the EOS
// position, π_old and π_ref log-probabilities, scores, and (once estimated) advantages.
import Models
import Tensor

/// Rewards of a batch of responses: the final score of each and every component kept for logging.
public struct Scores: Sendable, Equatable {
  /// The score each response is trained on (after MAYE's truncation override).
  public var total: [Float]
  /// Named components (e.g. `accuracy`, `format`, `language`), one value per response.
  public var components: [String: [Float]]

  /// Scores with their components.
  public init(total: [Float], components: [String: [Float]] = [:]) {
    self.total = total
    self.components = components
  }
}

/// Everything Step IV needs about a batch of responses.
public struct Trajectory: Sendable {
  /// The rollouts these come from.
  public var rollouts: Rollouts
  /// Masks (valid up to and including the first EOS) and EOS positions, `[B, Lr]`.
  public var batch: ResponseBatch
  /// log π_old of every response token (0 at padding), `[B, Lr]`.
  public var oldLogProbabilities: Tensor
  /// log π_ref of every response token (0 at padding), or nil without a reference model.
  public var referenceLogProbabilities: Tensor?
  /// The rewards.
  public var scores: Scores
  /// The temperature the log-probabilities were computed at (the sampling temperature).
  public var temperature: Float
  /// Per-token advantages `[B, L]`, set by `estimateAdvantages`.
  public var advantages: Tensor?
  /// Per-token returns, for estimators that compute them.
  public var returns: Tensor?

  /// The number of responses.
  public var count: Int { batch.count }
  /// Response lengths before the EOS (MAYE's `seq_lens`, its "response length" metric).
  public var sequenceLengths: [Int] { batch.seqLens }
}

/// Builds the trajectory of `rollouts` (Step III): the response masks, π_old from `policy` and
/// π_ref from `reference` (when given) in no-grad forward passes of `forwardBatchSize` responses,
/// at the sampling temperature (1 for greedy sampling), and the `scores`.
public func trajectory(
  rollouts: Rollouts, policy: PretrainedModel, reference: PretrainedModel?, scores: Scores, forwardBatchSize: Int = 16
) throws -> Trajectory {
  guard scores.total.count == rollouts.count, scores.components.values.allSatisfy({ $0.count == rollouts.count }) else {
    throw RLError.invalidInput("\(scores.total.count) scores for \(rollouts.count) responses")
  }
  guard rollouts.responses.allSatisfy({ !$0.tokens.isEmpty }) else { throw RLError.invalidInput("every response needs at least one token") }
  let width = rollouts.lengths.max() ?? 1
  let batch = try ResponseBatch(validLengths: rollouts.lengths, width: width)
  let temperature = rollouts.sampling.temperature > 0 ? rollouts.sampling.temperature : 1
  let old = try logProbabilities(of: rollouts, under: policy, width: width, temperature: temperature, chunk: forwardBatchSize, mask: batch.mask)
  let reference = try reference.map {
    try logProbabilities(of: rollouts, under: $0, width: width, temperature: temperature, chunk: forwardBatchSize, mask: batch.mask)
  }
  return Trajectory(rollouts: rollouts, batch: batch, oldLogProbabilities: old, referenceLogProbabilities: reference, scores: scores,
                    temperature: temperature)
}

/// Masked `[B, width]` log-probabilities of the rollouts' responses under `model`, without grad.
func logProbabilities(of rollouts: Rollouts, under model: PretrainedModel, width: Int, temperature: Float, chunk: Int, mask: Tensor) throws -> Tensor {
  try responseLogProbabilities(model: model, prompts: rollouts.responsePrompts, responses: rollouts.responses.map(\.tokens),
                               indices: Array(0..<rollouts.count), width: width, temperature: temperature, chunk: chunk, mask: mask, recording: false)
}

/// Log-probabilities of the selected responses, padded to `width` and masked; computed in chunks
/// (recording autograd when `recording`), then joined.
func responseLogProbabilities(
  model: PretrainedModel, prompts: [PreparedPrompt], responses: [[Int]], indices: [Int], width: Int, temperature: Float, chunk: Int,
  mask: Tensor, recording: Bool
) throws -> Tensor {
  try wrapErrors {
    var parts: [Tensor] = []
    var start = 0
    while start < indices.count {
      let selected = Array(indices[start..<Swift.min(start + Swift.max(chunk, 1), indices.count)])
      let run = {
        try model.responseLogProbabilities(prompts: selected.map { prompts[$0] }, responses: selected.map { responses[$0] }, temperature: temperature).logProbabilities
      }
      var part = recording ? try run() : try withoutGradient(run)
      if part.shape[1] < width { part = try part.padded([(0, 0), (0, width - part.shape[1])]) }
      parts.append(part)
      start += selected.count
    }
    return try Tensor.concatenate(parts, axis: 0) * mask.indexSelect(axis: 0, indices: IntTensor(indices))
  }
}

extension Trajectory {
  /// Settings of the advantage estimate.
  public struct AdvantageSettings: Sendable, Equatable {
    /// The estimator (MAYE: Reinforce++).
    public var estimator: AdvantageEstimator = .reinforcePlusPlus
    /// γ for Reinforce++'s returns (MAYE: 1).
    public var gamma: Float = 1
    /// Reproduce MAYE's whitening quirk (advantages carry +μ); off gives zero-mean advantages.
    public var addingMeanBack = false
    /// β of the per-token KL reward −β·k3(π_old ‖ π_ref) (MAYE's paper runs: 0).
    public var klRewardCoefficient: Float = 0
    /// ε of GRPO's std division (TRL 1e-4, verl 1e-6).
    public var grpoEpsilon: Float = 1e-4

    /// MAYE's settings with zero-mean whitening.
    public init() {}
  }

  /// Computes and stores per-token advantages `[B, L]` with `settings`.
  public mutating func estimateAdvantages(_ settings: AdvantageSettings = AdvantageSettings()) throws {
    let groups = rollouts.responses.map(\.groupID)
    switch settings.estimator {
    case .reinforcePlusPlus:
      var reward: Tensor?
      if settings.klRewardCoefficient != 0 {
        guard let referenceLogProbabilities else { throw RLError.invalidInput("a KL reward needs a reference model's log-probabilities") }
        reward = try Advantages.klReward(old: oldLogProbabilities, reference: referenceLogProbabilities, mask: batch.mask,
                                         coefficient: settings.klRewardCoefficient).reward
      }
      (advantages, returns) = try Advantages.reinforcePlusPlus(scores: scores.total, batch: batch, gamma: settings.gamma,
                                                               perTokenReward: reward, addingMeanBack: settings.addingMeanBack)
    case .grpo:
      advantages = try Advantages.grpo(scores: scores.total, groupIDs: groups, batch: batch, epsilon: settings.grpoEpsilon).perToken
    case .drGRPO:
      advantages = try Advantages.grpo(scores: scores.total, groupIDs: groups, batch: batch, dividingByStd: false).perToken
    case .rloo:
      advantages = try Advantages.rloo(scores: scores.total, groupIDs: groups, batch: batch).perToken
    case .reinforcePlusPlusBaseline:
      advantages = try Advantages.reinforcePlusPlusBaseline(scores: scores.total, groupIDs: groups, batch: batch)
    }
  }
}
