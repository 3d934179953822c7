// ReplSession: the REPL's state and what each typed line does, independent of the terminal.

import Bindings
import Foundation
import Lang
import Notebook

/// One REPL session: an interpreter, the command being typed, and a loaded notebook.
///
/// The loop follows jlox's `runPrompt` and lua.c: read a line, run it, report, keep every
/// binding. `enter(_:)` takes one physical line and says whether the command is complete;
/// the terminal side (`Repl`) only reads lines and picks the prompt, so a session can be
/// driven by tests line by line.
///
/// ```swift
/// let session = try ReplSession { try Startup.makeInterpreter() }
/// session.enter("let xs = [1,")   // .needsMore
/// session.enter("2]")             // .done
/// session.enter("xs.sum()")       // prints 3
/// ```
public final class ReplSession {
  /// What the REPL should do after a line.
  public enum Outcome: Equatable, Sendable {
    /// The command ran (or failed); show the primary prompt.
    case done
    /// Brackets are still open: show the continuation prompt and read another line.
    case needsMore
    /// `:quit`.
    case quit
  }

  /// The file name REPL commands run under, as shown in diagnostics.
  public static let fileName = "<repl>"

  /// The interpreter; replaced by `:reset`.
  public private(set) var interpreter: Interpreter
  /// Receives what the session shows: program output, values, help, command output.
  public var output: (String) -> Void
  /// Receives errors (rendered diagnostics and command mistakes).
  public var errorOutput: (String) -> Void
  /// Commands slower than this many seconds show their wall time.
  public var timingThreshold = 0.5
  /// The notebook `:load` read (or `-i FILE` ran), if any.
  public private(set) var notebook: Notebook?
  /// The number of the cell `:next` looks at first.
  public private(set) var nextCell = 1

  private let makeInterpreter: () throws -> Interpreter
  private let configureInterpreter: (Interpreter) -> Void
  private var pending: [String] = []
  /// Builtins and prelude names, which `:vars` leaves out.
  var baselineNames: Set<String> = []

  /// Creates a session. `makeInterpreter` builds a fresh interpreter (now and on `:reset`);
  /// `configure` sets host hooks on each one (the interrupt check).
  public init(output: @escaping (String) -> Void = { Swift.print($0, terminator: "") },
              errorOutput: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
              configure: @escaping (Interpreter) -> Void = { _ in },
              makeInterpreter: @escaping () throws -> Interpreter) throws {
    self.output = output
    self.errorOutput = errorOutput
    self.makeInterpreter = makeInterpreter
    self.configureInterpreter = configure
    self.interpreter = try makeInterpreter()
    adopt(interpreter)
  }

  /// Uses `interpreter` from now on; the names it has now (builtins, prelude) are left out
  /// of `:vars`.
  private func adopt(_ interpreter: Interpreter) {
    self.interpreter = interpreter
    interpreter.output = { [unowned self] text in self.output(text) }
    configureInterpreter(interpreter)
    baselineNames = Set(interpreter.globalNames)
  }

  /// True while a command is incomplete (the continuation prompt is showing).
  public var isContinuing: Bool { !pending.isEmpty }

  /// Drops an incomplete command (Ctrl-C at the prompt).
  public func cancelPending() { pending = [] }

  /// Makes `notebook` the loaded one; `:next` continues after cell `ranThrough`.
  public func setNotebook(_ notebook: Notebook, ranThrough: Int = 0) {
    self.notebook = notebook
    nextCell = ranThrough + 1
  }

  // MARK: - Lines

  /// Handles one physical line typed at the prompt.
  @discardableResult
  public func enter(_ line: String) -> Outcome {
    guard pending.isEmpty else {
      pending.append(line)
      return evaluatePending()
    }
    let command: ReplCommand
    do {
      command = try ReplCommand(parsing: line)
    } catch {
      report(error.message + "\n")
      return .done
    }
    switch command {
    case .code(let text):
      guard !text.allSatisfy(\.isWhitespace) else { return .done }
      pending = [text]
      return evaluatePending()
    case .quit:
      return .quit
    default:
      perform(command)
      return .done
    }
  }

  /// Runs the accumulated lines; keeps them when the input is incomplete. `##` doc-comment
  /// lines wait for the `fn` they document, as they would in a file.
  private func evaluatePending() -> Outcome {
    if pending.allSatisfy({ $0.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("##") }) { return .needsMore }
    let text = pending.joined(separator: "\n")
    let start = ContinuousClock.now
    do {
      let value = try interpreter.run(text, file: ReplSession.fileName)
      pending = []
      show(value)
    } catch where error.isIncompleteInput {
      return .needsMore
    } catch {
      pending = []
      report(interpreter.render(error))
    }
    showTime(since: start, always: false)
    return .done
  }

  // MARK: - Showing results

  func show(_ value: Value?) {
    guard let value else { return }
    if case .nil = value { return }
    output(value.repr + "\n")
  }

  func report(_ text: String) {
    fflush(nil)
    errorOutput(text)
  }

  func showTime(since start: ContinuousClock.Instant, always: Bool) {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    guard always || seconds > timingThreshold else { return }
    output("time: \(MarkdownReport.format(seconds: seconds))\n")
  }

  // MARK: - Commands

  /// Carries out a colon command or `? x`.
  func perform(_ command: ReplCommand) {
    do {
      switch command {
      case .code(let text): enter(text)
      case .help(let expression): try help(expression)
      case .commands: output(ReplSession.commandHelp)
      case .load(let path): try load(path)
      case .cells: try listCells()
      case .run(let selection): try run(selection)
      case .next: try runNext()
      case .vars: listVariables()
      case .time(let expression):
        let start = ContinuousClock.now
        do {
          show(try interpreter.run(expression, file: ReplSession.fileName))
        } catch {
          report(interpreter.render(error))
        }
        showTime(since: start, always: true)
      case .reset:
        adopt(try makeInterpreter())
        nextCell = 1
        output("fresh interpreter: every binding dropped" + (notebook == nil ? "" : "; :next starts at cell 1 again") + "\n")
      case .quit: break
      }
    } catch let error as ReplError {
      report(error.message + "\n")
    } catch let error as NotebookError {
      report(error.message + "\n")
    } catch let error as LangError {
      report(interpreter.render(error))
    } catch {
      report("\(error)\n")
    }
  }

  /// `? x`: the help text of the value of `x`, or the overview.
  private func help(_ expression: String) throws(LangError) {
    if expression.isEmpty {
      output(Help.text(for: .nil, in: interpreter, topLevel: true) + "\n")
      return
    }
    let value = try interpreter.run(expression, file: ReplSession.fileName) ?? .nil
    output(Help.text(for: value, in: interpreter) + "\n")
  }

  /// The text `:help` shows.
  static var commandHelp: String {
    var lines = ["Type code to run it; the value of an expression is shown unless the line ends with ';'.",
                 "? x or help(x) shows the signature and doc of x. Commands:"]
    for command in ReplCommand.colonCommands {
      let usage = command.argument.isEmpty ? ":\(command.name)" : ":\(command.name) \(command.argument)"
      lines.append("  " + usage.padding(toLength: 22, withPad: " ", startingAt: 0) + command.summary)
    }
    lines += ["Commands may be shortened to a unique prefix (:q, :l FILE).",
              "Keys: Tab completes names, fields after '.', and file paths inside strings; Up/Down recall",
              "history; Ctrl-C stops a running computation (or clears the line); Ctrl-D leaves."]
    return lines.joined(separator: "\n") + "\n"
  }
}
