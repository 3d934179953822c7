// NotebookDiagnostics: the one place that writes the notebook layer's messages for people.

import Lang

/// Renders syntax errors and failed runs the way the CLI and REPL show them.
///
/// Diagnostics keep the language's format (`file:line:col`, the source line, a caret). A
/// notebook with `# %%` markers adds one line naming the cells, so a plain program's errors
/// read exactly as the interpreter renders them:
/// ```
/// nb.rlnb:14:5: error: division by zero
///  14 |   x / 0
///     |     ^
/// nb.rlnb: cell 4 "Train" failed; cells 5-7 did not run
/// ```
public enum NotebookDiagnostics {
  /// Every syntax error of `errors`, then (for a notebook with markers) which cells have them.
  public static func render(_ errors: [CellSyntaxErrors], in notebook: Notebook) -> String {
    var text = errors.map { Diagnostics.render(.syntax($0.errors), sources: [:]) }.joined()
    if notebook.hasMarkers {
      let count = errors.reduce(0) { $0 + $1.errors.count }
      let noun = count == 1 ? "syntax error" : "syntax errors"
      text += "\(notebook.file): \(count) \(noun) in " + errors.map(\.cell.label).joined(separator: ", ") + "\n"
    }
    return text
  }

  /// The rendered error of the failing cell, then (for a notebook with markers) a line naming
  /// the cell and the cells that did not run. Empty when the run did not fail.
  public static func render(failureOf run: NotebookRun) -> String {
    guard let failed = run.failedCell, let error = failed.error else { return "" }
    var text = error
    if run.notebook.hasMarkers {
      let total = run.notebook.cells.count
      let rest = failed.cell.number == total ? "it was the last cell"
        : failed.cell.number + 1 == total ? "cell \(total) did not run"
        : "cells \(failed.cell.number + 1)-\(total) did not run"
      text += "\(run.notebook.file): \(failed.cell.label) failed; \(rest)\n"
    }
    return text
  }
}
