// StepMetrics: the metrics MAYE logs for every generation step, under MAYE's names (TRL's on
// request), and the per-response records of rollouts.jsonl.
import Foundation
import Tensor

/// Metric naming schemes.
public enum MetricStyle: String, Sendable {
  /// MAYE's names (`rews/acc_rewards`, `response/response_lengths`, ...).
  case maye
  /// TRL's names where one exists (`reward`, `completions/mean_length`, ...), MAYE's elsewhere.
  case trl
}

/// MAYE's metric names for the reward components rlnb computes.
public let mayeRewardNames = ["accuracy": "rews/acc_rewards", "format": "rews/format_rewards", "language": "rews/language_rewards"]

/// TRL's names for MAYE's metrics (BASELINES.md lists TRL's per-step names).
public let trlAliases = [
  "loss/loss": "loss", "training/grad_norm": "grad_norm", "training/lr": "learning_rate", "rews/scores": "reward",
  "response/response_lengths": "completions/mean_length", "response/min_length": "completions/min_length",
  "response/max_length": "completions/max_length", "response/length_clip_ratio": "completions/clipped_ratio",
  "training/kl": "kl", "training/entropy_full": "entropy", "training/clipfrac_low": "clip_ratio/low_mean",
  "training/clipfrac_high": "clip_ratio/high_mean", "training/clipfrac": "clip_ratio/region_mean", "timing/step": "step_time",
  "rews/scores_std": "reward_std", "rews/acc_rewards": "rewards/accuracy/mean",
]

/// The per-step metrics of one RL step.
///
/// - Parameters:
///   - gradientSteps: optimizer steps taken since the start of the run.
///   - accuracyComponent: the score component that is 1 for a correct response (for the
///     reflection ratios); without it every response counts as incorrect.
public func stepMetrics(_ result: RLStepResult, step: Int, gradientSteps: Int, accuracyComponent: String = "accuracy",
                        style: MetricStyle = .maye) -> MetricRecord {
  var m: MetricRecord = [:]
  func put(_ name: String, _ value: Double) { m[name] = .number(value) }
  func mean(_ values: [Float]) -> Double { values.isEmpty ? 0 : values.reduce(0.0) { $0 + Double($1) } / Double(values.count) }
  let trajectory = result.trajectory, scores = result.scores
  put("generation_steps", Double(step))
  put("gradient_steps", Double(gradientSteps))
  put("rews/scores", mean(scores.total))
  let scoreMean = mean(scores.total)
  put("rews/scores_std", (scores.total.reduce(0.0) { $0 + (Double($1) - scoreMean) * (Double($1) - scoreMean) } / Double(max(scores.total.count, 1))).squareRoot())
  for (name, values) in scores.components { put(mayeRewardNames[name] ?? "rews/\(name)", mean(values)) }
  // Response lengths are MAYE's seq_lens: tokens before the EOS.
  let lengths = trajectory.sequenceLengths.map(Double.init)
  put("response/response_lengths", lengths.isEmpty ? 0 : lengths.reduce(0, +) / Double(lengths.count))
  put("response/min_length", lengths.min() ?? 0)
  put("response/max_length", lengths.max() ?? 0)
  let truncated = result.rollouts.responses.filter { !$0.endedWithStop }.count
  put("response/length_clip_ratio", Double(truncated) / Double(max(result.rollouts.count, 1)))
  put("training/num_stop_tokens", Double(result.rollouts.count - truncated))
  if let reference = trajectory.referenceLogProbabilities,
    let kl = try? Advantages.klReward(old: trajectory.oldLogProbabilities, reference: reference, mask: trajectory.batch.mask, coefficient: 0).kl,
    let total = try? kl.sum().item()
  {
    put("training/kl", Double(total) / Double(max(trajectory.count, 1)))
  }
  let s = result.statistics
  put("loss/loss", s.loss.shortestDouble)
  put("loss/policy_loss", s.policyLoss.shortestDouble)
  put("loss/kl_loss", s.klLoss.shortestDouble)
  put("training/clipfrac", s.clipFraction.shortestDouble)
  put("training/clipfrac_low", s.clipFractionLow.shortestDouble)
  put("training/clipfrac_high", s.clipFractionHigh.shortestDouble)
  put("training/ratios", s.ratioMean.shortestDouble)
  put("training/approx_policy_kl", s.approximateKL.shortestDouble)
  put("training/entropy", s.sampledTokenEntropy.shortestDouble)
  if let entropy = s.entropy { put("training/entropy_full", entropy.shortestDouble) }
  put("training/grad_norm", s.gradientNorm.shortestDouble)
  put("training/lr", s.learningRate.shortestDouble)
  put("training/temperature", trajectory.temperature.shortestDouble)
  // Reflection analysis on this step's responses.
  let correct = (scores.components[accuracyComponent] ?? []).map { $0 == 1 }
  let texts = result.rollouts.responses.map(\.text)
  let reflection = Reflection.analyze(texts: texts, correct: correct.count == texts.count ? correct : texts.map { _ in false })
  for (name, value) in reflection.ratios { put(name, value) }
  for (name, count) in reflection.wordCounts { put(name, Double(count)) }
  // Timings and throughput.
  var totalTime = 0.0
  for (stage, seconds) in result.timings {
    put("timing/\(stage)", seconds)
    totalTime += seconds
  }
  put("timing/step", totalTime)
  let promptTokens = result.rollouts.responsePrompts.reduce(0) { $0 + $1.ids.count }
  let responseTokens = result.rollouts.lengths.reduce(0, +)
  if let rollout = result.timings["rollout"], rollout > 0 { put("speed/generated_tokens_per_second", Double(responseTokens) / rollout) }
  if let trajectoryTime = result.timings["trajectory"], trajectoryTime > 0 {
    put("speed/tokens_per_second_trajectory", Double(promptTokens + responseTokens) / trajectoryTime)
  }
  if let update = result.timings["update"], update > 0 {
    put("speed/tokens_per_second_ppo", Double(promptTokens + responseTokens) / update)
  }
  guard style == .trl else { return m }
  var aliased: MetricRecord = [:]
  for (name, value) in m { aliased[trlAliases[name] ?? name] = value }
  return aliased
}

/// One record per response for rollouts.jsonl: problem id, text, length, finish reason,
/// reward components, mean advantage over its tokens, and whether it reflects.
public func rolloutRecords(_ result: RLStepResult) -> [MetricRecord] {
  let trajectory = result.trajectory
  let advantages = trajectory.advantages?.scalars ?? []
  let width = trajectory.batch.width
  return result.rollouts.responses.enumerated().map { index, response in
    var record: MetricRecord = [
      "problem_id": .text(result.rollouts.problems[response.problemIndex].id), "group": .number(Double(response.groupID)),
      "text": .text(response.text), "tokens": .number(Double(response.tokens.count)),
      "finish_reason": .text(response.finishReason.rawValue), "score": .number(Double(result.scores.total[index])),
      "reflection": .number(Reflection.isReflective(response.text) ? 1 : 0),
    ]
    for (name, values) in result.scores.components { record["reward/\(name)"] = .number(Double(values[index])) }
    if !advantages.isEmpty {
      let valid = trajectory.batch.validLengths[index]
      let row = advantages[(index * width)..<(index * width + valid)]
      record["advantage"] = .number(row.reduce(0.0) { $0 + Double($1) } / Double(max(valid, 1)))
    }
    return record
  }
}
