// Cell: one cell of a `.rlnb` notebook — its kind, title, tags, source and where it starts.

/// One cell of a notebook, as parsed from the `.rlnb` percent format before anything runs.
///
/// ```
/// # %% Load the policy tags=["setup"]      ← marker: title "Load the policy", tag "setup"
/// let policy = load_model("m")             ← source, `firstLine` is this line's number
/// ```
public struct Cell: Sendable, Equatable {
  /// What a cell holds.
  public enum Kind: String, Sendable, Equatable {
    /// Code in the language, run by the runner.
    case code
    /// Markdown prose (the `# ` prefixes stripped), copied into the report and never run.
    case markdown
  }

  /// The cell's position in the notebook, counted from 1 in file order (Markdown cells
  /// included), as `:cells`, error messages and reports show it.
  public var number: Int
  /// Code or Markdown.
  public var kind: Kind
  /// The text after `# %%` that is neither the cell type nor metadata; empty when none.
  public var title: String
  /// The cell's tags (`tags=["parameters"]`).
  public var tags: [String]
  /// The cell's text without its marker line and without trailing blank lines. For Markdown
  /// cells the `# ` comment prefixes are stripped.
  public var source: String
  /// The 1-based line number in the file of the first line of `source`, so diagnostics quote
  /// the file's own lines.
  public var firstLine: Int
  /// The 1-based line number of the `# %%` marker; nil for code before the first marker.
  public var markerLine: Int?

  /// Creates a cell.
  public init(number: Int, kind: Kind, title: String = "", tags: [String] = [], source: String, firstLine: Int,
              markerLine: Int? = nil) {
    self.number = number
    self.kind = kind
    self.title = title
    self.tags = tags
    self.source = source
    self.firstLine = firstLine
    self.markerLine = markerLine
  }

  /// True for the cell tagged `parameters`, whose `let`s `-p name=value` overrides.
  public var isParameters: Bool { tags.contains("parameters") }

  /// True when the cell has nothing to run or show (only blank lines).
  public var isEmpty: Bool { source.allSatisfy(\.isWhitespace) }

  /// How messages name the cell: `cell 3 "Load the policy"`, or `cell 3` without a title.
  public var label: String { title.isEmpty ? "cell \(number)" : "cell \(number) \"\(title)\"" }
}
