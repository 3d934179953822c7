// Run logs for the dashboard tests, written by RunLog as a training run writes them: three
// seeds of different lengths, one killed mid-write, each with an untrained epoch 0.

import Foundation
import RL

/// Three seeds of a small MAYE run under `<root>/runs/`:
/// - `seed0`: 12 steps, epochs 0–4, named "maye-seed0" in its config;
/// - `seed1`: 9 steps, epochs 0–3, no name in its config (the directory names it);
/// - `seed2`: killed mid-way: 6 steps and epochs 0–2, then a half-written line in both logs.
enum DashboardFixture {
  /// (directory name, steps, last epoch) of each seed.
  static let seeds = [("seed0", 12, 4), ("seed1", 9, 3), ("seed2", 6, 2)]

  /// Writes the three runs and returns their directories, in seed order.
  static func write(in root: URL) throws -> [String] {
    try seeds.enumerated().map { seed, entry in
      let (name, steps, lastEpoch) = entry
      let directory = root.appendingPathComponent("runs/\(name)").path
      let log = try RunLog(directory: directory)
      var configuration: [String: MetricValue] = ["seed": .number(Double(seed)), "lr": .number(1e-6)]
      if seed == 0 { configuration["name"] = .text("maye-seed0") }
      try log.writeConfiguration(configuration)
      try log.append(epoch: 0, metrics: epochMetrics(seed: seed, epoch: 0))
      for step in 1...steps {
        try log.append(step: step, metrics: stepMetrics(seed: seed, step: step),
                       rollouts: [["text": .text("wait, the answer is \(step)"), "score": .number(1)], ["text": .text("no"), "score": .number(0)]])
        // Two generation steps per epoch.
        if step % 2 == 0, step / 2 <= lastEpoch { try log.append(epoch: step / 2, metrics: epochMetrics(seed: seed, epoch: step / 2)) }
      }
      if seed == 2 {
        try appendPartialLine(#"{"response/response_lengths": 31"#, to: directory + "/metrics.jsonl")
        try appendPartialLine(#"{"acc/Training Set Epoch Accuracy": 0."#, to: directory + "/epochs.jsonl")
      }
      return directory
    }
  }

  /// The per-step metrics of `seed` at `step`, under MAYE's names.
  static func stepMetrics(seed: Int, step: Int) -> MetricRecord {
    let (s, t) = (Double(seed), Double(step))
    var record: MetricRecord = [
      "rews/scores": .number(0.1 + 0.02 * t + 0.01 * s), "rews/acc_rewards": .number(0.1 + 0.02 * t),
      "response/response_lengths": .number(300 + 10 * t - 4 * s * t), "response/length_clip_ratio": .number(0),
      "loss/loss": .number(0.5 / t), "training/kl": .number(0.001 * t), "training/entropy": .number(1.2 - 0.01 * t),
      "reflection_analysis/reflection_ratio": .number(0.03 + 0.002 * t + 0.001 * s),
      "reflection_analysis/correct_ratio_in_reflection_texts": .number(0.2 + 0.01 * Double((step + seed) % 5)),
      "reflection_analysis/reflection_ratio_in_correct_answers": .number(0.05),
      "reflection_analysis/reflection_ratio_in_incorrect_answers": .number(0.02),
      "reflection_analysis/correct_ratio_in_no_reflection_texts": .number(0.1),
      "timing/step": .number(1.5),
    ]
    for word in Reflection.words { record["reflection_words/" + word] = .number(0) }
    record["reflection_words/wait"] = .number(Double((step * (seed + 1)) % 7))
    record["reflection_words/verify"] = .number(step <= 3 ? 20 - 5 * t + s : 1)
    return record
  }

  /// The accuracies of `seed` after `epoch` (0: the untrained model, without training accuracy).
  static func epochMetrics(seed: Int, epoch: Int) -> MetricRecord {
    var record: MetricRecord = [:]
    for (name, value) in accuracies(seed: seed, epoch: epoch) { record[name] = .number(value) }
    return record
  }

  /// Metric name → value, as `epochMetrics` logs them.
  static func accuracies(seed: Int, epoch: Int) -> [(String, Double)] {
    let (s, e) = (Double(seed), Double(epoch))
    var values: [(String, Double)] = epoch > 0 ? [(EpochMetricName.trainingAccuracy, 0.1 + 0.05 * e + 0.01 * s)] : []
    for split in EvaluationSplit.allCases {
      for setting in DecodingSetting.maye {
        let base = (split == .validation ? 0.2 : 0.15) + (setting.k == 8 ? 0.2 : 0) + (setting.temperature < 0.1 ? 0.01 : 0)
        values.append((EpochMetricName.accuracy(split, setting), base + 0.03 * e + 0.005 * s))
      }
    }
    return values
  }

  /// The logged values of `metric` over each seed's trained epochs (1...), as Table 3 takes them.
  static func trainedEpochValues(_ metric: String) -> [[Double]] {
    seeds.enumerated().map { seed, entry in
      (1...entry.2).compactMap { epoch in accuracies(seed: seed, epoch: epoch).first { $0.0 == metric }?.1 }
    }
  }

  private static func appendPartialLine(_ text: String, to path: String) throws {
    guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }
}
