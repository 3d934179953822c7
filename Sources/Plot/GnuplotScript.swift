// GnuplotScript: a script for gnuplot plus the binary data files it reads.

/// A complete gnuplot script, ready for `GnuplotSession.execute(_:)`.
///
/// Small data travels inside `text` as datablocks (`$rlnb_1 << EOD`). Large series travel as
/// `attachments`: raw little-endian float64 files that the session writes next to the script,
/// and that the script reads as `rlnb_dir.'/name' binary format='%float64…'`, because gnuplot
/// reads binary about five times faster than it parses text (bench/README.md). The session
/// defines the string variable `rlnb_dir` before it runs the script, which keeps the text free
/// of temporary paths, so it can be compared against snapshot files.
public struct GnuplotScript: Equatable, Sendable {
  /// A binary data file the script reads: float64 values, written in order.
  public struct Attachment: Equatable, Sendable {
    /// The file name inside the session's directory (`rlnb_3.bin`).
    public var name: String
    /// The values, interleaved by record (`x0 y0 x1 y1 …` for two columns).
    public var values: [Double]

    /// Creates an attachment named `name` holding `values`.
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  /// The commands, one per line; gnuplot error line numbers count lines of this text.
  public var text: String
  /// Binary files the commands read through `rlnb_dir`.
  public var attachments: [Attachment]

  /// Creates a script from its text and attachments.
  public init(_ text: String, attachments: [Attachment] = []) {
    self.text = text
    self.attachments = attachments
  }

  /// The text of the 1-based `line`, if the script has that line.
  func line(_ number: Int) -> String? {
    guard number >= 1 else { return nil }
    var current = 1
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == number { return String(line) }
      current += 1
    }
    return nil
  }

  /// A short description of the script for error messages: its first command line.
  var summary: String {
    let first =
      text.split(separator: "\n").first(where: {
        let trimmed = $0.drop(while: { $0 == " " })
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
      }) ?? ""
    let line = String(first).trimmingWhitespace()
    return line.count > 80 ? String(line.prefix(77)) + "..." : line
  }
}
