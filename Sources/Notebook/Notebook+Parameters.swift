// Parameters: the `let`s of the cell tagged `parameters`, and `-p` overrides that replace them.

import Lang

/// One top-level `let` of the parameters cell: its name and the lines it spans.
public struct ParameterDeclaration: Sendable, Equatable {
  /// The declared name.
  public var name: String
  /// The statement's source text (possibly several lines).
  public var source: String
  /// The 0-based offsets of its lines within the cell's source.
  public var lines: ClosedRange<Int>
}

extension Notebook {
  /// The top-level `let` statements of the parameters cell, in order (empty without one).
  public var parameterDeclarations: [ParameterDeclaration] {
    parametersCell.map(Notebook.declarations(in:)) ?? []
  }

  /// The notebook with each override's `let` in the parameters cell replaced by
  /// `let name = value`. Line numbers stay the same (a multi-line `let` leaves blank lines), so
  /// diagnostics still quote the file's lines.
  ///
  /// Throws `noParametersCell` when there are overrides but no cell tagged `parameters`, and
  /// `unknownParameter` (listing the declared names) for a name the cell does not declare.
  public func applying(_ overrides: [ParameterOverride]) throws(NotebookError) -> Notebook {
    guard let first = overrides.first else { return self }
    guard let cell = parametersCell else { throw .noParametersCell(file: file, parameter: first.name) }
    let declarations = Notebook.declarations(in: cell)
    var lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for override in overrides {
      guard let declaration = declarations.first(where: { $0.name == override.name }) else {
        throw .unknownParameter(name: override.name, known: declarations.map(\.name), cell: cell.number)
      }
      let indent = lines[declaration.lines.lowerBound].prefix { $0 == " " || $0 == "\t" }
      lines[declaration.lines.lowerBound] = "\(indent)let \(override.name) = \(override.valueSource)  # set by -p"
      for offset in declaration.lines.dropFirst() { lines[offset] = "" }
    }
    var notebook = self
    notebook.cells[cell.number - 1].source = lines.joined(separator: "\n")
    return notebook
  }

  /// Splits a cell into statements by asking the parser where each one is complete, and keeps
  /// the ones of the form `let name = ...`.
  static func declarations(in cell: Cell) -> [ParameterDeclaration] {
    let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
    let parser = Interpreter()
    var declarations: [ParameterDeclaration] = []
    var start = 0
    while start < lines.count {
      let trimmed = lines[start].drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty || trimmed.hasPrefix("#") {
        start += 1
        continue
      }
      // The statement ends at the first line where the text so far is not cut short.
      var end = start
      while end + 1 < lines.count {
        let text = lines[start...end].joined(separator: "\n")
        let errors = parser.check(text, file: "<parameters>")
        if !(LangError.syntax(errors).isIncompleteInput) { break }
        end += 1
      }
      if let name = declaredName(trimmed) {
        declarations.append(ParameterDeclaration(name: name, source: lines[start...end].joined(separator: "\n"),
                                                 lines: start...end))
      }
      start = end + 1
    }
    return declarations
  }

  /// The name in `let name = ...`, or nil for any other statement.
  private static func declaredName(_ line: Substring) -> String? {
    guard line.hasPrefix("let ") else { return nil }
    let rest = line.dropFirst(4).drop { $0 == " " }
    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    guard !name.isEmpty, rest.dropFirst(name.count).drop(while: { $0 == " " }).hasPrefix("=") else { return nil }
    return String(name)
  }
}
