// LearningRateSchedule: learning-rate multipliers per optimizer step (warmup, cosine, linear).
import Foundation

/// A function from optimizer step to a multiplier of the base learning rate.
public enum LearningRateSchedule: Sendable, Equatable {
  /// Always 1.
  case constant
  /// Linear warmup over `warmupSteps`, then a half cosine from 1 to 0 at `totalSteps`
  /// (transformers' `get_cosine_schedule_with_warmup`, which MAYE uses with 10 % warmup).
  case cosine(warmupSteps: Int, totalSteps: Int)
  /// Linear warmup, then linear decay to 0 at `totalSteps`.
  case linear(warmupSteps: Int, totalSteps: Int)

  /// The multiplier for optimizer step `step` (counted from 0).
  public func multiplier(step: Int) -> Float {
    switch self {
    case .constant:
      return 1
    case let .cosine(warmup, total):
      if step < warmup { return Float(step) / Float(Swift.max(1, warmup)) }
      let progress = Double(step - warmup) / Double(Swift.max(1, total - warmup))
      return Float(Swift.max(0, 0.5 * (1 + cos(Double.pi * progress))))
    case let .linear(warmup, total):
      if step < warmup { return Float(step) / Float(Swift.max(1, warmup)) }
      return Float(Swift.max(0, Double(total - step) / Double(Swift.max(1, total - warmup))))
    }
  }
}
