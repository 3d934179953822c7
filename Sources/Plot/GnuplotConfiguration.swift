// GnuplotConfiguration: which gnuplot a session starts, with what arguments and timeout.
import Foundation

/// How a `GnuplotSession` starts gnuplot and how long it waits for an answer.
public struct GnuplotConfiguration: Equatable, Sendable {
  /// The executable: a name looked up on `PATH`, or a path. Default `gnuplot`.
  public var executable: String
  /// Arguments passed to it. The default, `--default-settings`, skips the user's `~/.gnuplot`,
  /// so a personal init file cannot change how figures look or break the sentinel protocol.
  public var arguments: [String]
  /// How long one script may run before the session kills gnuplot and reports a timeout.
  public var timeout: Duration

  /// The environment variable naming the gnuplot executable (tests point it elsewhere).
  public static let executableVariable = "RLNB_GNUPLOT"
  /// The environment variable giving the timeout in seconds.
  public static let timeoutVariable = "RLNB_GNUPLOT_TIMEOUT"

  /// Creates a configuration; the defaults run `gnuplot --default-settings` with a 30 s timeout.
  public init(
    executable: String = "gnuplot", arguments: [String] = ["--default-settings"],
    timeout: Duration = .seconds(30)
  ) {
    self.executable = executable
    self.arguments = arguments
    self.timeout = timeout
  }

  /// The configuration `environment` asks for: `RLNB_GNUPLOT` replaces the executable and
  /// `RLNB_GNUPLOT_TIMEOUT` (seconds, > 0) the timeout; unset or malformed values keep defaults.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> GnuplotConfiguration {
    var configuration = GnuplotConfiguration()
    if let executable = environment[executableVariable], !executable.isEmpty {
      configuration.executable = executable
    }
    if let text = environment[timeoutVariable], let seconds = Double(text), seconds > 0,
      seconds.isFinite
    {
      configuration.timeout = .milliseconds(Int64(min(seconds, 86_400) * 1000))
    }
    return configuration
  }
}
