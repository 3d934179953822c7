// Tables: rows of records printed as aligned columns that fit the terminal, for looking at
// rollouts, rewards and run summaries at the prompt.

import Foundation
import Lang
import Plot

/// A table in the language (`type(t) == "table"`), made by `table(rows)` or `traj.table()`.
///
/// Printing it draws aligned columns: numbers right-aligned with 4 significant decimals, text
/// left-aligned on one line (newlines shown as `⏎`), the widest text columns shortened with `…`
/// until the table fits the width. The full values stay in `t.rows`.
public final class TableObject: NativeObject {
  /// The column names, in order.
  public let columns: [String]
  /// One record per row (missing cells are nil).
  public let rows: [Record]
  /// The printed width in characters; nil means the terminal's (or `COLUMNS`, else 120).
  public var width: Int?

  /// A table of `rows` showing `columns` (default: every key, in order of first appearance).
  public init(rows: [Record], columns: [String]? = nil, width: Int? = nil) {
    self.rows = rows
    self.width = width
    if let columns {
      self.columns = columns
    } else {
      var seen = Set<String>(), names: [String] = []
      for row in rows { for key in row.keys where seen.insert(key).inserted { names.append(key) } }
      self.columns = names
    }
  }

  /// `table`.
  public var typeName: String { "table" }

  /// The aligned text at top level; `<table 8 rows × 5 columns>` nested.
  public func describe(nested: Bool) -> String {
    nested ? "<table \(rows.count) rows × \(columns.count) columns>" : render(width: width ?? Self.defaultWidth())
  }

  /// `len(t)`: the number of rows.
  public func count() throws(LangError) -> Int? { rows.count }

  /// `for row in t`: each row as a record.
  public func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? {
    var index = 0
    return ValueIterator { () throws(LangError) -> Value? in
      guard index < self.rows.count else { return nil }
      defer { index += 1 }
      return .record(self.rows[index])
    }
  }

  /// `t[i]`: row i as a record (negative counts from the end).
  public func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    guard components.count == 1, case .value(.number(let n)) = components[0], var index = Int(exactly: n) else {
      throw LangError.message("a table is indexed by one row number: t[0]")
    }
    if index < 0 { index += rows.count }
    guard rows.indices.contains(index) else { throw LangError.message("row \(Format.number(n)) is out of range for a table of \(rows.count) rows") }
    return .record(rows[index])
  }

  /// `columns rows width`.
  public var fieldNames: [String] { ["columns", "rows", "width"] }

  /// The column names, the rows, or the print width.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "columns": return .list(List(columns.map { .string($0) }))
    case "rows": return .list(List(rows.map { .record($0) }))
    case "width": return width.map { .number(Double($0)) } ?? .nil
    default: return nil
    }
  }

  /// `t.width = 160` (or nil for the terminal's width).
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    guard name == "width" else { throw LangError.message("cannot set '\(name)' of a table (only width)") }
    switch value {
    case .nil: width = nil
    case .number(let n) where Int(exactly: n).map({ $0 >= 20 }) == true: width = Int(n)
    default: throw LangError.message("table width must be an integer ≥ 20 or nil, got \(value.repr)")
    }
  }

  /// `save(path)`.
  public var methods: [String: Builtin] { TableObject.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    Rows of records printed as aligned columns that fit the terminal (long text is shortened
    with …; t.rows keeps the full values). t[i] is a row; for row in t iterates; t.save("x.csv").
    """
  }

  static let table: [String: Builtin] = [
    "save": Builtin("save", signature: "table.save(path)", doc: "Writes the table as CSV (full values, quoted as needed).") { args in
      guard case .native(let object as TableObject) = args.receiver ?? .nil else { throw LangError.message("save: not a table") }
      let path = try args.string("path")
      do { try object.csv().write(toFile: args.interpreter.resolvingPath(path), atomically: true, encoding: .utf8) } catch {
        throw LangError.message("save: cannot write '\(path)': \(error.localizedDescription)")
      }
      return .nil
    },
  ]

  // MARK: - Rendering

  /// The table as CSV text.
  func csv() -> String {
    func quoted(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var lines = [columns.map(quoted).joined(separator: ",")]
    for row in rows { lines.append(columns.map { quoted(Self.fullText(row[$0])) }.joined(separator: ",")) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The aligned text, at most `width` characters per line when the columns allow.
  func render(width: Int) -> String {
    guard !columns.isEmpty else { return "<empty table>" }
    let cells = rows.map { row in columns.map { Self.cellText(row[$0]) } }
    let numeric = columns.indices.map { c in rows.allSatisfy { row in Self.isNumeric(row[columns[c]]) } }
    var widths = columns.indices.map { c in max(columns[c].count, cells.map { $0[c].count }.max() ?? 0) }
    // Shorten the widest text column until the table fits (each column keeps at least 6).
    let separators = 2 * (columns.count - 1)
    while widths.reduce(separators, +) > width {
      guard let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > 6 }).max(by: { widths[$0] < widths[$1] }) else { break }
      widths[widest] = max(6, widths[widest] - (widths.reduce(separators, +) - width))
    }
    func line(_ values: [String]) -> String {
      values.indices.map { c in
        let text = Self.shortened(values[c], to: widths[c])
        let padding = String(repeating: " ", count: widths[c] - text.count)
        return numeric[c] ? padding + text : text + padding
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    var lines = [line(columns), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
    lines += cells.map(line)
    return lines.joined(separator: "\n")
  }

  static func defaultWidth() -> Int {
    if isatty(1) != 0 { return TerminalSize.current(environment: ProcessInfo.processInfo.environment).columns }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).flatMap { $0 >= 20 ? $0 : nil } ?? 120
  }

  static func isNumeric(_ value: Value?) -> Bool {
    switch value {
    case .number?, .nil?, nil: return true
    case .native(let object)?: return object.numericValue != nil
    default: return false
    }
  }

  /// A cell on one line: numbers with 4 significant decimals, text with `⏎` for newlines.
  static func cellText(_ value: Value?) -> String {
    switch value {
    case nil, .nil?: return ""
    case .number(let n)?: return formatted(n)
    case .string(let s)?: return s.replacingOccurrences(of: "\n", with: "⏎")
    case .native(let object)? where object.numericValue != nil: return formatted(object.numericValue ?? 0)
    case let value?: return value.description.replacingOccurrences(of: "\n", with: "⏎")
    }
  }

  static func fullText(_ value: Value?) -> String {
    switch value {
    case nil, .nil?: return ""
    case .number(let n)?: return Format.number(n)
    case .string(let s)?: return s
    case let value?: return value.description
    }
  }

  static func formatted(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 1e15 { return Format.number(n) }
    if n.isNaN || n.isInfinite || abs(n) >= 1e5 || abs(n) < 1e-3 { return String(format: "%.4g", n) }
    return String(format: "%.4f", n).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
  }

  static func shortened(_ text: String, to width: Int) -> String {
    text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
  }
}

extension Library {
  /// `table(rows, columns = nil, width = nil)`.
  public static let tables = Library("tables", functions: [
    Builtin("table", signature: "table(rows, columns = nil, width = nil)",
            doc: "A table of a list of records, printed as aligned columns that fit the terminal.\ncolumns picks and orders them (default: every key in order of appearance); width overrides the terminal's.") { args in
      let list = try args.list("rows")
      var records: [Record] = []
      for (index, item) in list.items.enumerated() {
        guard case .record(let record) = item else {
          throw LangError.message("table: row \(index) is a \(item.typeName), not a record")
        }
        records.append(record)
      }
      let columns = try args.optionalList("columns")?.items.enumerated().map { (index, item) throws(LangError) -> String in
        guard case .string(let name) = item else { throw LangError.message("table: column \(index) is a \(item.typeName), not a string") }
        return name
      }
      let width = try args.optionalInteger("width")
      if let width, width < 20 { throw LangError.message("table: width must be at least 20, got \(width)") }
      return .native(TableObject(rows: records, columns: columns, width: width))
    },
  ])
}
