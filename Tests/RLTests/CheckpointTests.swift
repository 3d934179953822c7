// Tests of run checkpoints: bit-exact resume, and interrupted saves that leave a loadable checkpoint.
import Foundation
import Testing
@testable import Models
@testable import RL
@testable import Tensor

@Suite struct CheckpointTests {
  /// One RL step of the toy task, returning its update statistics and mean reward.
  func step(_ policy: PretrainedModel, _ optimizer: AdamW, dataset: MathDataset, index: Int) throws -> (UpdateStatistics, Float) {
    let tokenizer = try policy.requireTokenizer()
    let digits = Set((0...9).compactMap { tokenizer.id(forToken: String($0)) })
    var configuration = RLStepConfiguration()
    configuration.sampling.maxNewTokens = 4
    configuration.sampling.seed = 11
    configuration.update.minibatchSize = 4
    let batch = try dataset.batches(size: 8, seed: 2, epoch: index)[0]
    let result = try rlStep(policy: policy, reference: nil, problems: batch, dataset: dataset, rewards: { digitFraction($0, digits: digits) },
                            optimizer: optimizer, configuration: configuration, step: index)
    return (result.statistics, result.scores.total.reduce(0, +))
  }

  func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-ckpt-\(UUID().uuidString)").path
  }

  @Test func resumingIsBitExact() throws {
    let (straight, dataset) = try tinyPolicy(seed: 4)
    let straightOptimizer = try AdamW(parameters: straight.parameters, learningRate: 1e-2, schedule: .cosine(warmupSteps: 2, totalSteps: 20))
    var straightMetrics: [(UpdateStatistics, Float)] = []
    for index in 0..<4 { straightMetrics.append(try step(straight, straightOptimizer, dataset: dataset, index: index)) }

    let (first, _) = try tinyPolicy(seed: 4)
    let firstOptimizer = try AdamW(parameters: first.parameters, learningRate: 1e-2, schedule: .cosine(warmupSteps: 2, totalSteps: 20))
    var resumedMetrics: [(UpdateStatistics, Float)] = []
    for index in 0..<2 { resumedMetrics.append(try step(first, firstOptimizer, dataset: dataset, index: index)) }
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try RunCheckpoint.save(policy: first, optimizer: firstOptimizer, state: RunState(step: 2, epoch: 0, seed: 11), to: directory)

    let (resumed, state) = try RunCheckpoint.loadPolicy(from: directory)
    let resumedOptimizer = try AdamW(parameters: resumed.parameters)
    #expect(try RunCheckpoint.restore(resumedOptimizer, from: directory) == state)
    #expect(state.step == 2 && state.optimizerSteps == firstOptimizer.stepCount)
    for index in state.step..<4 { resumedMetrics.append(try step(resumed, resumedOptimizer, dataset: dataset, index: index)) }
    #expect(resumed.parameters.values.scalars == straight.parameters.values.scalars, "weights after resuming differ")
    #expect(resumedMetrics.map(\.0) == straightMetrics.map(\.0) && resumedMetrics.map(\.1) == straightMetrics.map(\.1), "metrics differ")
  }

  /// A save stopped at any point (as a kill would stop it) leaves a complete checkpoint: the
  /// previous one, or the new one.
  @Test(arguments: [RunCheckpoint.Stage.afterWritingTemporary, .afterMovingPrevious, .afterInstallingNew])
  func interruptedSavesLeaveALoadableCheckpoint(stage: RunCheckpoint.Stage) throws {
    let (policy, _) = try tinyPolicy(seed: 5)
    let optimizer = try AdamW(parameters: policy.parameters)
    let directory = temporaryDirectory()
    defer {
      for suffix in ["", ".previous", ".tmp-\(getpid())"] { try? FileManager.default.removeItem(atPath: directory + suffix) }
    }
    try RunCheckpoint.save(policy: policy, optimizer: optimizer, state: RunState(step: 1, epoch: 0, seed: 0), to: directory)
    let old = policy.parameters.values.scalars
    try withoutGradient { try policy.parameters.values.add(Tensor.ones(policy.parameters.values.shape)) }
    try RunCheckpoint.save(policy: policy, optimizer: optimizer, state: RunState(step: 2, epoch: 0, seed: 0), to: directory, stoppingAfter: stage)
    let (loaded, state) = try RunCheckpoint.loadPolicy(from: directory)
    if stage == .afterInstallingNew {
      #expect(state.step == 2 && loaded.parameters.values.scalars == policy.parameters.values.scalars)
    } else {
      #expect(state.step == 1 && loaded.parameters.values.scalars == old)
    }
  }

  @Test func missingCheckpointIsAClearError() {
    #expect(throws: RLError.checkpoint(path: "/nonexistent/run", reason: "no checkpoint here (no state.json)")) {
      try RunCheckpoint.loadPolicy(from: "/nonexistent/run")
    }
  }
}
