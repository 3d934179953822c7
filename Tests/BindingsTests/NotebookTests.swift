// The tensor and plot notebooks run top to bottom, cell by cell, as the notebook runner will.

import Bindings
import Foundation
import Lang
import Plot
import Testing

struct NotebookTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("notebooks")

  /// One code cell: its first line in the file and its text.
  struct Cell {
    var line: Int
    var title: String
    var text: String
  }

  /// The code cells of a `.rlnb` file (jupytext percent format; markdown cells skipped).
  static func cells(of path: String) throws -> [Cell] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    var cells: [Cell] = []
    var current: Cell? = Cell(line: 1, title: "", text: "")
    var markdown = false
    for (index, line) in lines.enumerated() {
      if line.hasPrefix("# %%") {
        if let cell = current, !markdown { cells.append(cell) }
        markdown = line.contains("[markdown]") || line.contains("[md]")
        current = Cell(line: index + 2, title: String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces), text: "")
        continue
      }
      current?.text += line + "\n"
    }
    if let cell = current, !markdown { cells.append(cell) }
    return cells.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
  }

  /// Runs every cell; shows each cell's value as a runner would and saves its figures.
  static func run(_ name: String, figures: URL) throws -> (output: String, pngs: [String]) {
    let path = directory.appendingPathComponent(name).path
    let interpreter = try Startup.makeInterpreter()
    interpreter.limits.maxSteps = 10_000_000
    let state = PlotLibrary.state(of: interpreter)
    state.use(sharedGnuplot)
    state.outputIsTerminal = false
    state.screen = TerminalSize(columns: 80, rows: 24)
    var output = ""
    interpreter.output = { output += $0 }
    var pngs: [String] = []
    for (index, cell) in try cells(of: path).enumerated() {
      do {
        if let value = try interpreter.run(cell.text, file: name, line: cell.line), !value.isNil {
          output += Display.text(of: value) + "\n"
        }
      } catch {
        Issue.record("\(name) cell \(index) '\(cell.title)' failed:\n\(interpreter.render(error))")
        break
      }
      pngs += try PlotLibrary.takeCellFigures(from: interpreter, writingTo: figures.path, stem: "cell-\(index)")
    }
    return (output, pngs)
  }

  @Test func tensorsNotebookRunsAndTheRegressionConverges() throws {
    let figures = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: figures) }
    let (output, pngs) = try Self.run("02-tensors.rlnb", figures: figures)
    #expect(output.contains("matmul: shape mismatch, [2, 3] vs [4, 5]"))
    #expect(output.contains("tensor([2., 4., 6.])"))
    #expect(pngs.isEmpty)
    // The fitted weights are printed last: close to [2, -1, 0.5].
    let last = output.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasPrefix("tensor([ 2.0") || last.hasPrefix("tensor([ 1.9"), "\(last)")
  }

  @Test func plotsNotebookRunsAndSavesEveryFigure() throws {
    let figures = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: figures) }
    let (output, pngs) = try Self.run("03-plots.rlnb", figures: figures)
    // 15 cells end with a figure or update one live; every one becomes a PNG.
    #expect(pngs.count == 15, "\(pngs)")
    if let keep = ProcessInfo.processInfo.environment["RLNB_KEEP_FIGURES"] {
      for path in pngs { try? FileManager.default.copyItem(atPath: path, toPath: keep + "/" + (path as NSString).lastPathComponent) }
    }
    for path in pngs { #expect(try decodePNG(path).nonWhiteFraction > 0.003, "\(path)") }
    #expect(output.contains("pi = 3.1416"))
    #expect(output.contains("gnuplot error at line 1"))
  }
}
