// NotebookRunner: runs cells in one interpreter, streaming output and recording each result.

import Foundation
import Lang

/// Where and under what name the images of one cell should be saved; see `ImageCollector`.
public struct ImageRequest: Sendable {
  /// The cell that just ran (successfully or not).
  public var cell: Cell
  /// The directory to save images in (the report's `figures/`, already created), or nil when
  /// no report is being written: the collector should then discard what it recorded.
  public var directory: String?
  /// A file-name stem unique to the cell, such as `cell-03`; append `-1.png`, `-2.png`, ...
  public var stem: String
}

/// Collects the images a cell produced, saving them under the request's directory, and returns
/// their paths. Called after every code cell.
///
/// The plot bindings record each figure shown during a cell; the integrator wires them here:
/// ```swift
/// runner.collectImages = { request in
///   let figures = recorder.takeAll()
///   guard let directory = request.directory else { return [] }
///   return try session.savePNGs(figures, in: directory, stem: request.stem)
/// }
/// ```
public typealias ImageCollector = (ImageRequest) throws -> [String]

/// Runs notebook cells in one interpreter, streaming their output and recording a
/// `CellResult` per cell (output, shown value, error, wall time, images).
///
/// The runner never prints errors itself; callers render them from the results
/// (`NotebookDiagnostics`) and turn a run into a report (`MarkdownReport`).
///
/// ```swift
/// let runner = NotebookRunner(interpreter: try Startup.makeInterpreter())
/// runner.output = { print($0, terminator: "") }
/// let run = runner.run(try notebook.applying(overrides), parameters: overrides)
/// if let failed = run.failedCell { ... }
/// ```
public final class NotebookRunner {
  /// The interpreter every cell runs in; bindings persist from cell to cell.
  public let interpreter: Interpreter
  /// Receives each cell's output as it is printed, and each shown value (`repr` + newline).
  public var output: (String) -> Void = { Swift.print($0, terminator: "") }
  /// Called before a code cell runs (the REPL shows a header for `:run` and `:next`).
  public var willRun: ((Cell) -> Void)?
  /// Collects the images a cell produced; nil when no figures can be made.
  public var collectImages: ImageCollector?
  /// Where `collectImages` should save images (created on demand); nil when no report is
  /// written.
  public var imageDirectory: String?

  /// Creates a runner on `interpreter`.
  public init(interpreter: Interpreter) {
    self.interpreter = interpreter
  }

  /// Runs every cell of `notebook` in order and stops after the first failing cell.
  /// `parameters` are recorded in the run for the report; apply them to the notebook first.
  public func run(_ notebook: Notebook, parameters: [ParameterOverride] = []) -> NotebookRun {
    var run = NotebookRun(notebook: notebook, parameters: parameters)
    let start = ContinuousClock.now
    for cell in notebook.cells {
      let result = self.run(cell, in: notebook)
      run.results.append(result)
      if result.failed { break }
    }
    run.duration = (ContinuousClock.now - start).seconds
    return run
  }

  /// Runs one cell of `notebook` (a Markdown cell only yields an empty result).
  public func run(_ cell: Cell, in notebook: Notebook) -> CellResult {
    var result = CellResult(cell: cell)
    guard cell.kind == .code else { return result }
    willRun?(cell)
    let savedOutput = interpreter.output
    defer { interpreter.output = savedOutput }
    let stream = output
    var captured = ""
    interpreter.output = { text in
      captured += text
      stream(text)
    }
    let start = ContinuousClock.now
    do {
      if let value = try interpreter.run(cell.source, file: notebook.file, line: cell.firstLine) {
        if case .nil = value {} else {
          // Rendered once: showing a value can have effects (a figure draws and is recorded).
          let shown = value.repr
          result.value = shown
          stream(shown + "\n")
        }
      }
    } catch {
      result.error = interpreter.render(error)
      if case .runtime(let runtime) = error, case .interrupted = runtime.fault { result.wasInterrupted = true }
    }
    result.duration = (ContinuousClock.now - start).seconds
    result.output = captured
    collectImages(for: &result)
    return result
  }

  private func collectImages(for result: inout CellResult) {
    guard let collectImages else { return }
    var directory = imageDirectory
    if let path = directory {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        result.warnings.append("cannot create '\(path)': \(error.localizedDescription)")
        directory = nil
      }
    }
    let stem = "cell-" + (result.cell.number < 10 ? "0" : "") + String(result.cell.number)
    do {
      result.images = try collectImages(ImageRequest(cell: result.cell, directory: directory, stem: stem))
    } catch {
      result.warnings.append("cannot save the figures of \(result.cell.label): \(error)")
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
