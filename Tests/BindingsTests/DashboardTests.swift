// Dashboards through the language: run directories loaded, MAYE's figures drawn as text and
// PNG from real logs, Table 3 as a table, and figures refreshed while a run is still logging.

import Bindings
import Foundation
import Lang
import Plot
import RL
import Testing

struct DashboardTests {
  /// A harness in a scratch directory holding the fixture's three seeds under `runs/`.
  func harnessWithRuns() throws -> (PlotHarness, URL) {
    let directory = try scratchDirectory()
    _ = try DashboardFixture.write(in: directory)
    return (try PlotHarness(directory: directory), directory)
  }

  let seeds = #"["runs/seed0", "runs/seed1", "runs/seed2"]"#

  // MARK: - Runs

  @Test func loadRunReadsEveryLogAndPrintsShort() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = harness.printed("""
      let r = load_run("runs/seed0")
      print(type(r), r.name, len(r.metrics), len(r.epochs), r.config.seed, r.rollouts)
      print(r.metrics[0].step, r.metrics[0]["reflection_words/wait"], r.epochs[0].epoch, r.epochs[0].has("acc/Training Set Epoch Accuracy"))
      let killed = load_run("runs/seed2", rollouts: true)
      print(load_run("runs/seed1").name, len(killed.metrics), len(killed.epochs), len(killed.rollouts), killed.rollouts[0].text)
      print(len(r.load_rollouts()), len(r.rollouts))
      """)
    #expect(result == """
      run maye-seed0 12 5 0 nil
      1 1 0 false
      seed1 6 3 12 wait, the answer is 1
      24 24

      """)
    let printed = harness.printed("print([load_run(\"runs/seed1\")])")
    #expect(printed == "[<run \"seed1\": 9 steps, epochs 0-3 in \"\(directory.path)/runs/seed1\">]\n")
    // reload() reads what the run has logged since.
    try RunLog(directory: directory.appendingPathComponent("runs/seed0").path)
      .append(step: 13, metrics: DashboardFixture.stepMetrics(seed: 0, step: 13))
    #expect(harness.printed("print(len(r.metrics), len(r.reload().metrics), r.metrics[-1].step)") == "12 13 13\n")
  }

  /// The accuracy legend goes to a corner no curve passes through; when every corner holds a
  /// curve (pass@8 high and flat, pass@1 low and flat), the y axis grows a free band on top.
  @Test(arguments: [
    ([0.6, 0.62, 0.6], [0.15, 0.2, 0.18], "top left", true),
    ([0.7, 0.5, 0.3], [0.65, 0.45, 0.25], "top right", false),
    ([0.1, 0.3, 0.6], [0.05, 0.25, 0.55], "top left", false),
  ])
  func accuracyLegendAvoidsTheCurves(high: [Double], low: [Double], legend: String, raisesTop: Bool) throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = try RunLog(directory: directory.appendingPathComponent("runs/a").path)
    for epoch in 0..<3 {
      _ = try log.append(epoch: epoch, metrics: [
        "acc/Validation Set Epoch Accuracy pass@8 Temperature=1.0": .number(high[epoch]),
        "acc/Validation Set Epoch Accuracy pass@1 Temperature=0.6": .number(low[epoch]),
      ])
    }
    let harness = try PlotHarness(directory: directory)
    // Two entries: a raised top keeps the data in the bottom 76 % (0.62 + 0.47 · 0.24 / 0.76).
    let printed = harness.printed("""
      let f = plot_dynamics("runs/a", panels: ["validation_accuracy"])
      let top = if f.yrange == nil { nil } else { f.yrange[1] }
      print(f.legend, top != nil, top != nil and top > 0.76 and top < 0.77)
      """)
    #expect(printed == "\(legend) \(raisesTop) \(raisesTop)\n")
  }

  @Test(arguments: [
    ("load_run(\"runs/none\")", "load_run: <dir>/runs/none: no such run directory"),
    ("load_run(\"runs/empty\")", "load_run: <dir>/runs/empty: no run logs here (no metrics.jsonl or epochs.jsonl)"),
    ("load_run(\"runs/corrupt\")", "load_run: <dir>/runs/corrupt/metrics.jsonl:2: not a metric record"),
    ("load_run(\"runs/badconfig\")", "load_run: <dir>/runs/badconfig/config.json: not a JSON object"),
    ("load_run(3)", "bad argument 'dir' to load_run (string expected, got number)"),
    ("plot_dynamics([])", "plot_dynamics: no runs given"),
    ("plot_dynamics(1)", "bad argument 'runs' to plot_dynamics (run, run directory or list of them expected, got number)"),
    ("plot_dynamics([\"runs/seed0\", \"runs/none\"])", "plot_dynamics: <dir>/runs/none: no such run directory"),
    ("plot_dynamics(\"runs/seed0\", panels: [\"rewards\"])",
     "plot_dynamics: no panel or metric 'rewards' (panels: training_accuracy, response_length, reflection_ratio, correct_in_reflection, validation_accuracy, test_accuracy; or any metric the runs log)"),
    ("plot_dynamics(\"runs/seed0\", smooth: 2, ema: 0.5)", "plot_dynamics: pass smooth: or ema:, not both"),
    ("plot_dynamics(\"runs/seed0\", panels: [\"training_accuracy\"], logy: 1)", "figure logy must be a bool, got number"),
    ("plot_words(\"runs/seed0\", words: [\"hmm\"])",
     "plot_words: 'hmm' is not one of MAYE's reflection words (re-check, re-evaluate, re-examine, re-think, recheck, reevaluate, reexamine, reevaluation, rethink, check again, think again, try again, verify, wait, yet)"),
    ("summarize_runs(\"runs/none\")", "summarize_runs: <dir>/runs/none: no such run directory"),
    ("compare_runs({})", "compare_runs: no groups given"),
    ("compare_runs({RL: []})", "compare_runs: no runs given"),
  ])
  func errorMessage(_ source: String, _ expected: String) throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    let runs = directory.appendingPathComponent("runs")
    try FileManager.default.createDirectory(at: runs.appendingPathComponent("empty"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: runs.appendingPathComponent("corrupt"), withIntermediateDirectories: true)
    try Data("{\"step\": 1}\n{\"step\": 2,\n{\"step\": 3}\n".utf8).write(to: runs.appendingPathComponent("corrupt/metrics.jsonl"))
    try FileManager.default.createDirectory(at: runs.appendingPathComponent("badconfig"), withIntermediateDirectories: true)
    try Data("{\"step\": 1}\n".utf8).write(to: runs.appendingPathComponent("badconfig/metrics.jsonl"))
    try Data("{name: 1}".utf8).write(to: runs.appendingPathComponent("badconfig/config.json"))
    let message = expected.replacingOccurrences(of: "<dir>", with: directory.path)
    #expect(harness.printed("try { \(source) } catch e { print(e.message) }") == message + "\n", "\(source)")
  }

  // MARK: - Dynamics (Fig. 4/5)

  @Test func plotDynamicsDrawsMAYEsPanelsAsText() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    try harness.run("let fig = plot_dynamics(\(seeds))")
    #expect(harness.printed("print([fig], fig.layout)") == "[<figure \"maye-seed0, seed1, seed2\": 6 panels, 10 series>] [3, 2]\n")
    // Inline, on the 80 × 24 screen: every panel is there.
    let inline = Display.text(of: try #require(harness.interpreter.global("fig")))
    let titles = ["training accuracy", "response length", "reflection ratio", "correct ratio in reflection texts", "validation accuracy",
                  "test accuracy"]
    for title in titles { #expect(inline.contains(title), "\(title)\n\(inline)") }
    #expect(inline.split(separator: "\n").allSatisfy { $0.count <= 80 })
    // Larger: the settings' legend, mean lines (*, #, $ for the three settings) in bands (X).
    let text = try #require(try harness.run("fig.render(120, 50)")).description
    for label in ["pass@8 T=1.0", "pass@1 T=0.6", "pass@1 T=0.01", "epoch", "step", "maye-seed0, seed1, seed2"] {
      #expect(text.contains(label), "\(label)\n\(text)")
    }
    #expect(text.contains("***") && text.contains("###") && text.contains("$$$") && text.contains("XXX"), "\(text)")
    // One run: no bands, and the title is its name.
    let single = try #require(try harness.run("plot_dynamics(load_run(\"runs/seed1\"), smooth: 3).render(120, 50)")).description
    #expect(single.contains("seed1") && single.contains("***") && !single.contains("X"), "\(single)")
  }

  @Test func panelsChooseAndPanelsWithoutDataAreLeftOut() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    // A run without evaluation: only the per-step panels.
    let log = try RunLog(directory: directory.appendingPathComponent("runs/no-eval").path)
    for step in 1...4 { try log.append(step: step, metrics: DashboardFixture.stepMetrics(seed: 0, step: step)) }
    let result = harness.printed("""
      print([plot_dynamics("runs/no-eval")])
      let chosen = plot_dynamics(\(seeds), panels: ["test_accuracy", "training/kl", "response_length"], ema: 0.5, title: "chosen")
      print([chosen], chosen.layout, chosen.render(100, 40).contains("training/kl"))
      """)
    #expect(result == """
      [<figure "no-eval": 3 panels, 3 series>]
      [<figure "chosen": 3 panels, 5 series>] [3, 1] true

      """)
  }

  @Test func dashboardsSaveAsPNGAndAreRecordedForTheReport() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    try harness.run("""
      let runs = \(seeds).map(d => load_run(d))
      save(plot_dynamics(runs), "dynamics.png")
      plot_words(runs).save("words.png")
      show(plot_dynamics(runs[0], panels: ["validation_accuracy"]))
      """)
    let dynamics = try decodePNG(directory.appendingPathComponent("dynamics.png").path)
    #expect(dynamics.width == 900 && dynamics.height == 900 && dynamics.nonWhiteFraction > 0.02, "\(dynamics)")
    let words = try decodePNG(directory.appendingPathComponent("words.png").path)
    #expect(words.width == 800 && words.height == 600 && words.nonWhiteFraction > 0.01, "\(words)")
    let report = directory.appendingPathComponent("report").path
    let paths = try PlotLibrary.takeCellFigures(from: harness.interpreter, writingTo: report, stem: "cell-1")
    #expect(paths.count == 1)
    let shown = try decodePNG(try #require(paths.first))
    #expect(shown.width == 800 && shown.height == 500 && shown.nonWhiteFraction > 0.005)
  }

  // MARK: - Reflection words (Fig. 7/8)

  @Test func plotWordsDrawsOnePanelPerWordPresent() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    try harness.run("let words = plot_words(\(seeds))")
    let text = Display.text(of: try #require(harness.interpreter.global("words")))
    for label in ["reflection word counts (average of 3 runs)", "verify", "wait", "step"] { #expect(text.contains(label), "\(label)\n\(text)") }
    #expect(!text.contains("re-check"), "words that are zero throughout are left out")
    let result = harness.printed("""
      print([words], words.layout)
      let every = plot_words(\(seeds), zeros: true)
      print(every.panels, every.layout)
      let overlay = plot_words("runs/seed0", overlay: true, smooth: 2)
      print([overlay], overlay.render(80, 24).contains("verify"))
      print(plot_words("runs/seed1", words: ["wait", "yet"], zeros: true).panels)
      """)
    #expect(result == """
      [<figure "reflection word counts (average of 3 runs)": 2 panels, 2 series>] [2, 1]
      15 [5, 3]
      [<figure "reflection word counts": 1 panel, 2 series>] true
      2

      """)
  }

  // MARK: - Table 3

  @Test func summarizeRunsIsTableThreeOverTheSeeds() throws {
    let (harness, directory) = try harnessWithRuns()
    defer { try? FileManager.default.removeItem(at: directory) }
    let value = try #require(try harness.run("summarize_runs(\(seeds))"))
    guard case .native(let table as TableObject) = value else {
      Issue.record("not a table: \(value)")
      return
    }
    #expect(table.columns == ["split", "setting", "vanilla", "mean", "mean_std", "max", "max_std", "runs"])
    var metrics = [EpochMetricName.trainingAccuracy]
    for split in EvaluationSplit.allCases { metrics += DecodingSetting.maye.reversed().map { EpochMetricName.accuracy(split, $0) } }
    #expect(table.rows.count == metrics.count)
    for (row, metric) in zip(table.rows, metrics) {
      // The same numbers through SeedAggregation: each seed's trained epochs (the killed seed's two).
      let expected = SeedAggregation.epochSummary(DashboardFixture.trainedEpochValues(metric))
      #expect(row["mean"] == .number(expected.mean) && row["mean_std"] == .number(expected.meanStd), "\(metric)")
      #expect(row["max"] == .number(expected.max) && row["max_std"] == .number(expected.maxStd), "\(metric)")
      #expect(row["runs"] == .number(3))
      let vanillas = (0..<3).compactMap { seed in DashboardFixture.accuracies(seed: seed, epoch: 0).first { $0.0 == metric }?.1 }
      #expect(row["vanilla"] == (vanillas.isEmpty ? .nil : .number(vanillas.reduce(0, +) / 3)), "\(metric)")
    }
    #expect(table.rows.map { $0["setting"]?.description ?? "" }.prefix(4) == ["nil", "pass@8 T=1.0", "pass@1 T=0.6", "pass@1 T=0.01"])
    let printed = harness.printed("print(summarize_runs(\(seeds)))").split(separator: "\n")
    #expect(printed.first == "split       setting        vanilla   mean  mean_std    max  max_std  runs")
    #expect(printed.count == 2 + metrics.count)
    let comparison = harness.printed("""
      let t = compare_runs({RL: \(seeds), SFT: "runs/seed1"})
      print(t.columns, len(t), t[1]["SFT max"])
      """)
    #expect(comparison == "[\"split\", \"setting\", \"vanilla\", \"RL mean\", \"SFT mean\", \"RL max\", \"SFT max\"] 7 0.495\n")
  }

  // MARK: - Live

  @Test func updateReadsTheRunsAgainWhileTheyTrain() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let live = directory.appendingPathComponent("runs/live").path
    let log = try RunLog(directory: live)
    for step in 1...2 { try log.append(step: step, metrics: DashboardFixture.stepMetrics(seed: 0, step: step)) }
    let harness = try PlotHarness(directory: directory)
    try harness.run("""
      let r = load_run("runs/live")
      let fig = plot_dynamics(r, panels: ["response_length", "training_accuracy"])
      fig.title = "live run"
      """)
    #expect(harness.printed("print([fig])") == "[<figure \"live run\": 1 panel, 1 series>]\n")
    // Two more steps and the first epoch arrive; the run value itself is left as it was read.
    try log.append(epoch: 0, metrics: DashboardFixture.epochMetrics(seed: 0, epoch: 0))
    for step in 3...4 { try log.append(step: step, metrics: DashboardFixture.stepMetrics(seed: 0, step: step)) }
    try log.append(epoch: 1, metrics: DashboardFixture.epochMetrics(seed: 0, epoch: 1))
    try harness.run("fig.update()")
    let object = try #require(harness.interpreter.global("fig")?.figureObjectForTests)
    #expect(object.figure.panels.map(\.title) == ["response length", "training accuracy"])
    #expect(object.figure.panels[0].series[0].pointCount == 4 && object.figure.title == "live run")
    #expect(harness.printed("print(len(r.metrics), fig.layout)") == "2 [2, 1]\n")
    // Other runs: fig.update(runs).
    try harness.run("fig.update(load_run(\"runs/live\"), load_run(\"runs/live\"))")
    #expect(object.figure.panels.count == 2)
    if case .band = object.figure.panels[0].series[0].kind {} else { Issue.record("two runs draw a band") }
  }
}

extension Value {
  /// The figure object of a figure value (the accessor in Bindings is internal).
  var figureObjectForTests: FigureObject? {
    if case .native(let object as FigureObject) = self { return object }
    return nil
  }
}
