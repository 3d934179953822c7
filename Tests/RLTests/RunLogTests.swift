// Tests of run logs: per-step records with MAYE's names, kill-safety and resuming without duplicates.
import Foundation
import Testing
@testable import Models
@testable import RL
@testable import Tensor

@Suite struct RunLogTests {
  func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-run-\(UUID().uuidString)").path
  }

  @Test func appendsFlushesAndResumesWithoutDuplicates() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = try RunLog(directory: directory)
    try log.writeConfiguration(["seed": .number(3), "model": .text("qwen2-tiny")])
    for step in 1...3 { try log.append(step: step, metrics: ["rews/scores": .number(Double(step) / 10)], rollouts: [["text": .text("r\(step)")]]) }
    try log.append(epoch: 1, metrics: ["acc/Training Set Epoch Accuracy": .number(0.25)])
    // A kill in the middle of a write leaves a partial line: reopening drops it.
    let metrics = directory + "/metrics.jsonl"
    let handle = try #require(FileHandle(forWritingAtPath: metrics))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"rews/scores": 0.4, "st"#.utf8))
    try handle.close()
    let resumed = try RunLog(directory: directory)
    #expect(resumed.lastStep == 3 && resumed.lastEpoch == 1)
    #expect(try resumed.append(step: 3, metrics: ["rews/scores": .number(9)]) == false, "step 3 is already logged")
    #expect(try resumed.append(step: 4, metrics: ["rews/scores": .number(0.4), "note": .text("resumed")]))
    let records = try resumed.records("metrics.jsonl")
    #expect(records.map { $0["step"]?.number } == [1, 2, 3, 4])
    #expect(records.last?["note"] == .text("resumed"))
    #expect(try resumed.records("rollouts.jsonl").count == 3)
    let csv = directory + "/metrics.csv"
    try resumed.exportCSV(to: csv)
    let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "step,note,rews/scores" && lines.count == 5 && lines[4] == "4,\"resumed\",0.4")
  }

  @Test func nonFiniteValuesStayReadable() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = try RunLog(directory: directory)
    try log.append(step: 0, metrics: ["loss/loss": .number(.nan)])
    #expect(try log.records("metrics.jsonl").first?["loss/loss"] == .text("nan"))
  }

  @Test func stepMetricsUseMAYENamesAndTRLAliases() throws {
    let (policy, dataset) = try tinyPolicy(seed: 2)
    let optimizer = try AdamW(parameters: policy.parameters, learningRate: 1e-3)
    var configuration = RLStepConfiguration()
    configuration.sampling.maxNewTokens = 3
    let problems = Array(dataset.problems.prefix(4))
    let result = try rlStep(policy: policy, reference: policy.copy(), problems: problems, dataset: dataset, rewards: { rollouts in
      Scores(total: rollouts.responses.map { _ in 1 }, components: ["accuracy": rollouts.responses.map { _ in 1 }, "language": rollouts.responses.map { _ in 0 }])
    }, optimizer: optimizer, configuration: configuration)
    let maye = stepMetrics(result, step: 7, gradientSteps: 1)
    for name in ["rews/scores", "rews/acc_rewards", "rews/language_rewards", "response/response_lengths", "response/length_clip_ratio",
                 "loss/loss", "loss/policy_loss", "loss/kl_loss", "training/clipfrac", "training/ratios", "training/approx_policy_kl",
                 "training/entropy", "training/grad_norm", "training/lr", "training/kl", "generation_steps", "gradient_steps",
                 "reflection_analysis/reflection_ratio", "reflection_words/wait", "timing/rollout", "timing/update"] {
      #expect(maye[name]?.number != nil, "missing \(name)")
    }
    #expect(maye["generation_steps"] == .number(7) && maye["rews/acc_rewards"] == .number(1))
    #expect(Swift.abs(maye["training/kl"]?.number ?? 1) < 1e-6, "the reference is a copy of the policy")
    #expect(maye["response/response_lengths"]?.number ?? 0 <= 2)
    let trl = stepMetrics(result, step: 7, gradientSteps: 1, style: .trl)
    #expect(trl["reward"] == .number(1) && trl["completions/mean_length"] != nil && trl["rews/scores"] == nil)
    let rows = rolloutRecords(result)
    #expect(rows.count == 4 && rows.allSatisfy { $0["reward/accuracy"] == .number(1) && $0["advantage"] != nil })
  }
}
