// Repl: the read-run-report loop at the terminal (jlox's runPrompt, lua.c's doREPL).

import Foundation
import Lang
import ReplShim

/// The interactive loop: read a line with `editor`, hand it to `session`, repeat until
/// Ctrl-D or `:quit`. Ctrl-C at the prompt discards the line (and an incomplete command);
/// during a computation it stops it, through the interpreter's interrupt hook.
public enum Repl {
  /// The prompt for a new command.
  public static let prompt = "rlnb> "
  /// The prompt while brackets are open.
  public static let continuationPrompt = "  ... "

  /// The interrupt hook for REPL interpreters: Ctrl-C sets the shim's flag, the interpreter
  /// polls it between statements, loop iterations and calls.
  public static func installInterruptCheck(on interpreter: Interpreter) {
    interpreter.interruptCheck = { replshim_take_interrupt() != 0 }
  }

  /// Runs the loop until the user leaves.
  public static func run(_ session: ReplSession, editor: inout some LineEditor) {
    while true {
      let prompt = session.isContinuing ? continuationPrompt : self.prompt
      switch editor.readLine(prompt: prompt) {
      case .line(let line):
        if session.enter(line) == .quit { return }
      case .interrupted:
        session.cancelPending()
      case .endOfFile:
        // Leave the terminal on a fresh line after Ctrl-D.
        session.output("\n")
        return
      }
    }
  }

  /// The banner shown when the REPL starts on a terminal.
  public static func banner(version: String) -> String {
    "rlnb \(version) — :help for commands, ? x for help on x, Ctrl-D to leave\n"
  }
}
