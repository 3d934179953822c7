// NotebookExecution: a notebook run from the command line — check, parameters, run, report.

import ArgumentParser
import Bindings
import Foundation
import Lang
import Notebook

/// Runs a notebook the way `rlnb FILE` and `rlnb run` do: apply `-p` overrides, stop on any
/// syntax error before running, run every cell streaming its output, name the failing cell,
/// write the report, and choose the exit code.
struct NotebookExecution {
  /// The `-p name=value` overrides.
  var overrides: [ParameterOverride] = []
  /// Where to write `report.md` and figures; nil for no report.
  var reportDirectory: String?

  /// Collects the figures a cell showed. The plot bindings' recorder is wired here; until then
  /// cells produce no images.
  static func imageCollector(for interpreter: Interpreter) -> ImageCollector? {
    // A notebook run prints figures into a log or a report: plain text, no in-place redraws.
    PlotLibrary.state(of: interpreter).outputIsTerminal = false
    return { request in
      guard let directory = request.directory else {
        PlotLibrary.discardCellFigures(in: interpreter)
        return []
      }
      return try PlotLibrary.takeCellFigures(from: interpreter, writingTo: directory, stem: request.stem)
    }
  }

  /// Runs `notebook` in `interpreter`; returns the exit code and the run (nil when nothing ran).
  func run(_ notebook: Notebook, in interpreter: Interpreter) -> (ExitCode, NotebookRun?) {
    let applied: Notebook
    do {
      applied = try notebook.applying(overrides)
    } catch {
      Host.writeError("rlnb: \(error.message)\n")
      return (.usage, nil)
    }
    let errors = applied.syntaxErrors()
    guard errors.isEmpty else {
      Host.writeError(NotebookDiagnostics.render(errors, in: applied))
      return (.syntaxError, nil)
    }

    let runner = NotebookRunner(interpreter: interpreter)
    // Line by line even into a pipe (`rlnb run nb.rlnb | tee log`), so a long run streams.
    runner.output = { text in
      print(text, terminator: "")
      if text.contains("\n") { fflush(nil) }
    }
    runner.collectImages = NotebookExecution.imageCollector(for: interpreter)
    runner.imageDirectory = reportDirectory.map(ReportWriter.figuresDirectory(in:))
    let run = runner.run(applied, parameters: overrides)

    for result in run.results {
      for warning in result.warnings { Host.writeError("rlnb: warning: \(warning)\n") }
    }
    Host.writeError(NotebookDiagnostics.render(failureOf: run))
    if let reportDirectory {
      do {
        let path = try ReportWriter.write(run, to: reportDirectory)
        Host.writeError("rlnb: report written to \(path)\n")
      } catch {
        Host.writeError("rlnb: \(error.message)\n")
        return (ExitCode(74), run)
      }
    }
    guard let failed = run.failedCell else { return (.success, run) }
    return (failed.wasInterrupted ? .interrupted : .runtimeError, run)
  }

  /// Reads the notebook at `path`, reporting an unreadable file.
  static func load(_ path: String) throws(ExitCode) -> Notebook {
    do {
      return try Notebook.load(path: path)
    } catch {
      Host.writeError("rlnb: \(error.message)\n")
      throw .unreadableInput
    }
  }
}
