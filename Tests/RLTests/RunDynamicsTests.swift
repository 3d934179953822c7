// Tests of run histories read back from disk, the dynamics curves aligned across seeds, and
// Table 3 computed from epoch logs.
import Foundation
import Testing
@testable import RL

@Suite struct RunDynamicsTests {
  func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-dynamics-\(UUID().uuidString)").path
  }

  // MARK: - Reading run directories

  @Test func readsARunAndDropsAHalfWrittenLastLine() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = try RunLog(directory: directory)
    try log.writeConfiguration(["name": .text("maye-seed3"), "seed": .number(3)])
    for step in 1...3 { try log.append(step: step, metrics: ["response/response_lengths": .number(Double(100 + step))]) }
    try log.append(epoch: 0, metrics: [EpochMetricName.accuracy(.validation, .passAt8): .number(0.3)])
    // The run is still writing (or was killed mid-write): the last line has no newline yet.
    let handle = try #require(FileHandle(forWritingAtPath: directory + "/metrics.jsonl"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"response/response_lengths": 10"#.utf8))
    try handle.close()
    let run = try RunHistory.read(directory: directory)
    #expect(run.name == "maye-seed3" && run.steps.count == 3 && run.epochs.count == 1)
    #expect(run.stepSeries("response/response_lengths").x == [1, 2, 3])
    #expect(run.vanilla?[EpochMetricName.accuracy(.validation, .passAt8)] == .number(0.3))
    #expect(try RunHistory.readRollouts(directory: directory).isEmpty)
  }

  @Test func theNameFallsBackToTheDirectory() throws {
    let directory = temporaryDirectory() + "/seed-7"
    defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
    try RunLog(directory: directory).append(epoch: 1, metrics: [EpochMetricName.trainingAccuracy: .number(0.5)])
    #expect(try RunHistory.read(directory: directory).name == "seed-7")
  }

  @Test func errorsNameTheDirectoryOrTheFileAndLine() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: RLError.checkpoint(path: directory, reason: "no such run directory")) { try RunHistory.read(directory: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    #expect(throws: RLError.checkpoint(path: directory, reason: "no run logs here (no metrics.jsonl or epochs.jsonl)")) {
      try RunHistory.read(directory: directory)
    }
    // A bad line that is not the last is corruption, not a write in progress.
    try Data("{\"step\": 1}\n\n{\"step\": \n{\"step\": 3}\n".utf8).write(to: URL(fileURLWithPath: directory + "/metrics.jsonl"))
    #expect(throws: RLError.invalidDataset(path: directory + "/metrics.jsonl", line: 3, field: nil, reason: "not a metric record")) {
      try RunHistory.read(directory: directory)
    }
  }

  // MARK: - Curves

  /// Three seeds of different lengths; seed 2 skips step 2 and logs no evaluation.
  func seeds() -> [RunHistory] {
    func steps(_ values: [(Double, Double)]) -> [MetricRecord] {
      values.map { ["step": .number($0.0), "response/response_lengths": .number($0.1), "reflection_words/wait": .number($0.1 / 100)] }
    }
    let validation = EpochMetricName.accuracy(.validation, .passAt1Low)
    return [
      RunHistory(name: "a", steps: steps([(1, 100), (2, 200), (3, 300)]), epochs: [
        ["epoch": .number(0), validation: .number(0.1)],
        ["epoch": .number(1), validation: .number(0.2), EpochMetricName.trainingAccuracy: .number(0.3)],
        ["epoch": .number(2), validation: .number(0.4), EpochMetricName.trainingAccuracy: .number(0.5)],
      ]),
      RunHistory(name: "b", steps: steps([(1, 300), (2, 400)]), epochs: [
        ["epoch": .number(0), validation: .number(0.3)],
        ["epoch": .number(1), validation: .number(0.6), EpochMetricName.trainingAccuracy: .number(0.1)],
      ]),
      RunHistory(name: "c", steps: steps([(1, 200), (3, 500), (4, 600)])),
    ]
  }

  @Test func curvesAlignRunsByStepAndAverageWhereTheyHaveValues() throws {
    let curve = try #require(RunDynamics.stepCurve("response/response_lengths", runs: seeds()))
    #expect(curve.x == [1, 2, 3, 4] && curve.runs == 3)
    #expect(curve.mean == [200, 300, 400, 600] && curve.count == [3, 2, 2, 1])
    #expect(abs(curve.std[0] - (20_000.0 / 3).squareRoot()) < 1e-9 && curve.std[1] == 100 && curve.std[3] == 0)
    // Smoothing applies to each run before averaging: a 2-point moving average of each.
    let smoothed = try #require(RunDynamics.stepCurve("response/response_lengths", runs: seeds(), smoothing: { values in
      values.indices.map { $0 == 0 ? values[0] : (values[$0] + values[$0 - 1]) / 2 }
    }))
    #expect(smoothed.mean == [200, 250, 300, 550])
    #expect(RunDynamics.stepCurve("training/kl", runs: seeds()) == nil)
  }

  @Test func panelsFollowMAYEsFiguresAndLeaveOutWhatIsNotLogged() throws {
    let panels = try RunDynamics.panels(runs: seeds())
    #expect(panels.map(\.id) == ["training_accuracy", "response_length", "validation_accuracy"])
    #expect(panels.map(\.xLabel) == ["epoch", "step", "epoch"])
    let validation = panels[2].curves
    #expect(validation.map(\.label) == ["pass@1 T=0.01"] && validation[0].x == [0, 1, 2])
    #expect(validation[0].mean.map { ($0 * 100).rounded() / 100 } == [0.2, 0.4, 0.4], "epoch 0 (vanilla) is drawn too")
    #expect(try RunDynamics.panels(["reflection_words/wait", "response_length"], runs: seeds()).map(\.title)
      == ["reflection_words/wait", "response length"])
    #expect(throws: RLError.self) { try RunDynamics.panels(["nope"], runs: self.seeds()) }
    let words = RunDynamics.reflectionWords(runs: seeds())
    #expect(words.map(\.label) == ["wait"], "words that are zero or absent throughout are left out")
    #expect(RunDynamics.reflectionWords(runs: seeds(), words: ["wait", "yet"], keepingZeros: true).map(\.label) == ["wait"],
            "a word no run logs has no curve")
  }

  @Test func settingsComeInTableThreesOrderThenOthers() {
    let names = DecodingSetting.maye.map { EpochMetricName.accuracy(.test, $0) } + [
      EpochMetricName.accuracy(.test, setting: "pass@4 Temperature=0.8"), EpochMetricName.accuracy(.validation, .passAt8),
    ]
    #expect(EpochMetricName.settings(of: .test, among: names).map(EpochMetricName.shortSetting)
      == ["pass@8 T=1.0", "pass@1 T=0.6", "pass@1 T=0.01", "pass@4 T=0.8"])
  }

  // MARK: - Table 3

  @Test func tableThreeLeavesEpochZeroOutAsVanilla() throws {
    let rows = RunSummary.rows(seeds())
    #expect(rows.map(\.split) == ["Training", "Validation"] && rows.map(\.setting) == [nil, "pass@1 T=0.01"])
    let validation = rows[1]
    let expected = SeedAggregation.epochSummary([[0.2, 0.4], [0.6]])
    #expect(validation.mean == expected.mean && validation.max == expected.max && validation.meanStd == expected.meanStd)
    #expect(validation.maxStd == expected.maxStd && validation.runs == 2)
    #expect(abs((validation.vanilla ?? 0) - 0.2) < 1e-12)
    #expect(rows[0].vanilla == nil && rows[0].mean == SeedAggregation.epochSummary([[0.3, 0.5], [0.1]]).mean)
  }
}
