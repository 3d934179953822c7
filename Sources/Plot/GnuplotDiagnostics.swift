// GnuplotDiagnostics: gnuplot's standard error split into errors and warnings, with line numbers.

/// What gnuplot wrote to its standard error while running one script.
///
/// gnuplot reports an error as `"script.gp" line 3: undefined variable: foo` (or `line 0:` for
/// commands read from stdin), sometimes preceded by an echo of the command and a caret line.
/// Warnings use the same prefix followed by `warning:`. Anything else a driver prints (a font
/// it could not find) is kept as a warning: it did not stop the script.
struct GnuplotDiagnostics: Equatable {
  /// One `line N: message` report.
  struct Report: Equatable {
    /// The file gnuplot named, when it named one (the loaded script or a nested `load`).
    var file: String?
    /// gnuplot's line number; 0 means "typed on stdin".
    var line: Int?
    /// The message after the prefix.
    var message: String
  }

  /// The first error, which ended the script (gnuplot abandons a `load` at its first error).
  var error: Report?
  /// Warnings and unprefixed driver messages, in order.
  var warnings: [String]

  /// Splits `stderr` into the first error and the warnings.
  init(parsing stderr: String) {
    error = nil
    warnings = []
    for rawLine in stderr.split(separator: "\n", omittingEmptySubsequences: true) {
      let line = String(rawLine).trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("gnuplot>") || line.allSatisfy({ $0 == "^" || $0 == " " }) {
        continue
      }
      guard let report = Self.report(in: line) else {
        warnings.append(line)
        continue
      }
      if report.message.lowercased().hasPrefix("warning:") {
        warnings.append(report.message)
      } else if error == nil {
        error = report
      }
    }
  }

  /// Parses `"file" line N: message` or `line N: message`; nil for any other line.
  static func report(in line: String) -> Report? {
    var rest = Substring(line)
    var file: String?
    if rest.hasPrefix("\"") {
      let afterQuote = rest.dropFirst()
      guard let close = afterQuote.firstIndex(of: "\"") else { return nil }
      file = String(afterQuote[..<close])
      rest = afterQuote[afterQuote.index(after: close)...].drop(while: { $0 == " " })
    }
    guard rest.hasPrefix("line ") else { return nil }
    rest = rest.dropFirst("line ".count)
    let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
    guard let number = Int(digits), rest.dropFirst(digits.count).hasPrefix(":") else { return nil }
    let message = rest.dropFirst(digits.count + 1)
    return Report(file: file, line: number, message: String(message).trimmingWhitespace())
  }
}
