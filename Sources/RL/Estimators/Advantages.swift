// Advantages: MAYE's Reinforce++ (score at EOS, discounted returns, batch whitening) and the
// group estimators GRPO, Dr. GRPO, RLOO and Reinforce++-baseline — pure functions of scores.
import Foundation
import Tensor

/// The advantage estimators rlnb implements.
public enum AdvantageEstimator: String, Sendable, CaseIterable {
  /// MAYE: returns of the EOS-placed score, whitened over the batch's valid tokens.
  case reinforcePlusPlus = "reinforce_pp"
  /// GRPO: (r − group mean) / (group std + ε), the same for every token of a response.
  case grpo
  /// Dr. GRPO: r − group mean, without the std division.
  case drGRPO = "dr_grpo"
  /// RLOO: r minus the mean of the other responses of the group.
  case rloo
  /// Reinforce++ with a group baseline: group-centred scores whitened over the batch (verl).
  case reinforcePlusPlusBaseline = "reinforce_pp_baseline"
}

/// Advantage arithmetic on `[B, L]` tensors (float32), following MAYE's and verl's code.
public enum Advantages {
  /// Per-token rewards `[B, L]`: each score at its EOS column `seqLens[i]`, plus an optional
  /// per-token reward (MAYE's KL reward −β·k3), as MAYE's `get_rewards_from_ref`.
  public static func tokenRewards(scores: [Float], batch: ResponseBatch, perTokenReward: Tensor? = nil) throws -> Tensor {
    guard scores.count == batch.count else {
      throw RLError.invalidInput("\(scores.count) scores for \(batch.count) responses")
    }
    var values = perTokenReward?.scalars ?? [Float](repeating: 0, count: batch.count * batch.width)
    guard values.count == batch.count * batch.width else {
      throw RLError.invalidInput("the per-token reward has \(values.count) values for a [\(batch.count), \(batch.width)] batch")
    }
    for (i, score) in scores.enumerated() { values[i * batch.width + batch.seqLens[i]] += score }
    return try wrapErrors { try Tensor(shape: [batch.count, batch.width], scalars: values) }
  }

  /// MAYE's KL reward: −β · clamp(k(π_old ‖ π_ref), −10, 10) per token, 0 at padding
  /// (`get_rewards_from_ref`; MAYE's paper runs use β = 0). Returns the per-token KL and reward.
  public static func klReward(
    old: Tensor, reference: Tensor, mask: Tensor, coefficient: Float, estimator: KLEstimator = .k3
  ) throws -> (kl: Tensor, reward: Tensor) {
    try wrapErrors {
      let kl = try (estimator(logProbabilities: old, reference: reference).clamped(lower: -10, upper: 10) * mask).detached()
      return (kl, try kl * -coefficient)
    }
  }

  /// Discounted returns over the full width: G_t = r_t + γ·G_{t+1}.
  public static func discountedReturns(_ rewards: Tensor, gamma: Float) throws -> Tensor {
    let (rows, width) = (rewards.shape[0], rewards.shape[1])
    var values = rewards.scalars
    for i in 0..<rows {
      var running: Float = 0
      for t in stride(from: width - 1, through: 0, by: -1) {
        running = values[i * width + t] + gamma * running
        values[i * width + t] = running
      }
    }
    return try wrapErrors { try Tensor(shape: rewards.shape, scalars: values) }
  }

  /// The statistics and result of whitening `values` over the valid tokens of `mask`.
  public struct Whitening: Sendable {
    public var values: Tensor
    public var mean: Float
    public var variance: Float
  }

  /// Whitens over all valid tokens (token-weighted): μ = Σm·x/Σm, σ² with Bessel's correction
  /// N/(N−1) computed in float32 as MAYE does, x̂ = (x − μ)/√(σ² + 1e-8), then 0 at padding.
  ///
  /// With `addingMeanBack` the result is x̂ + μ: MAYE's `whiten(shift_mean=True)` quirk (its
  /// flag is inverted relative to TRL), which leaves the advantages carrying a +μ bias.
  public static func whiten(_ x: Tensor, mask: Tensor, addingMeanBack: Bool = false) throws -> Whitening {
    let values = x.scalars, m = mask.scalars
    var count: Float = 0, total: Float = 0
    for i in values.indices where m[i] != 0 {
      count += m[i]
      total += values[i] * m[i]
    }
    guard count > 0 else { return Whitening(values: try wrapErrors { try Tensor.zeros(x.shape) }, mean: 0, variance: 0) }
    let mean = total / count
    var squares: Float = 0
    for i in values.indices where m[i] != 0 { squares += (values[i] - mean) * (values[i] - mean) * m[i] }
    let variance = count > 1 ? squares / count * (count / (count - 1)) : 0
    let scale = 1 / (variance + 1e-8).squareRoot()
    let whitened = values.indices.map { m[$0] != 0 ? (values[$0] - mean) * scale + (addingMeanBack ? mean : 0) : 0 }
    return Whitening(values: try wrapErrors { try Tensor(shape: x.shape, scalars: whitened) }, mean: mean, variance: variance)
  }

  /// MAYE's Reinforce++: scores at EOS (plus an optional per-token KL reward), returns with γ,
  /// whitened over the batch's valid tokens. Zero-mean by default; `addingMeanBack` reproduces
  /// MAYE exactly. Returns the advantages and the returns, both `[B, L]`.
  public static func reinforcePlusPlus(
    scores: [Float], batch: ResponseBatch, gamma: Float = 1, perTokenReward: Tensor? = nil, addingMeanBack: Bool = false
  ) throws -> (advantages: Tensor, returns: Tensor) {
    let returns = try discountedReturns(tokenRewards(scores: scores, batch: batch, perTokenReward: perTokenReward), gamma: gamma)
    return (try whiten(returns, mask: batch.mask, addingMeanBack: addingMeanBack).values, returns)
  }

  /// Group statistics of one score per response: mean and unbiased std of each response's group.
  static func groupStatistics(_ scores: [Float], groupIDs: [Int]) throws -> (mean: [Double], std: [Double], size: [Int]) {
    guard scores.count == groupIDs.count else {
      throw RLError.invalidInput("\(scores.count) scores but \(groupIDs.count) group ids")
    }
    var members: [Int: [Double]] = [:]
    for (score, group) in zip(scores, groupIDs) { members[group, default: []].append(Double(score)) }
    var mean: [Double] = [], std: [Double] = [], size: [Int] = []
    for group in groupIDs {
      let values = members[group] ?? []
      // A group of one has no baseline: mean 0 and std 1, as verl does.
      guard values.count > 1 else {
        mean.append(0); std.append(1); size.append(values.count)
        continue
      }
      let m = values.reduce(0, +) / Double(values.count)
      mean.append(m)
      std.append((values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot())
      size.append(values.count)
    }
    return (mean, std, size)
  }

  /// GRPO: A_i = (r_i − mean_g) / (std_g + ε) with the unbiased group std (TRL uses ε = 1e-4,
  /// verl 1e-6). With `dividingByStd` false this is Dr. GRPO. Every valid token of a response
  /// gets its A_i. Returns the per-response values and the `[B, L]` per-token tensor.
  public static func grpo(
    scores: [Float], groupIDs: [Int], batch: ResponseBatch, dividingByStd: Bool = true, epsilon: Float = 1e-4
  ) throws -> (perResponse: [Float], perToken: Tensor) {
    let stats = try groupStatistics(scores, groupIDs: groupIDs)
    let perResponse = scores.indices.map { i in
      Float(dividingByStd ? (Double(scores[i]) - stats.mean[i]) / (stats.std[i] + Double(epsilon)) : Double(scores[i]) - stats.mean[i])
    }
    return (perResponse, try broadcast(perResponse, over: batch))
  }

  /// RLOO: A_i = r_i − mean of the group's other scores = G/(G−1)·(r_i − mean_g).
  public static func rloo(scores: [Float], groupIDs: [Int], batch: ResponseBatch) throws -> (perResponse: [Float], perToken: Tensor) {
    let stats = try groupStatistics(scores, groupIDs: groupIDs)
    let perResponse = scores.indices.map { i -> Float in
      let g = Double(stats.size[i])
      return g > 1 ? Float(g / (g - 1) * (Double(scores[i]) - stats.mean[i])) : 0
    }
    return (perResponse, try broadcast(perResponse, over: batch))
  }

  /// verl's Reinforce++-baseline: group-centred scores r_i − mean_g on every valid token,
  /// whitened over all valid tokens of the batch (zero-mean).
  public static func reinforcePlusPlusBaseline(scores: [Float], groupIDs: [Int], batch: ResponseBatch) throws -> Tensor {
    let centered = try grpo(scores: scores, groupIDs: groupIDs, batch: batch, dividingByStd: false)
    return try whiten(centered.perToken, mask: batch.mask).values
  }

  /// `[B, L]` with value[i] on the valid tokens of response i and 0 at padding.
  static func broadcast(_ values: [Float], over batch: ResponseBatch) throws -> Tensor {
    try wrapErrors { try Tensor(shape: [values.count, 1], scalars: values) * batch.mask }
  }
}
