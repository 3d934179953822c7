// History: where the REPL keeps its history file, and readline's history list around it.

@preconcurrency import CReadline
import Foundation

/// The REPL's persistent history: readline's history list, loaded from a file at start and
/// appended to after every line, so nothing is lost if the process dies.
public struct History {
  /// The most lines kept in the file and in memory.
  public static let capacity: Int32 = 1000

  /// The history file: `$RLNB_HISTORY` when set (empty disables the file), else
  /// `~/.rlnb_history`; nil when there is none.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let path = environment["RLNB_HISTORY"] { return path.isEmpty ? nil : path }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return (home as NSString).appendingPathComponent(".rlnb_history")
  }

  /// The file lines are appended to, or nil for in-memory history only.
  public let path: String?

  /// Starts readline's history and loads `path` (creating it when missing).
  public init(path: String?) {
    self.path = path
    using_history()
    stifle_history(History.capacity)
    guard let path else { return }
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    read_history(path)
  }

  /// Adds a line unless it is blank or repeats the previous one, and appends it to the file.
  public func add(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace) else { return }
    if history_length > 0, let last = history_get(history_base + history_length - 1), let text = last.pointee.line,
      String(cString: text) == line
    {
      return
    }
    add_history(line)
    if let path { append_history(1, path) }
  }

  /// Trims the file to `capacity` lines (called when the REPL ends).
  public func close() {
    if let path { history_truncate_file(path, History.capacity) }
  }
}
