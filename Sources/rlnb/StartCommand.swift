// StartCommand: the default command — the REPL, `rlnb FILE`, `rlnb -e EXPR`, `rlnb -i FILE`.

import ArgumentParser
import Lang
import Notebook
import Repl

/// What `rlnb` does without a subcommand.
///
/// - `rlnb`: the REPL; when standard input is not a terminal, stdin is read whole and run as a
///   program (no prompts, no echo), so `echo 'print(1)' | rlnb` prints `1`.
/// - `rlnb FILE`: runs the notebook like `rlnb run FILE`.
/// - `rlnb -e EXPR`: evaluates EXPR and prints its value.
/// - `rlnb -i FILE`: runs FILE, then stays in the REPL with every binding.
struct StartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Start the REPL, run a notebook, or evaluate an expression (the default command).")

  @Option(name: [.customShort("e"), .customLong("eval")], help: ArgumentHelp("Evaluate EXPR and print its value.",
                                                                            valueName: "EXPR"))
  var expression: String?

  @Flag(name: [.customShort("i"), .customLong("interactive")], help: "Run FILE, then stay in the REPL.")
  var interactive = false

  @Argument(help: "A .rlnb notebook (or program) to run.")
  var file: String?

  func validate() throws {
    if interactive && file == nil { throw ValidationError("-i needs a FILE to run first") }
    if expression != nil && (file != nil || interactive) { throw ValidationError("-e cannot be combined with FILE or -i") }
  }

  func run() throws {
    if let expression { return try evaluate(expression) }
    if let file, !interactive {
      let notebook = try NotebookExecution.load(file)
      guard let interpreter = Host.makeInterpreterOrReport() else { throw ExitCode.runtimeError }
      Host.catchInterrupts(in: interpreter)
      let (code, _) = NotebookExecution().run(notebook, in: interpreter)
      if code != .success { throw code }
      return
    }
    try interact(after: file)
  }

  /// `-e`: runs the text and prints the value of its last expression.
  private func evaluate(_ text: String) throws {
    guard let interpreter = Host.makeInterpreterOrReport() else { throw ExitCode.runtimeError }
    Host.catchInterrupts(in: interpreter)
    do {
      if let value = try interpreter.run(text, file: "<expr>") {
        if case .nil = value {} else { print(value.repr) }
      }
    } catch {
      Host.writeError(interpreter.render(error))
      if case .syntax = error { throw ExitCode.syntaxError }
      throw ExitCode.runtimeError
    }
  }

  /// The REPL (after running `file` for `-i`), or stdin run as a program when it is not a
  /// terminal.
  private func interact(after file: String?) throws {
    let notebook = try file.map { path throws(ExitCode) in try NotebookExecution.load(path) }
    let session: ReplSession
    do {
      session = try ReplSession(configure: Repl.installInterruptCheck(on:)) { try Host.makeInterpreter() }
    } catch let error as LangError {
      Host.writeError("rlnb: " + Diagnostics.render(error, sources: [:]))
      throw ExitCode.runtimeError
    }
    Host.catchInterrupts(in: session.interpreter)
    if let notebook {
      let (code, run) = NotebookExecution().run(notebook, in: session.interpreter)
      // After a failure, :next runs the failing cell again.
      let ran = run.map { $0.failedCell.map { $0.cell.number - 1 } ?? $0.results.count } ?? 0
      session.setNotebook(notebook, ranThrough: ran)
      if !Host.inputIsTerminal && code != .success { throw code }
    }
    guard Host.inputIsTerminal else {
      let program = Notebook(parsing: Host.readStandardInput(), file: "<stdin>")
      let (code, _) = NotebookExecution().run(program, in: session.interpreter)
      if code != .success { throw code }
      return
    }
    print(Repl.banner(version: RlnbCommand.version), terminator: "")
    var editor = ReadlineEditor(historyPath: History.defaultPath()) { [session] word, prefix in
      // The session's interpreter changes on :reset; complete against the current one.
      Completer(interpreter: session.interpreter).completions(of: word, after: prefix)
    }
    Repl.run(session, editor: &editor)
    editor.history.close()
  }
}
