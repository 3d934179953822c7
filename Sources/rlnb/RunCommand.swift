// RunCommand: `rlnb run FILE [-p name=value]... [--report DIR]`.

import ArgumentParser
import Notebook

/// Runs every cell of a notebook, streaming output; optionally writes a Markdown report.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run every cell of a notebook, streaming its output.",
    discussion: """
      On an error the failing cell is named (number and title), the report covers the cells \
      up to and including it, and rlnb exits with 70 (130 when interrupted with Ctrl-C).
      """)

  @Argument(help: "The .rlnb notebook to run.")
  var file: String

  @Option(name: [.customShort("p"), .customLong("parameter")],
          help: ArgumentHelp("Override a `let` of the cell tagged parameters; the value is read as a literal "
                               + "(number, string, bool, list), else as a string. Repeatable.",
                             valueName: "name=value"))
  var parameters: [String] = []

  @Option(help: ArgumentHelp("Write report.md (each cell's source, output, wall time, figures) into DIR.",
                             valueName: "DIR"))
  var report: String?

  func run() throws {
    var overrides: [ParameterOverride] = []
    for parameter in parameters {
      do {
        overrides.append(try ParameterOverride(parsing: parameter))
      } catch {
        throw ValidationError(error.message)
      }
    }
    let notebook = try NotebookExecution.load(file)
    guard let interpreter = Host.makeInterpreterOrReport() else { throw ExitCode.runtimeError }
    Host.catchInterrupts(in: interpreter)
    let (code, _) = NotebookExecution(overrides: overrides, reportDirectory: report).run(notebook, in: interpreter)
    if code != .success { throw code }
  }
}
