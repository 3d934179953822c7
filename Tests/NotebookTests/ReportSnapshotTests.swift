// Markdown reports as snapshot files (Snapshots/*.md); RECORD_SNAPSHOTS=1 re-records them.

import Foundation
import Bindings
import Notebook
import Testing

/// Compares `text` with `Snapshots/<name>`, or writes it there when `RECORD_SNAPSHOTS=1`.
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  let recorded = try? String(contentsOf: url, encoding: .utf8)
  #expect(recorded != nil, "no snapshot \(name); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
  if let recorded { #expect(text == recorded, "snapshot \(name)", sourceLocation: sourceLocation) }
}

/// The run with every wall time replaced by a fixed one, so reports are reproducible.
func withFixedTimes(_ run: NotebookRun) -> NotebookRun {
  var run = run
  run.duration = 1.5
  for index in run.results.indices { run.results[index].duration = run.results[index].cell.kind == .code ? 0.012 : 0 }
  return run
}

@Suite struct ReportSnapshotTests {
  static let notebook = """
    # %% [markdown]
    # # Reward shaping
    # Which reward works best?

    # %% Parameters tags=["parameters"]
    let scale = 2

    # %% Rewards
    ## The shaped reward.
    fn shaped(r) { r * scale }
    let rewards = [0, 1, 1].map(shaped)
    print("rewards:", rewards)
    rewards

    # %% Fences
    # Output with backticks gets a longer fence.
    print("```")

    # %%

    # %% Crash
    let mean_reward = sum(rewards) / 0
    """

  @Test func successfulRun() throws {
    let overrides = [try ParameterOverride(parsing: "scale=3")]
    let runner = NotebookRunner(interpreter: try Startup.makeInterpreter())
    runner.output = { _ in }
    var notebook = try Notebook(parsing: ReportSnapshotTests.notebook, file: "notebooks/shaping.rlnb").applying(overrides)
    notebook.cells.removeLast()
    let run = runner.run(notebook, parameters: overrides)
    try expectSnapshot(MarkdownReport.render(withFixedTimes(run)), named: "successful-run.md")
  }

  @Test func failedRunStopsAtTheFailingCell() throws {
    let (run, _) = try runNotebook(ReportSnapshotTests.notebook)
    #expect(run.failedCell?.cell.number == 6)
    try expectSnapshot(MarkdownReport.render(withFixedTimes(run)), named: "failed-run.md")
  }

  @Test(arguments: [(0.0004, "0 ms"), (0.0125, "13 ms"), (1.234, "1.23 s"), (59.9, "59.90 s"), (125.4, "2 min 5 s")])
  func wallTimes(seconds: Double, text: String) {
    #expect(MarkdownReport.format(seconds: seconds) == text)
  }

  @Test func theWriterCreatesTheDirectory() throws {
    let directory = NSTemporaryDirectory() + "rlnb-report-" + UUID().uuidString + "/nested"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (run, _) = try runNotebook("print(1)")
    let path = try ReportWriter.write(run, to: directory)
    #expect(path == directory + "/report.md")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == MarkdownReport.render(run, relativeTo: directory))
    #expect(throws: NotebookError.self) { try ReportWriter.write(run, to: "/proc/rlnb-cannot-write") }
  }
}
