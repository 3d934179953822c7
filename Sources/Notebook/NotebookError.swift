// NotebookError: what can go wrong before or around a notebook run, and its one message text.

/// An error of the notebook layer: reading the file, parameter overrides, writing the report.
///
/// Errors inside cells are not `NotebookError`s: a run records them in its `CellResult`s (see
/// `NotebookRun.failure`), and syntax errors come from `Notebook.syntaxErrors()`.
public enum NotebookError: Error, Sendable, Equatable {
  /// The notebook (or a file named on the command line) could not be read.
  case unreadableFile(path: String, reason: String)
  /// A `-p` argument that is not `name=value`.
  case malformedOverride(String)
  /// `-p` was given but no cell is tagged `parameters`.
  case noParametersCell(file: String, parameter: String)
  /// `-p name=...` for a name the parameters cell does not declare with `let`.
  case unknownParameter(name: String, known: [String], cell: Int)
  /// The report directory or one of its files could not be written.
  case reportNotWritten(path: String, reason: String)

  /// The message, a lowercase phrase naming the thing, with a hint line where one helps.
  public var message: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .malformedOverride(let argument):
      return "bad parameter '\(argument)': expected name=value, as in -p seed=3"
    case .noParametersCell(let file, let parameter):
      return "cannot set parameter '\(parameter)': \(file) has no cell tagged parameters\n"
        + "---> HINT: mark the cell of defaults with `# %% Parameters tags=[\"parameters\"]`"
    case .unknownParameter(let name, let known, let cell):
      let list = known.isEmpty ? "it declares none" : "it declares " + known.joined(separator: ", ")
      return "unknown parameter '\(name)': the parameters cell (cell \(cell)) has no 'let \(name)'; \(list)"
    case .reportNotWritten(let path, let reason):
      return "cannot write the report to '\(path)': \(reason)"
    }
  }
}
