// Advantage estimators, KL estimators and the PPO-clip loss in the language: each works on a
// trajectory (storing its advantages) or on plain tensors, so the arithmetic can be checked by hand.

import Lang
import RL
import Tensor

extension Library {
  /// `reinforce_pp grpo dr_grpo rloo reinforce_pp_baseline whiten kl kl_reward policy_loss`.
  public static let estimators = Library("estimators", functions: EstimatorFunctions.functions)
}

/// The estimator builtins.
enum EstimatorFunctions {
  /// What an estimator was called on: a trajectory, or scores with a mask and groups.
  enum Input {
    case trajectory(TrajectoryObject)
    case tensors(scores: [Float], batch: ResponseBatch?, groups: [Int]?)
  }

  static func input(_ args: Arguments, needsGroups: Bool) throws(LangError) -> Input {
    let value = try args.value("x")
    if let object = value.trajectoryObject { return .trajectory(object) }
    let scores = try args.tensor("x")
    guard scores.shape.count == 1 else { throw LangError.message("\(args.functionName): scores must be 1-d (one per response), got shape \(scores.shape)") }
    var batch: ResponseBatch?
    if let mask = try args.optionalTensor("mask") {
      batch = try tensorOperation { try ResponseBatch(mask: mask) }
      guard batch?.count == scores.count else { throw LangError.message("\(args.functionName): \(scores.count) scores but a mask of \(mask.shape[0]) rows") }
    }
    var groups: [Int]?
    if let value = args["groups"], !value.isNil {
      groups = try args.intTensor("groups").scalars.map { Int($0) }
      guard groups?.count == scores.count else { throw LangError.message("\(args.functionName): \(scores.count) scores but \(groups?.count ?? 0) group ids") }
    } else if needsGroups {
      throw LangError.message("\(args.functionName): group ids are needed with plain scores (groups: [0, 0, 1, 1, ...])")
    }
    return .tensors(scores: scores.scalars, batch: batch, groups: groups)
  }

  /// Stores a trajectory estimate and returns its advantages.
  static func estimate(_ object: TrajectoryObject, _ settings: Trajectory.AdvantageSettings, _ interpreter: Interpreter) throws(LangError) -> Value {
    try tensorOperation(interpreter) { try object.trajectory.estimateAdvantages(settings) }
    return object.trajectory.advantages.map(Value.tensor) ?? .nil
  }

  /// Per-response values spread over a mask's valid tokens, or `[B]` without a mask.
  static func perToken(_ perResponse: [Float], _ batch: ResponseBatch?) throws(LangError) -> Value {
    guard let batch else { return ScoreRecords.tensor(perResponse) }
    return .tensor(try tensorOperation { try Tensor(shape: [perResponse.count, 1], scalars: perResponse) * batch.mask })
  }

  static func requireMask(_ batch: ResponseBatch?, _ args: Arguments) throws(LangError) -> ResponseBatch {
    guard let batch else { throw LangError.message("\(args.functionName): plain scores need mask: (a [B, L] response mask)") }
    return batch
  }

  static func estimator(_ name: String) -> AdvantageEstimator? { AdvantageEstimator(rawValue: name) }

  static func klEstimator(_ args: Arguments, _ name: String) throws(LangError) -> KLEstimator {
    let text = try args.string(name)
    guard let estimator = KLEstimator(rawValue: text) else { throw args.badArgument(name, expected: "\"k1\", \"k2\" or \"k3\"", got: .string(text)) }
    return estimator
  }

  static let functions: [Builtin] = [
    Builtin("reinforce_pp", signature: "reinforce_pp(x, mask = nil, gamma = 1, add_mean = false, kl_coef = 0, token_rewards = nil)",
            doc: "MAYE's Reinforce++: the score at the EOS token (plus −kl_coef·k3 per token when kl_coef > 0 and the trajectory has a\nreference), returns with gamma, whitened over the batch's valid tokens. Zero-mean by default; add_mean: true keeps\nMAYE's quirk (+μ). x is a trajectory (its advantages are stored and returned) or scores [B] with mask [B, L].") { args in
      var settings = Trajectory.AdvantageSettings()
      settings.gamma = try args.float("gamma")
      settings.addingMeanBack = try args.bool("add_mean")
      settings.klRewardCoefficient = try args.float("kl_coef")
      switch try input(args, needsGroups: false) {
      case .trajectory(let object): return try estimate(object, settings, args.interpreter)
      case .tensors(let scores, let batch, _):
        let batch = try requireMask(batch, args)
        let tokenRewards = try args.optionalTensor("token_rewards")
        let result = try tensorOperation {
          try Advantages.reinforcePlusPlus(scores: scores, batch: batch, gamma: settings.gamma, perTokenReward: tokenRewards,
                                           addingMeanBack: settings.addingMeanBack)
        }
        return .tensor(result.advantages)
      }
    },
    Builtin("grpo", signature: "grpo(x, groups = nil, mask = nil, eps = 1e-4, std = true)",
            doc: "GRPO: (r − group mean) / (group std + eps) with the unbiased std, on every token of the response; std: false is\nDr. GRPO. x is a trajectory (groups are its prompts) or scores [B] with groups (and mask [B, L] for per-token values).") { args in
      try group(args, dividingByStd: try args.bool("std"))
    },
    Builtin("dr_grpo", signature: "dr_grpo(x, groups = nil, mask = nil)",
            doc: "Dr. GRPO: r − group mean, without the std division. Same inputs as grpo.") { args in
      try group(args, dividingByStd: false)
    },
    Builtin("rloo", signature: "rloo(x, groups = nil, mask = nil)",
            doc: "RLOO: r minus the mean of the other responses of its group. Same inputs as grpo.") { args in
      switch try input(args, needsGroups: true) {
      case .trajectory(let object):
        var settings = Trajectory.AdvantageSettings()
        settings.estimator = .rloo
        return try estimate(object, settings, args.interpreter)
      case .tensors(let scores, let batch, let groups):
        let values = try tensorOperation {
          try Advantages.rloo(scores: scores, groupIDs: groups ?? [], batch: batch ?? ResponseBatch(validLengths: scores.map { _ in 1 }, width: 1)).perResponse
        }
        return try perToken(values, batch)
      }
    },
    Builtin("reinforce_pp_baseline", signature: "reinforce_pp_baseline(x, groups = nil, mask = nil)",
            doc: "verl's Reinforce++ with a group baseline: r − group mean on every valid token, whitened over the batch.") { args in
      switch try input(args, needsGroups: true) {
      case .trajectory(let object):
        var settings = Trajectory.AdvantageSettings()
        settings.estimator = .reinforcePlusPlusBaseline
        return try estimate(object, settings, args.interpreter)
      case .tensors(let scores, let batch, let groups):
        let batch = try requireMask(batch, args)
        return .tensor(try tensorOperation { try Advantages.reinforcePlusPlusBaseline(scores: scores, groupIDs: groups ?? [], batch: batch) })
      }
    },
    Builtin("whiten", signature: "whiten(x, mask, add_mean = false)",
            doc: "(x − μ) / sqrt(σ² + 1e-8) with μ and the unbiased σ² over the mask's valid entries (MAYE's masked_whiten).") { args in
      let x = try args.tensor("x"), mask = try args.tensor("mask"), adding = try args.bool("add_mean")
      return .tensor(try tensorOperation { try Advantages.whiten(x, mask: mask, addingMeanBack: adding).values })
    },
    Builtin("kl", signature: "kl(logprobs, ref_logprobs, estimator = \"k3\")",
            doc: "Per-token estimate of KL(π ‖ π_ref) from the sampled tokens' log-probabilities: k1 = log π − log π_ref,\nk2 = ½(log π − log π_ref)², k3 = e^{log π_ref − log π} − (log π_ref − log π) − 1. Differentiable in logprobs.") { args in
      let estimator = try klEstimator(args, "estimator")
      let pi = try args.tensor("logprobs"), reference = try args.tensor("ref_logprobs")
      return .tensor(try tensorOperation { try estimator(logProbabilities: pi, reference: reference) })
    },
    Builtin("kl_reward", signature: "kl_reward(old_logprobs, ref_logprobs, mask, coef, estimator = \"k3\")",
            doc: "MAYE's per-token KL reward −coef·clamp(k(π_old ‖ π_ref), −10, 10), 0 at padding. Returns {kl, reward}.") { args in
      let old = try args.tensor("old_logprobs"), reference = try args.tensor("ref_logprobs"), mask = try args.tensor("mask")
      let coefficient = try args.float("coef"), estimator = try klEstimator(args, "estimator")
      let result = try tensorOperation { try Advantages.klReward(old: old, reference: reference, mask: mask, coefficient: coefficient, estimator: estimator) }
      return .record(Record([("kl", .tensor(result.kl)), ("reward", .tensor(result.reward))]))
    },
    Builtin("policy_loss", signature: "policy_loss(logprobs, old_logprobs, advantages, mask, ref_logprobs = nil, clip_low = 0.2, clip_high = 0.2, kl_coef = 0.001, kl_estimator = \"k3\", kl_placement = \"maye\", aggregation = \"token_mean\", max_length = nil)",
            doc: "PPO-clip: ρ = e^{logπ − logπ_old}, loss = max(−A·ρ, −A·clamp(ρ, 1 − clip_low, 1 + clip_high)), aggregated by\naggregation (token_mean: MAYE; seq_mean_token_mean: GRPO; seq_mean_token_sum; dr_grpo: Σ/(B·max_length)), plus\nkl_coef × the KL to ref_logprobs (kl_placement maye: clamped token mean added after; per_token: inside, as TRL).\nReturns {loss (differentiable), policy_loss, kl_loss, clipfrac, clipfrac_low, clipfrac_high, ratio_mean, approx_kl, entropy}.") { args in
      let pi = try args.tensor("logprobs"), old = try args.tensor("old_logprobs"), advantages = try args.tensor("advantages")
      let mask = try args.tensor("mask"), reference = try args.optionalTensor("ref_logprobs")
      let configuration = try lossConfiguration(args, width: mask.shape.last ?? 1)
      let loss = try tensorOperation(args.interpreter) {
        try PolicyLoss.compute(logProbabilities: pi, old: old, reference: reference, advantages: advantages, mask: mask, configuration: configuration)
      }
      return .record(Record([
        ("loss", .tensor(loss.loss)), ("policy_loss", .number(loss.policyLoss.shortestDouble)), ("kl_loss", .number(loss.klLoss.shortestDouble)),
        ("clipfrac", .number(loss.clipFraction.shortestDouble)), ("clipfrac_low", .number(loss.clipFractionLow.shortestDouble)),
        ("clipfrac_high", .number(loss.clipFractionHigh.shortestDouble)), ("ratio_mean", .number(loss.ratioMean.shortestDouble)),
        ("approx_kl", .number(loss.approximateKL.shortestDouble)), ("entropy", .number(loss.sampledTokenEntropy.shortestDouble)),
      ]))
    },
  ]

  static func group(_ args: Arguments, dividingByStd: Bool) throws(LangError) -> Value {
    let epsilon = args.builtin.parameters.contains { $0.name == "eps" } ? try args.float("eps") : 1e-4
    switch try input(args, needsGroups: true) {
    case .trajectory(let object):
      var settings = Trajectory.AdvantageSettings()
      settings.estimator = dividingByStd ? .grpo : .drGRPO
      settings.grpoEpsilon = epsilon
      return try estimate(object, settings, args.interpreter)
    case .tensors(let scores, let batch, let groups):
      let values = try tensorOperation {
        try Advantages.grpo(scores: scores, groupIDs: groups ?? [], batch: batch ?? ResponseBatch(validLengths: scores.map { _ in 1 }, width: 1),
                            dividingByStd: dividingByStd, epsilon: epsilon).perResponse
      }
      return try perToken(values, batch)
    }
  }

  /// The loss settings shared by `policy_loss`, `ppo_update` and `rl_step`.
  static func lossConfiguration(_ args: Arguments, width: Int) throws(LangError) -> PolicyLossConfiguration {
    var c = PolicyLossConfiguration()
    c.clipLow = try args.float("clip_low")
    c.clipHigh = try args.float("clip_high")
    c.klCoefficient = try args.float("kl_coef")
    c.klEstimator = try klEstimator(args, "kl_estimator")
    let placement = try args.string("kl_placement")
    switch placement {
    case "maye": c.klPlacement = .separateTokenMean
    case "per_token": c.klPlacement = .perToken
    default: throw args.badArgument("kl_placement", expected: "\"maye\" or \"per_token\"", got: .string(placement))
    }
    let aggregation = try args.string("aggregation")
    switch aggregation {
    case "token_mean": c.aggregation = .tokenMean
    case "seq_mean_token_mean": c.aggregation = .sequenceMeanTokenMean
    case "seq_mean_token_sum": c.aggregation = .sequenceMeanTokenSum
    case "dr_grpo": c.aggregation = .drGRPO(maximumLength: Float(try args.optionalInteger("max_length") ?? width))
    default:
      throw args.badArgument("aggregation", expected: "\"token_mean\", \"seq_mean_token_mean\", \"seq_mean_token_sum\" or \"dr_grpo\"", got: .string(aggregation))
    }
    guard c.clipLow >= 0, c.clipHigh >= 0, c.klCoefficient >= 0 else { throw LangError.message("\(args.functionName): clip_low, clip_high and kl_coef must be ≥ 0") }
    return c
  }
}
