// RLStep: one iteration of MAYE's loop — rollout, rewards, trajectory and advantages, update —
// returning every intermediate value and the time each stage took.
import Foundation
import Models
import Tensor

/// The settings of one RL step (defaults: MAYE with n = 1, scaled to a single process).
public struct RLStepConfiguration: Sendable {
  /// Responses per prompt (MAYE: 1; GRPO needs ≥ 2).
  public var responsesPerPrompt = 1
  /// Sampling (MAYE: T = 1, top_p = 1, 2048 tokens). The step's seed is mixed in per step.
  public var sampling = SamplingParameters()
  /// How problems become prompts.
  public var template = PromptTemplate()
  /// Sequences per generation batch.
  public var generationBatchSize = 32
  /// Sequences per no-grad forward pass in Step III (MAYE's `forward_batch_size`).
  public var forwardBatchSize = 16
  /// The advantage estimate.
  public var advantages = Trajectory.AdvantageSettings()
  /// The update.
  public var update = PolicyUpdateConfiguration()

  /// MAYE's settings.
  public init() {}
}

/// Everything one step produced.
public struct RLStepResult: Sendable {
  public var rollouts: Rollouts
  public var scores: Scores
  public var trajectory: Trajectory
  public var statistics: UpdateStatistics
  /// Seconds spent in each stage: `rollout`, `rewards`, `trajectory`, `update`.
  public var timings: [String: Double]

  /// The outputs of the four stages, however they were run.
  public init(rollouts: Rollouts, scores: Scores, trajectory: Trajectory, statistics: UpdateStatistics, timings: [String: Double]) {
    self.rollouts = rollouts
    self.scores = scores
    self.trajectory = trajectory
    self.statistics = statistics
    self.timings = timings
  }
}

/// Runs Steps II–IV on `problems` (Step I chose them): samples responses, scores them with
/// `rewards`, builds the trajectory (π_old, π_ref, advantages) and updates `policy`.
/// `step` seeds this step's sampling and shuffling, so a run is reproducible from its seed.
/// `progress` receives the stage (`rollout`, `update`) and its units done and total.
public func rlStep(
  policy: PretrainedModel, reference: PretrainedModel?, problems: [MathProblem], dataset: MathDataset,
  rewards: (Rollouts) throws -> Scores, optimizer: AdamW, configuration: RLStepConfiguration = RLStepConfiguration(), step: Int = 0,
  progress: ((String, Int, Int) throws -> Void)? = nil
) throws -> RLStepResult {
  var timings: [String: Double] = [:]
  func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
    let start = Date()
    defer { timings[stage] = Date().timeIntervalSince(start) }
    return try body()
  }
  var sampling = configuration.sampling
  var seeds = RandomGenerator(seed: sampling.seed, stream: UInt64(step))
  sampling.seed = seeds.nextUInt64()
  let rollouts = try timed("rollout") {
    try rollout(policy: policy, problems: problems, dataset: dataset, n: configuration.responsesPerPrompt, sampling: sampling,
                template: configuration.template, chunkSize: configuration.generationBatchSize) { try progress?("rollout", $0, $1) }
  }
  let scores = try timed("rewards") { try rewards(rollouts) }
  let trajectory = try timed("trajectory") {
    var trajectory = try RL.trajectory(rollouts: rollouts, policy: policy, reference: reference, scores: scores,
                                       forwardBatchSize: configuration.forwardBatchSize)
    try trajectory.estimateAdvantages(configuration.advantages)
    return trajectory
  }
  var update = configuration.update
  update.seed = seeds.nextUInt64()
  let statistics = try timed("update") { try ppoUpdate(policy: policy, trajectory: trajectory, optimizer: optimizer, configuration: update) { try progress?("update", $0, $1) } }
  return RLStepResult(rollouts: rollouts, scores: scores, trajectory: trajectory, statistics: statistics, timings: timings)
}
