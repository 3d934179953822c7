// CheckCommand: `rlnb check FILE...` — parse only, report every syntax error.

import ArgumentParser
import Foundation
import Notebook

/// Parses notebooks without running them and reports every syntax error of every cell.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse notebooks without running them; report every syntax error (exit 65 when any).")

  @Argument(help: "The .rlnb files to check.")
  var files: [String]

  func validate() throws {
    if files.isEmpty { throw ValidationError("check needs at least one FILE") }
  }

  func run() throws {
    var code = ExitCode.success
    for file in files {
      let notebook: Notebook
      do {
        notebook = try NotebookExecution.load(file)
      } catch {
        code = error
        continue
      }
      let errors = notebook.syntaxErrors()
      if errors.isEmpty {
        let cells = notebook.cells.count == 1 ? "1 cell" : "\(notebook.cells.count) cells"
        print("\(file): ok (\(cells))")
      } else {
        var text = NotebookDiagnostics.render(errors, in: notebook)
        if !notebook.hasMarkers {
          let count = errors.reduce(0) { $0 + $1.errors.count }
          text += "\(file): \(count == 1 ? "1 syntax error" : "\(count) syntax errors")\n"
        }
        Host.writeError(text)
        if code == .success { code = .syntaxError }
      }
    }
    if code != .success { throw code }
  }
}
