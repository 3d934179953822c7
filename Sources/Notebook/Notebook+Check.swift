// Checking a notebook before it runs: every syntax error of every code cell, with its cell.

import Lang

/// The syntax errors of one code cell, located in the notebook file's own lines.
public struct CellSyntaxErrors: Sendable {
  /// The cell.
  public var cell: Cell
  /// Its errors, in source order.
  public var errors: [SyntaxError]
}

extension Notebook {
  /// Parses every code cell without running anything (`rlnb check`, and the check a run makes
  /// first, so a notebook with a syntax error does not half-run). Cells without errors are left
  /// out; an empty result means every cell parses.
  public func syntaxErrors() -> [CellSyntaxErrors] {
    let parser = Interpreter()
    return codeCells.compactMap { cell in
      let errors = parser.check(cell.source, file: file, line: cell.firstLine)
      return errors.isEmpty ? nil : CellSyntaxErrors(cell: cell, errors: errors)
    }
  }
}
