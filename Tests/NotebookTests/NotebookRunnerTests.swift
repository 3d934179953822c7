// The runner: one interpreter for all cells, streamed and recorded output, Jupyter's value
// rule, stopping at the first failure, and the image hook.

import Bindings
import Foundation
import Lang
import Notebook
import Testing

/// Runs `text` as notebook `nb.rlnb` in a fresh interpreter; returns the run and the stream.
func runNotebook(_ text: String, configure: (NotebookRunner) -> Void = { _ in }) throws -> (NotebookRun, String) {
  let runner = NotebookRunner(interpreter: try Startup.makeInterpreter())
  var streamed = ""
  runner.output = { streamed += $0 }
  configure(runner)
  return (runner.run(Notebook(parsing: text, file: "nb.rlnb")), streamed)
}

@Suite struct NotebookRunnerTests {
  @Test func cellsShareBindingsAndShowTheirLastValue() throws {
    let (run, streamed) = try runNotebook("""
      # %% One
      let x = 20
      print("one")
      x
      # %% [markdown]
      # prose
      # %% Two
      x * 2 + 2
      # %% Silenced
      x;
      # %% Nil
      print("three")
      """)
    #expect(run.succeeded)
    #expect(run.results.map(\.output) == ["one\n", "", "", "", "three\n"])
    #expect(run.results.map(\.value) == ["20", nil, "42", nil, nil])
    #expect(streamed == "one\n20\n42\nthree\n")
    #expect(run.failedCell == nil)
  }

  @Test func theFirstFailingCellStopsTheRunAndKeepsItsError() throws {
    let (run, streamed) = try runNotebook("""
      # %% Setup
      let items = [1, 2]
      # %% Index
      print("before")
      items[5]
      # %% Never
      print("never")
      """)
    #expect(!run.succeeded)
    #expect(run.results.count == 2)
    let failed = try #require(run.failedCell)
    #expect(failed.cell.number == 2)
    #expect(failed.output == "before\n")
    #expect(failed.error == "nb.rlnb:5:6: error: list index 5 out of range (length 2)\n 5 | items[5]\n   |      ^\n")
    #expect(!failed.wasInterrupted)
    #expect(!streamed.contains("never"))
    #expect(NotebookDiagnostics.render(failureOf: run).hasSuffix("nb.rlnb: cell 2 \"Index\" failed; cell 3 did not run\n"))
  }

  @Test func anInterruptionIsRecordedAsSuch() throws {
    let (run, _) = try runNotebook("# %% Spin\nwhile true {}\n") { runner in
      runner.interpreter.interruptCheck = { true }
    }
    #expect(run.failedCell?.wasInterrupted == true)
    #expect(run.failedCell?.error?.contains("error: interrupted") == true)
  }

  @Test func imagesAreCollectedAfterEachCodeCell() throws {
    let directory = NSTemporaryDirectory() + "rlnb-runner-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var requests: [(Int, String?, String)] = []
    let (run, _) = try runNotebook("# %% A\n1\n# %% [md]\n# text\n# %% B\nerror(\"boom\")\n") { runner in
      runner.imageDirectory = directory + "/figures"
      runner.collectImages = { request in
        requests.append((request.cell.number, request.directory, request.stem))
        guard let target = request.directory else { return [] }
        // What a plot binding does: write the recorded figure under the given stem.
        let path = target + "/\(request.stem)-1.png"
        try Data([0x89, 0x50]).write(to: URL(fileURLWithPath: path))
        return [path]
      }
    }
    #expect(requests.map(\.0) == [1, 3])
    #expect(requests.map(\.2) == ["cell-01", "cell-03"])
    #expect(requests.allSatisfy { $0.1 == directory + "/figures" })
    #expect(run.results.map(\.images) == [[directory + "/figures/cell-01-1.png"], [], [directory + "/figures/cell-03-1.png"]])
    #expect(FileManager.default.fileExists(atPath: directory + "/figures/cell-03-1.png"))
    let report = MarkdownReport.render(run, relativeTo: directory)
    #expect(report.contains("![cell 1 \"A\", figure 1](figures/cell-01-1.png)"))
  }

  @Test func aFailingCollectorBecomesAWarning() throws {
    struct SaveFailed: Error, CustomStringConvertible { var description: String { "gnuplot exited with status 1" } }
    let (run, _) = try runNotebook("# %% Plot\n1\n") { runner in
      runner.collectImages = { _ in throw SaveFailed() }
    }
    #expect(run.succeeded)
    #expect(run.results[0].warnings == ["cannot save the figures of cell 1 \"Plot\": gnuplot exited with status 1"])
  }

  @Test func theInterpreterOutputIsRestoredAfterACell() throws {
    let interpreter = try Startup.makeInterpreter()
    var outside = ""
    interpreter.output = { outside += $0 }
    let runner = NotebookRunner(interpreter: interpreter)
    runner.output = { _ in }
    _ = runner.run(Notebook(parsing: "print(1)", file: "nb.rlnb"))
    try interpreter.run("print(2)")
    #expect(outside == "2\n")
  }
}
