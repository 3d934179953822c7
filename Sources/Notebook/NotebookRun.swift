// NotebookRun and CellResult: what a run produced, as values a report is rendered from.

/// What running one cell produced.
public struct CellResult: Sendable {
  /// The cell that ran (for the parameters cell, with the overrides applied).
  public var cell: Cell
  /// Everything the cell printed, in order.
  public var output: String = ""
  /// The printed form (`repr`) of the value the cell shows: its last statement's value when
  /// that is an expression not ended by `;` and not nil (Jupyter's rule); nil otherwise.
  public var value: String?
  /// The rendered error (`file:line:col`, source line, caret, stack) when the cell failed.
  public var error: String?
  /// True when the failure was an interruption (Ctrl-C) rather than an error in the code.
  public var wasInterrupted = false
  /// Wall time in seconds (0 for Markdown cells).
  public var duration: Double = 0
  /// Image files the cell produced (figures), as returned by the runner's image collector.
  public var images: [String] = []
  /// Problems that did not stop the run, such as a figure that could not be saved.
  public var warnings: [String] = []

  /// Creates the result of a cell that has not produced anything yet.
  public init(cell: Cell) { self.cell = cell }

  /// True when the cell raised an error or was interrupted.
  public var failed: Bool { error != nil }
}

/// The outcome of running a notebook: one result per cell that ran, in order, stopping after
/// the first failing cell.
public struct NotebookRun: Sendable {
  /// The notebook as run (overrides applied).
  public var notebook: Notebook
  /// The `-p` overrides that were applied.
  public var parameters: [ParameterOverride]
  /// The results of the cells that ran, Markdown cells included, up to and including the
  /// first failing one.
  public var results: [CellResult] = []
  /// Wall time of the whole run in seconds.
  public var duration: Double = 0

  /// Creates an empty run of `notebook`.
  public init(notebook: Notebook, parameters: [ParameterOverride] = []) {
    self.notebook = notebook
    self.parameters = parameters
  }

  /// The failing cell's result, when a cell failed.
  public var failedCell: CellResult? { results.last.flatMap { $0.failed ? $0 : nil } }

  /// True when every cell ran without error.
  public var succeeded: Bool { failedCell == nil && results.count == notebook.cells.count }
}
