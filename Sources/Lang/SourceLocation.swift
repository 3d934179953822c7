// Source files and 1-based positions in them, as shown to users.

/// A 1-based position in a source file, as shown to users (`file:line:col`).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file name as given to the interpreter (`main.rlnb`, `<repl>`).
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, counted in characters.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`.
  public var description: String { "\(file):\(line):\(column)" }
}

/// A compact line/column pair stored in tree nodes; the file comes from the enclosing code.
///
/// Nodes store this instead of a full `SourceLocation` so that evaluating them never retains
/// a file-name string.
struct Position: Hashable, Sendable {
  var line: Int32
  var column: Int32

  init(line: Int, column: Int) {
    self.line = Int32(clamping: line)
    self.column = Int32(clamping: column)
  }

  func location(in file: SourceFile) -> SourceLocation {
    SourceLocation(file: file.name, line: Int(line), column: Int(column))
  }
}

/// The text of one program or module, kept so diagnostics can show the offending line.
public final class SourceFile: Sendable {
  /// The file name shown in diagnostics.
  public let name: String
  /// The whole text.
  public let text: String
  /// The lines of `text`, without terminators.
  public let lines: [Substring]
  /// The line number of the text's first line: 1 for a whole file, more for a notebook cell.
  public let firstLine: Int

  /// Creates a source file from its name and text, which starts at line `firstLine`.
  public init(name: String, text: String, firstLine: Int = 1) {
    self.name = name
    self.text = text
    self.firstLine = firstLine
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
  }

  /// The text of line `line` (numbered from `firstLine`), or nil when out of range.
  public func line(_ line: Int) -> Substring? {
    let index = line - firstLine
    return index >= 0 && index < lines.count ? lines[index] : nil
  }
}
