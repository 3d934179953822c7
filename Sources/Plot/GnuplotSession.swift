// GnuplotSession: a persistent gnuplot process driven over pipes, one script at a time.
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What gnuplot printed while running a script that succeeded.
public struct GnuplotOutput: Equatable, Sendable {
  /// Everything gnuplot wrote to stdout: `print` output, and the plot itself on the `dumb` and
  /// `sixelgd` terminals when no output file is set.
  public var text: String
  /// gnuplot's warnings (`warning: Skipping data file with no valid points`), in order.
  public var warnings: [String]
}

/// A persistent gnuplot process: scripts go in on stdin, output and errors come back.
///
/// Each `execute` writes the script to a file in the session's private temporary directory and
/// sends `load '<file>'` followed by `print '<sentinel>'` on stdin, then reads stdout until the
/// sentinel arrives. Loading a file rather than piping the script makes gnuplot stop at the
/// script's first error and name its line (`"script.gp" line 3: …`); commands piped on stdin
/// would all be reported as `line 0` and keep running after a failure.
///
/// The process starts on first use. When it has died (killed, crashed, `exit` in a raw
/// command), the next call reports `PlotError.processExited` and the call after that starts a
/// fresh gnuplot. A script that runs past `configuration.timeout` gets gnuplot killed and
/// `PlotError.timedOut`. `close()` (or deinit) ends and reaps the process and removes the
/// directory, so no zombie or temporary file outlives the session.
///
/// Calls are serialised by a lock, so one session can be shared between threads; separate
/// sessions run separate gnuplot processes and never interfere.
///
/// ```swift
/// let session = GnuplotSession()
/// let text = try session.run("print 6 * 7")   // "42\n"
/// ```
public final class GnuplotSession: Sendable {
  /// The executable, arguments and timeout this session uses.
  public let configuration: GnuplotConfiguration

  private struct State {
    var child: ChildProcess?
    var directory: String?
    var scriptsRun = 0
  }

  private let state: Mutex<State>
  /// Distinguishes this session's sentinels from any text a script prints.
  private let token = String(UInt64.random(in: 1...UInt64.max), radix: 36)

  /// Creates a session; gnuplot itself starts on first use (or with `start()`).
  public init(configuration: GnuplotConfiguration = .fromEnvironment()) {
    self.configuration = configuration
    self.state = Mutex(State())
  }

  deinit {
    close()
  }

  /// The process id of the running gnuplot, or nil when none is running.
  public var processIdentifier: Int32? {
    state.withLock { $0.child?.pid }
  }

  /// Starts gnuplot now if it is not running, so a missing executable is reported early.
  ///
  /// - Throws: `PlotError.gnuplotNotFound` with an installation hint, or `.launchFailed`.
  public func start() throws(PlotError) {
    try state.withLock { (state) throws(PlotError) in
      if state.child == nil {
        state.child = try ChildProcess.spawn(configuration.executable, arguments: configuration.arguments)
      }
    }
  }

  /// Runs raw gnuplot commands and returns what gnuplot printed: the escape hatch.
  ///
  /// - Throws: `PlotError.commandFailed` with gnuplot's message and the 1-based line of
  ///   `commands` it refers to; or any process error `execute(_:)` throws.
  public func run(_ commands: String) throws(PlotError) -> String {
    try execute(GnuplotScript(commands)).text
  }

  /// Runs a script and returns its output, starting gnuplot first if needed.
  ///
  /// - Throws: `PlotError.commandFailed` when gnuplot reports an error (the session stays
  ///   usable); `.processExited` or `.timedOut` when the process died or hung (the next call
  ///   starts a fresh one); `.gnuplotNotFound`, `.launchFailed` or `.ioFailed` otherwise.
  public func execute(_ script: GnuplotScript) throws(PlotError) -> GnuplotOutput {
    try state.withLock { (state) throws(PlotError) in try execute(script, in: &state) }
  }

  /// Ends gnuplot (end-of-file on stdin, then SIGKILL after a grace period), reaps it and
  /// removes the session's temporary files. The session can be used again afterwards.
  ///
  /// - Returns: how gnuplot ended, or nil if it was not running. gnuplot exits with status 1
  ///   after any error in the session, so a non-zero status here is not itself a failure.
  @discardableResult
  public func close() -> Termination? {
    state.withLock { state in
      let ended = state.child?.terminate(grace: .seconds(2))
      state.child = nil
      if let directory = state.directory { try? FileManager.default.removeItem(atPath: directory) }
      state.directory = nil
      return ended
    }
  }

  // MARK: - Running one script

  private func execute(_ script: GnuplotScript, in state: inout State) throws(PlotError) -> GnuplotOutput {
    let child: ChildProcess
    if let running = state.child {
      child = running
    } else {
      child = try ChildProcess.spawn(configuration.executable, arguments: configuration.arguments)
      state.child = child
    }
    // A process that died since the last call (killed, crashed) is reported now and replaced
    // on the next call, rather than silently replaced: the caller's state in it is gone.
    if let ended = child.pollTermination() {
      let leftover = child.availableErrors()
      state.child = nil
      child.terminate(grace: .zero)
      throw .processExited(ended, stderr: Self.text(leftover), command: script.summary)
    }

    let directory = try workingDirectory(&state)
    let scriptPath = directory + "/script.gp"
    if let error = Array(script.text.utf8).withUnsafeBytes({ writeFile(scriptPath, bytes: $0) }) {
      throw error
    }
    defer {
      for attachment in script.attachments { unlink(directory + "/" + attachment.name) }
    }
    for attachment in script.attachments {
      let path = directory + "/" + attachment.name
      if let error = attachment.values.withUnsafeBytes({ writeFile(path, bytes: $0) }) { throw error }
    }

    state.scriptsRun += 1
    let sentinel = "__rlnb_done_\(token)_\(state.scriptsRun)__"
    let request = """
      set encoding utf8
      set print '-'
      rlnb_dir = \(gnuplotQuoted(directory))
      load \(gnuplotQuoted(scriptPath))
      set print '-'
      print '\(sentinel)'

      """
    let deadline = ContinuousClock.now + configuration.timeout
    let exchange = child.exchange(Array(request.utf8), sentinel: Array((sentinel + "\n").utf8), deadline: deadline)
    let stderr = Self.text(exchange.stderr)

    switch exchange.outcome {
    case .completed:
      let diagnostics = GnuplotDiagnostics(parsing: stderr)
      if let error = diagnostics.error {
        throw .commandFailed(failure(from: error, script: script, scriptPath: scriptPath, stderr: stderr))
      }
      return GnuplotOutput(text: Self.text(exchange.stdout), warnings: diagnostics.warnings)
    case .childEnded(let termination):
      state.child = nil
      let ended = termination ?? child.kill()
      throw .processExited(ended, stderr: stderr, command: script.summary)
    case .timedOut:
      state.child = nil
      child.kill()
      let seconds = Double(configuration.timeout.milliseconds) / 1000
      throw .timedOut(seconds: seconds, command: script.summary)
    case .failed(let operation, let reason):
      state.child = nil
      child.kill()
      throw .ioFailed(operation: operation, reason: reason)
    }
  }

  /// Turns gnuplot's report into a failure whose line and command refer to `script`.
  private func failure(
    from report: GnuplotDiagnostics.Report, script: GnuplotScript, scriptPath: String, stderr: String
  ) -> GnuplotFailure {
    let inScript = report.file == scriptPath
    var message = report.message
    if let file = report.file, !inScript, let line = report.line {
      message = "\"\(file)\" line \(line): \(message)"  // a file the script itself loaded
    }
    let line = inScript ? report.line : nil
    let cleaned = stderr.replacingOccurrences(of: "\"\(scriptPath)\" ", with: "")
    return GnuplotFailure(
      message: message, line: line, command: line.flatMap { script.line($0)?.trimmingWhitespace() },
      stderr: cleaned.trimmingWhitespace())
  }

  /// The session's private temporary directory, created on first use.
  private func workingDirectory(_ state: inout State) throws(PlotError) -> String {
    if let directory = state.directory { return directory }
    var template = Array((FileManager.default.temporaryDirectory.path + "/rlnb-gnuplot-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    guard created != nil else {
      throw .ioFailed(operation: "creating a temporary directory", reason: errnoText())
    }
    let directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    state.directory = directory
    return directory
  }

  private static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}

/// Writes raw bytes to a new file at `path`, replacing any old one; returns the failure, if any.
///
/// Returns rather than throws because its callers run it inside `withUnsafeBytes`, whose
/// closure cannot throw a typed error.
func writeFile(_ path: String, bytes: UnsafeRawBufferPointer) -> PlotError? {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
  guard fd >= 0 else { return .ioFailed(operation: "writing \(path)", reason: errnoText()) }
  defer { Glibc.close(fd) }
  guard let base = bytes.baseAddress else { return nil }
  var offset = 0
  while offset < bytes.count {
    let count = Glibc.write(fd, base + offset, bytes.count - offset)
    if count < 0 {
      if errno == EINTR { continue }
      return .ioFailed(operation: "writing \(path)", reason: errnoText())
    }
    offset += count
  }
  return nil
}
