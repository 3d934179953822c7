// KLEstimator: Schulman's k1, k2 and k3 estimators of KL(π‖π_ref) per token, differentiable.
import Tensor

/// A per-token estimator of KL(π_θ ‖ π_ref) from the sampled token's log-probabilities.
public enum KLEstimator: String, Sendable, CaseIterable {
  /// log π − log π_ref (unbiased, high variance, can be negative).
  case k1
  /// ½ (log π − log π_ref)².
  case k2
  /// e^{log π_ref − log π} − (log π_ref − log π) − 1 (unbiased, non-negative; MAYE's choice).
  case k3

  /// The estimate for each token, `[B, L]`; differentiable with respect to `logProbabilities`.
  public func callAsFunction(logProbabilities: Tensor, reference: Tensor) throws -> Tensor {
    try wrapErrors {
      switch self {
      case .k1: return try logProbabilities - reference
      case .k2: return try (logProbabilities - reference).square() * 0.5
      case .k3:
        let logRatio = try reference - logProbabilities
        return try logRatio.exp() - logRatio - 1
      }
    }
  }
}
