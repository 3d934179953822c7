// The REPL's notebook commands (:load :cells :run :next) and :vars.

import Foundation
import Lang
import Notebook

extension ReplSession {
  /// `:load FILE`: reads the notebook's cells without running them; reports syntax errors.
  func load(_ path: String) throws(NotebookError) {
    let notebook = try Notebook.load(path: path)
    setNotebook(notebook)
    let code = notebook.codeCells.count
    output("loaded \(path): \(notebook.cells.count) cells (\(code) code); :cells lists them, :next runs the next\n")
    let errors = notebook.syntaxErrors()
    if !errors.isEmpty { report(NotebookDiagnostics.render(errors, in: notebook)) }
  }

  /// `:cells`: one line per cell — number, kind, title or first line — with `→` at the next.
  func listCells() throws(ReplError) {
    guard let notebook else { throw .noNotebook }
    for cell in notebook.cells {
      let marker = cell.number == nextCell ? "→" : " "
      let kind = cell.kind == .code ? "code" : "md  "
      let firstLine = cell.source.split(separator: "\n").first.map(String.init) ?? ""
      var summary = cell.title.isEmpty ? firstLine : cell.title
      if summary.count > 56 { summary = String(summary.prefix(55)) + "…" }
      let tags = cell.tags.isEmpty ? "" : "  [" + cell.tags.joined(separator: ", ") + "]"
      let number = String(cell.number).leftPadded(to: 3)
      output("\(marker)\(number)  \(kind)  \(summary)\(tags)  (line \(cell.firstLine))\n")
    }
  }

  /// `:run N | N..M | all`: runs the cells in order, stopping at the first failure.
  func run(_ selection: ReplCommand.CellSelection) throws(ReplError) {
    guard let notebook else { throw .noNotebook }
    let numbers: ClosedRange<Int>
    switch selection {
    case .all: numbers = 1...max(1, notebook.cells.count)
    case .range(let range): numbers = range
    }
    guard numbers.upperBound <= notebook.cells.count else {
      throw .noSuchCell(numbers.upperBound, count: notebook.cells.count)
    }
    runCells(notebook.cells[(numbers.lowerBound - 1)..<numbers.upperBound], of: notebook)
  }

  /// `:next`: runs the next code cell after the last one run.
  func runNext() throws(ReplError) {
    guard let notebook else { throw .noNotebook }
    guard let cell = notebook.cells.dropFirst(nextCell - 1).first(where: { $0.kind == .code }) else {
      output("no more cells: \(notebook.file) has \(notebook.cells.count); :run N runs one again\n")
      return
    }
    runCells([cell], of: notebook)
  }

  private func runCells<Cells: Collection<Cell>>(_ cells: Cells, of notebook: Notebook) {
    let runner = NotebookRunner(interpreter: interpreter)
    runner.output = output
    runner.willRun = { [output] cell in output("── [\(cell.number)] \(cell.title.isEmpty ? "" : cell.title + " ")──\n") }
    for cell in cells {
      let result = runner.run(cell, in: notebook)
      if let error = result.error {
        // :next runs the failing cell again, once the problem is fixed at the prompt.
        setNotebook(notebook, ranThrough: cell.number - 1)
        report(error + "\(cell.label) failed; :next runs it again\n")
        return
      }
      setNotebook(notebook, ranThrough: cell.number)
    }
  }

  /// `:vars`: the names defined in this session (not builtins or the prelude), with their
  /// types and printed values, shortened.
  func listVariables() {
    let names = interpreter.globalNames.filter { !baselineNames.contains($0) }
    guard !names.isEmpty else {
      output("no variables yet\n")
      return
    }
    let width = min(24, names.map(\.count).max() ?? 0)
    for name in names {
      let value = interpreter.global(name) ?? .nil
      var shown: String
      switch value {
      case .function(let function): shown = "fn \(function.signature)"
      default: shown = value.repr
      }
      shown = shown.replacingOccurrences(of: "\n", with: " ")
      if shown.count > 60 { shown = String(shown.prefix(59)) + "…" }
      output("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(value.typeName.padding(toLength: 8, withPad: " ", startingAt: 0))  \(shown)\n")
    }
  }
}

extension String {
  /// The string padded on the left with spaces to `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
