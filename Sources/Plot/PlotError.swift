// PlotError: every way plotting can fail, and the one place their messages are written.

/// An error from the Plot module: gnuplot missing, gnuplot rejecting a command, the gnuplot
/// process dying or hanging, or a figure that cannot be drawn.
///
/// Plotting never traps and never drops a failure silently. Starting gnuplot, writing to it and
/// reading from it can each fail, the way Lua's `io.popen` can, and each failure becomes one of
/// these cases carrying the command involved and what gnuplot wrote to its standard error.
public enum PlotError: Error, Equatable, Sendable {
  /// The gnuplot executable was not found (on `PATH`, or at the path `RLNB_GNUPLOT` names).
  case gnuplotNotFound(executable: String)
  /// The gnuplot executable exists but could not be started (permissions, resources).
  case launchFailed(executable: String, reason: String)
  /// gnuplot ran the script and reported an error; the session is still usable.
  case commandFailed(GnuplotFailure)
  /// The gnuplot process ended while a script was being sent or run. The next use of the
  /// session starts a fresh process.
  case processExited(Termination, stderr: String, command: String)
  /// gnuplot did not finish within the session's timeout; the process was killed, and the next
  /// use of the session starts a fresh one.
  case timedOut(seconds: Double, command: String)
  /// Talking to gnuplot or writing its files failed at the operating-system level.
  case ioFailed(operation: String, reason: String)
  /// The figure cannot be drawn as described (mismatched lengths, empty data, bad sizes…).
  case invalidFigure(String)
  /// A file name whose extension names no format `save` can write.
  case unsupportedFormat(path: String)
}

/// An error gnuplot itself reported while running a script: its message, and where.
public struct GnuplotFailure: Equatable, Sendable {
  /// gnuplot's message, without its `"file" line N:` prefix (`undefined variable: foo`).
  public var message: String
  /// The 1-based line of the script gnuplot was running, when gnuplot said which.
  public var line: Int?
  /// The text of that script line, when known.
  public var command: String?
  /// Everything gnuplot wrote to its standard error while running the script.
  public var stderr: String

  /// Creates a failure record; sessions build these from gnuplot's standard error.
  public init(message: String, line: Int?, command: String?, stderr: String) {
    self.message = message
    self.line = line
    self.command = command
    self.stderr = stderr
  }
}

/// How a child process ended, as `waitpid` reports it.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
  /// The process called `exit` with this status.
  case exited(Int32)
  /// The process was ended by this signal number.
  case signalled(Int32)

  /// `exit status 1` or `signal 9`.
  public var description: String {
    switch self {
    case .exited(let status): "exit status \(status)"
    case .signalled(let signal): "signal \(signal)"
    }
  }
}

extension PlotError: CustomStringConvertible {
  /// The hint shown whenever gnuplot is missing; the README's set-up installs it.
  static let installHint =
    "install it with scripts/setup (or: apt-get install --no-install-recommends gnuplot-nox), "
    + "or set RLNB_GNUPLOT to the gnuplot executable"

  /// A lowercase message naming what failed, for users; gnuplot's own words are kept intact.
  public var description: String {
    switch self {
    case .gnuplotNotFound(let executable):
      return "gnuplot not found (tried '\(executable)')\n---> HINT: \(Self.installHint)"
    case .launchFailed(let executable, let reason):
      return "cannot start gnuplot '\(executable)': \(reason)"
    case .commandFailed(let failure):
      var text = "gnuplot error"
      if let line = failure.line { text += " at line \(line)" }
      text += ": \(failure.message)"
      if let command = failure.command { text += "\n    in: \(command)" }
      return text
    case .processExited(let termination, let stderr, let command):
      var text = "gnuplot exited unexpectedly (\(termination)) while running: \(command)"
      let trimmed = stderr.trimmingWhitespace()
      if !trimmed.isEmpty { text += "\n\(trimmed)" }
      return text + "\n(the next plot starts a fresh gnuplot)"
    case .timedOut(let seconds, let command):
      return "gnuplot did not answer within \(seconds) s while running: \(command)"
        + " (it was stopped; the next plot starts a fresh gnuplot)"
    case .ioFailed(let operation, let reason):
      return "plot i/o failed: \(operation): \(reason)"
    case .invalidFigure(let reason):
      return "cannot draw figure: \(reason)"
    case .unsupportedFormat(let path):
      return "cannot save '\(path)': unknown format (use .png, .svg or .pdf)"
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }),
      let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
