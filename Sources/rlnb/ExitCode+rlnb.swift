// The exit codes of rlnb, after jlox and sysexits.h.

import ArgumentParser

extension ExitCode {
  /// A bad command line (EX_USAGE); argument-parser uses it for its own errors too.
  static let usage = ExitCode(64)
  /// A syntax error: nothing ran (EX_DATAERR).
  static let syntaxError = ExitCode(65)
  /// A file named on the command line could not be read (EX_NOINPUT).
  static let unreadableInput = ExitCode(66)
  /// A runtime error, or a failing notebook cell (EX_SOFTWARE).
  static let runtimeError = ExitCode(70)
  /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
  static let interrupted = ExitCode(130)
}
