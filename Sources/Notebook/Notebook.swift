// Notebook: a `.rlnb` file parsed into cells (jupytext's percent format) before anything runs.

import Foundation

/// A `.rlnb` notebook: its file name and its cells, in file order.
///
/// A `.rlnb` file is a program whose cell markers are comments, so any `.rlnb` also runs top to
/// bottom. `# %%` starts a code cell (optional title after it), `# %% [markdown]` (or `[md]`) a
/// Markdown cell whose lines carry a `# ` prefix, and `tags=["parameters"]` marks the cell whose
/// `let`s `-p name=value` overrides. Code before the first marker is a cell of its own.
///
/// ```swift
/// let notebook = try Notebook.load(path: "notebooks/00-quickstart.rlnb")
/// for cell in notebook.cells where cell.kind == .code { print(cell.label, cell.firstLine) }
/// ```
public struct Notebook: Sendable, Equatable {
  /// The file name as given (relative names stay relative), used in diagnostics and reports.
  public var file: String
  /// The cells in file order; `cells[i].number == i + 1`.
  public var cells: [Cell]
  /// True when the text had at least one `# %%` marker; a plain program is one unmarked cell.
  public var hasMarkers: Bool

  /// Parses notebook text; `file` names it in diagnostics. Parsing never fails: any text is a
  /// notebook, and syntax errors in code cells are found by `syntaxErrors()`.
  public init(parsing text: String, file: String) {
    self.file = file
    var builder = CellBuilder()
    var hasMarkers = false
    // "\r\n" is one Character in Swift, so it is a separator of its own.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    for (offset, line) in lines.enumerated() {
      if let marker = CellMarker(line) {
        hasMarkers = true
        builder.finish()
        builder.start(marker, at: offset + 1)
      } else {
        builder.lines.append(line)
      }
    }
    builder.finish()
    self.cells = builder.cells
    self.hasMarkers = hasMarkers
  }

  /// Reads and parses the notebook at `path`.
  ///
  /// Throws `NotebookError.unreadableFile` when the file does not exist, is a directory or is
  /// not UTF-8 text.
  public static func load(path: String) throws(NotebookError) -> Notebook {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadableFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableFile(path: path, reason: "permission denied")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadableFile(path: path, reason: "not UTF-8 text")
    }
    return Notebook(parsing: text, file: path)
  }

  /// The code cells, in order.
  public var codeCells: [Cell] { cells.filter { $0.kind == .code } }

  /// The cell tagged `parameters`, if any (the first one when several are tagged).
  public var parametersCell: Cell? { cells.first(where: \.isParameters) }

  /// The cell with the given number (counted from 1), or nil when out of range.
  public func cell(number: Int) -> Cell? {
    number >= 1 && number <= cells.count ? cells[number - 1] : nil
  }
}

/// Accumulates the lines of one cell at a time while the parser walks the file.
private struct CellBuilder {
  var cells: [Cell] = []
  var lines: [Substring] = []
  var marker: CellMarker?
  var markerLine: Int?
  var firstLine = 1

  mutating func start(_ marker: CellMarker, at line: Int) {
    self.marker = marker
    self.markerLine = line
    self.firstLine = line + 1
  }

  /// Turns the lines collected so far into a cell. Leading and trailing blank lines are dropped
  /// (`firstLine` moves with them); blank text before the first marker makes no cell.
  mutating func finish() {
    defer { lines = [] }
    let kind = marker?.kind ?? .code
    var body = kind == .markdown ? lines.map(CellBuilder.stripCommentPrefix) : lines
    var first = firstLine
    while let line = body.first, line.allSatisfy(\.isWhitespace) {
      body.removeFirst()
      first += 1
    }
    while let line = body.last, line.allSatisfy(\.isWhitespace) { body.removeLast() }
    if marker == nil && body.isEmpty { return }
    cells.append(Cell(number: cells.count + 1, kind: kind, title: marker?.title ?? "", tags: marker?.tags ?? [],
                      source: body.joined(separator: "\n"), firstLine: body.isEmpty ? firstLine : first,
                      markerLine: markerLine))
  }

  /// A Markdown line without its comment prefix: `# text` → `text`, `#` → empty.
  private static func stripCommentPrefix(_ line: Substring) -> Substring {
    if line == "#" { return "" }
    if line.hasPrefix("# ") { return line.dropFirst(2) }
    return line
  }
}
