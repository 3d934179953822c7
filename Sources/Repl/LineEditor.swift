// LineEditor: reading prompt lines with GNU readline (through ReplShim), with tab completion.

@preconcurrency import CReadline
import Foundation
import ReplShim

/// What reading a line produced.
public enum LineInput: Equatable, Sendable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-D on an empty line, or the input closed.
  case endOfFile
  /// Ctrl-C: the partial line was discarded.
  case interrupted
}

/// Reads lines at a prompt.
public protocol LineEditor {
  /// Shows `prompt` and reads one line.
  mutating func readLine(prompt: String) -> LineInput
}

// readline calls plain C function pointers, which cannot capture context: the completion
// source and the candidates being handed out live in globals (NATIVE.md §1). Only the REPL's
// one thread touches them.
nonisolated(unsafe) private var completionSource: ((String, String) -> [String])?
nonisolated(unsafe) private var completionCandidates: [String] = []

/// Line editing through GNU readline's callback interface (`ReplShim`): history keys, Emacs
/// editing, tab completion; Ctrl-C discards the line instead of killing the process.
public struct ReadlineEditor: LineEditor {
  /// The history list and file.
  public let history: History

  /// Sets up readline: the SIGINT handler, history from `historyPath`, and completion from
  /// `complete(word, prefix)` (see `Completer.completions(of:after:)`).
  public init(historyPath: String?, complete: @escaping (String, String) -> [String]) {
    replshim_install_interrupt_handler()
    rl_readline_name = UnsafePointer(strdup("rlnb"))
    history = History(path: historyPath)
    completionSource = complete
    rl_completer_word_break_characters = UnsafePointer(strdup(Completer.wordBreakCharacters))
    // readline would append the opening quote of a string after a completed path (as a
    // "delimiter"); a path may be a directory the user goes on typing into.
    rl_basic_quote_characters = UnsafePointer(strdup(""))
    rl_attempted_completion_function = { text, start, _ in
      // Our candidates are complete: never fall back to readline's file-name completion, and
      // append nothing (a space after `print` or a path is rarely wanted).
      rl_attempted_completion_over = 1
      rl_completion_append_character = 0
      let word = text.map { String(cString: $0) } ?? ""
      let line = rl_line_buffer.map { String(cString: $0) } ?? ""
      // `start` counts bytes of the line buffer.
      let prefix = String(decoding: line.utf8.prefix(Int(max(0, start))), as: UTF8.self)
      completionCandidates = completionSource?(word, prefix) ?? []
      guard !completionCandidates.isEmpty else { return nil }
      return rl_completion_matches(text) { _, state in
        let index = Int(state)
        guard index < completionCandidates.count else { return nil }
        return strdup(completionCandidates[index])
      }
    }
  }

  /// Reads one line; non-blank lines go into the history.
  public mutating func readLine(prompt: String) -> LineInput {
    fflush(nil)
    var line: UnsafeMutablePointer<CChar>?
    switch replshim_read_line(prompt, &line) {
    case REPLSHIM_LINE:
      guard let line else { return .endOfFile }
      defer { free(line) }
      let text = String(cString: line)
      history.add(text)
      return .line(text)
    case REPLSHIM_INTERRUPTED:
      return .interrupted
    default:
      return .endOfFile
    }
  }
}
