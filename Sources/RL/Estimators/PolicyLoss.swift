// PolicyLoss: PPO-clip with decoupled ε, a KL penalty to the reference, the loss aggregation
// modes of MAYE, GRPO, Dr. GRPO and verl, and the diagnostics MAYE logs.
import Tensor

/// How per-token losses l (with mask m, B responses) become one number.
public enum LossAggregation: Sendable, Equatable {
  /// Σ l·m / Σ m over the whole micro-batch: MAYE, TRL `bnpo`, verl `token-mean`.
  case tokenMean
  /// mean_i [Σ_t l·m / max(Σ_t m, 1)]: the 1/|o| of the GRPO paper (TRL `grpo`).
  case sequenceMeanTokenMean
  /// mean_i Σ_t l·m.
  case sequenceMeanTokenSum
  /// Σ l·m / C for a constant C (verl `seq-mean-token-sum-norm`).
  case tokenSumNormalized(by: Float)
  /// Σ l·m / (B·C) (TRL `dr_grpo`, C = the maximum completion length).
  case drGRPO(maximumLength: Float)

  /// Aggregates `perToken` `[B, L]` under `mask` into a scalar (differentiable).
  public func callAsFunction(_ perToken: Tensor, mask: Tensor) throws -> Tensor {
    try wrapErrors {
      let masked = try perToken * mask
      switch self {
      case .tokenMean:
        return try masked.sum() / Swift.max(try mask.sum().item(), 1)
      case .sequenceMeanTokenMean:
        let lengths = try mask.sum(axis: 1).clamped(lower: 1)
        return try (masked.sum(axis: 1) / lengths).mean()
      case .sequenceMeanTokenSum:
        return try masked.sum(axis: 1).mean()
      case .tokenSumNormalized(let constant):
        return try masked.sum() / constant
      case .drGRPO(let maximumLength):
        return try masked.sum() / (Float(perToken.shape[0]) * maximumLength)
      }
    }
  }
}

/// Where the KL penalty enters the loss.
public enum KLPlacement: Sendable, Equatable {
  /// MAYE: kl_loss = clamp(token-mean(KL), −10, 10), added as β·kl_loss after aggregation.
  case separateTokenMean
  /// TRL: β·KL added to every token's loss before aggregation (no clamp).
  case perToken
}

/// The hyperparameters of the PPO-clip loss.
public struct PolicyLossConfiguration: Sendable, Equatable {
  /// ε_low: the ratio is clipped below at 1 − clipLow.
  public var clipLow: Float = 0.2
  /// ε_high: the ratio is clipped above at 1 + clipHigh (0.28 is DAPO's "clip-higher").
  public var clipHigh: Float = 0.2
  /// β: the weight of the KL penalty to the reference policy (MAYE: 0.001; 0 disables it).
  public var klCoefficient: Float = 0.001
  /// The per-token KL estimator (MAYE: k3).
  public var klEstimator: KLEstimator = .k3
  /// How the KL penalty is combined.
  public var klPlacement: KLPlacement = .separateTokenMean
  /// How per-token policy losses are combined (MAYE: token mean).
  public var aggregation: LossAggregation = .tokenMean

  /// MAYE's settings.
  public init() {}
}

/// The loss of one micro-batch and MAYE's diagnostics for it.
public struct PolicyLoss: Sendable {
  /// The scalar to differentiate.
  public var loss: Tensor
  /// The aggregated PPO-clip term.
  public var policyLoss: Float
  /// The KL penalty before its coefficient (clamped token mean under `.separateTokenMean`).
  public var klLoss: Float
  /// The fraction of valid tokens whose clipped term won (MAYE's `clipfrac`), and the parts
  /// clipped below 1 − ε_low and above 1 + ε_high.
  public var clipFraction: Float, clipFractionLow: Float, clipFractionHigh: Float
  /// The mean probability ratio over every position, padding included (MAYE's `ratios`).
  public var ratioMean: Float
  /// ½·mean((log π − log π_old)²) over every position (MAYE's `approx_policy_kl`).
  public var approximateKL: Float
  /// Masked mean of −p·log p of the sampled tokens: MAYE's entropy proxy.
  public var sampledTokenEntropy: Float

  /// Computes the PPO-clip loss for log-probabilities `pi` (with grad), `old` (π_old, no
  /// grad), `reference` (π_ref, or nil for no KL term), per-token `advantages` and `mask`, all
  /// `[B, L]`: ρ = e^{π − π_old}, l = max(−A·ρ, −A·clamp(ρ, 1 − ε_low, 1 + ε_high)).
  public static func compute(
    logProbabilities pi: Tensor, old: Tensor, reference: Tensor?, advantages: Tensor, mask: Tensor,
    configuration c: PolicyLossConfiguration = PolicyLossConfiguration()
  ) throws -> PolicyLoss {
    guard pi.shape == old.shape, pi.shape == advantages.shape, pi.shape == mask.shape, reference.map({ $0.shape == pi.shape }) ?? true else {
      throw RLError.invalidInput("policy loss: log-probabilities \(pi.shape), old \(old.shape), advantages \(advantages.shape) and mask \(mask.shape) must have one shape")
    }
    return try wrapErrors {
      let ratio = try (pi - old).exp()
      let clippedRatio = try ratio.clamped(lower: 1 - c.clipLow, upper: 1 + c.clipHigh)
      let unclippedTerm = try -advantages * ratio
      let clippedTerm = try -advantages * clippedRatio
      var perToken = try Tensor.maximum(unclippedTerm, clippedTerm)
      let tokenCount = Swift.max(try mask.sum().item(), 1)
      func maskedMean(_ x: Tensor) throws -> Float { try (x * mask).sum().item() / tokenCount }

      var klLoss: Float = 0
      var kl: Tensor?
      if let reference {
        let estimate = try c.klEstimator(logProbabilities: pi, reference: reference)
        if c.klPlacement == .perToken {
          perToken = try perToken + estimate * c.klCoefficient
        } else {
          let mean = try (estimate * mask).sum() / tokenCount
          kl = try mean.clamped(lower: -10, upper: 10)
        }
      }
      let policy = try c.aggregation(perToken, mask: mask)
      var loss = policy
      if let kl {
        klLoss = try kl.item()
        loss = try loss + kl * c.klCoefficient
      }
      let (clipped, low, high) = try withoutGradient {
        let wins = try clippedTerm .> unclippedTerm
        return (try maskedMean(wins), try maskedMean(wins * (ratio .< Tensor(1 - c.clipLow))),
                try maskedMean(wins * (ratio .> Tensor(1 + c.clipHigh))))
      }
      let diagnostics = try withoutGradient {
        (ratio: try ratio.mean().item(), kl: try (pi - old).square().mean().item() * 0.5,
         entropy: try maskedMean(-pi.exp() * pi))
      }
      return PolicyLoss(
        loss: loss, policyLoss: try policy.item(), klLoss: klLoss, clipFraction: clipped, clipFractionLow: low, clipFractionHigh: high,
        ratioMean: diagnostics.ratio, approximateKL: diagnostics.kl, sampledTokenEntropy: diagnostics.entropy)
    }
  }
}
