// Host: what every rlnb command shares — making interpreters, writing to stderr, stdin.

import Bindings
import Foundation
import Lang
import Notebook
import Repl
import ReplShim

/// The pieces every command uses.
enum Host {
  /// A fresh interpreter with the core libraries and the prelude, printing to stdout.
  ///
  /// Libraries of later layers (tensors, models, plots) are opened here as they arrive.
  static func makeInterpreter() throws(LangError) -> Interpreter {
    let interpreter = try Startup.makeInterpreter()
    interpreter.output = { print($0, terminator: "") }
    return interpreter
  }

  /// A fresh interpreter, or nil after reporting why none could be made (a missing prelude).
  static func makeInterpreterOrReport() -> Interpreter? {
    do {
      return try makeInterpreter()
    } catch {
      writeError("rlnb: " + Diagnostics.render(error, sources: [:]))
      return nil
    }
  }

  /// Lets Ctrl-C stop a running program between statements instead of killing the process,
  /// so a notebook run can still report the cell it stopped in.
  static func catchInterrupts(in interpreter: Interpreter) {
    unblockInterrupts()
    replshim_install_interrupt_handler()
    Repl.installInterruptCheck(on: interpreter)
  }

  /// Unblocks SIGINT, which a parent may have left blocked (a thread pool's mask is inherited
  /// across exec), so that Ctrl-C reaches the handler.
  static func unblockInterrupts() {
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    sigprocmask(SIG_UNBLOCK, &interrupt, nil)
  }

  /// Writes to standard error after flushing standard output, so the two stay in order.
  static func writeError(_ text: String) {
    fflush(nil)
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// True when standard input is a terminal.
  static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

  /// All of standard input (readline would echo it when stdin is not a terminal: NATIVE.md §1).
  static func readStandardInput() -> String {
    var text = ""
    while let line = Swift.readLine(strippingNewline: false) { text += line }
    return text
  }
}
