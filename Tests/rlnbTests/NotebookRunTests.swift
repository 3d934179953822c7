// Notebook runs through the binary: parameter overrides, a failing cell named with its number
// and title and a non-zero exit, the report written up to the failing cell, and every
// tutorial in notebooks/ running cleanly.

import Foundation
import Testing

@Suite struct NotebookRunTests {
  /// A notebook whose third cell fails when `divisor` is 0.
  static let notebook = """
    # %% [markdown]
    # # Training run
    # Prose in Markdown.

    # %% Parameters tags=["parameters"]
    let divisor = 0
    let label = "default"
    let clip = [0.2, 0.28]

    # %% Divide
    print(f"label: {label}, clip: {clip}")
    let result = 84 / divisor
    result

    # %% After
    print("after ran")
    """

  /// Runs `rlnb arguments` in a directory holding `nb.rlnb`.
  func run(_ arguments: [String]) throws -> (ProcessResult, String) {
    let directory = try Rlnb.temporaryDirectory(containing: ["nb.rlnb": NotebookRunTests.notebook])
    return (try Rlnb.run(arguments, in: directory), directory)
  }

  @Test func parametersOverrideTheirLets() throws {
    let (result, directory) = try run(["run", "nb.rlnb", "-p", "divisor=2", "-p", "label=tuned run",
                                       "--parameter", "clip=[0.1, 0.3]"])
    defer { Rlnb.removeTemporary(directory) }
    #expect(result.stdout == "label: tuned run, clip: [0.1, 0.3]\n42\nafter ran\n")
    #expect(result.stderr.isEmpty)
    #expect(result.status == 0)
  }

  @Test func unknownParametersAreUsageErrorsListingTheKnownOnes() throws {
    let (result, directory) = try run(["run", "nb.rlnb", "-p", "divisr=2"])
    defer { Rlnb.removeTemporary(directory) }
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "rlnb: unknown parameter 'divisr': the parameters cell (cell 2) has no 'let divisr'; "
      + "it declares divisor, label, clip\n")
    #expect(result.status == 64)
  }

  @Test func aFailingCellIsNamedAndTheReportStopsThere() throws {
    let (result, directory) = try run(["run", "nb.rlnb", "--report", "out"])
    defer { Rlnb.removeTemporary(directory) }
    #expect(result.status == 70)
    #expect(result.stdout == "label: default, clip: [0.2, 0.28]\n")
    #expect(result.stderr == """
      nb.rlnb:12:17: error: division by zero
       12 | let result = 84 / divisor
          |                 ^
      nb.rlnb: cell 3 "Divide" failed; cell 4 did not run
      rlnb: report written to out/report.md

      """)
    let report = try String(contentsOfFile: directory + "/out/report.md", encoding: .utf8)
    #expect(report.contains("**failed in cell 3 \"Divide\"**"))
    #expect(report.contains("# Training run"))
    #expect(report.contains("**[3] Divide**"))
    #expect(report.contains("label: default, clip: [0.2, 0.28]"))
    #expect(report.contains("nb.rlnb:12:17: error: division by zero"))
    #expect(!report.contains("after ran") && !report.contains("[4] After"))
  }

  @Test func plainRunsReportToo() throws {
    let (result, directory) = try run(["nb.rlnb"])
    defer { Rlnb.removeTemporary(directory) }
    #expect(result.status == 70)
    #expect(result.stderr.hasSuffix("nb.rlnb: cell 3 \"Divide\" failed; cell 4 did not run\n"))
  }

  @Test func aSyntaxErrorStopsTheRunBeforeAnyCell() throws {
    let directory = try Rlnb.temporaryDirectory(containing: ["bad.rlnb": "# %% One\nprint(1)\n# %% Two\nprint(2))\n"])
    defer { Rlnb.removeTemporary(directory) }
    let result = try Rlnb.run(["run", "bad.rlnb"], in: directory)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasSuffix("bad.rlnb: 1 syntax error in cell 2 \"Two\"\n"))
  }

  /// Every notebook in notebooks/, including ones other engineers add.
  static var tutorials: [String] {
    let directory = Rlnb.root.appendingPathComponent("notebooks").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".rlnb") }.sorted().map { "notebooks/" + $0 }
  }

  @Test(arguments: tutorials)
  func tutorialRunsCleanly(_ path: String) throws {
    let directory = try Rlnb.temporaryDirectory()
    defer { Rlnb.removeTemporary(directory) }
    // The RL notebooks train a small model in a debug build, several at once: give them time.
    let result = try Rlnb.run(["run", path, "--report", directory], timeout: 600)
    #expect(result.status == 0, "\(path) failed:\n\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/report.md"))
  }

  /// A cell's figures are saved as PNG files beside the report and linked from it.
  @Test func reportsLinkEachCellsFiguresAsPNG() throws {
    let directory = try Rlnb.temporaryDirectory(containing: ["plots.rlnb": """
      # %% A curve
      let fig = plot([1, 4, 9, 16], title: "squares")
      fig

      # %% No figure
      print("quiet")

      # %% Two figures
      show(plot([3, 1, 2]))
      scatter([1, 2, 3], [2, 1, 3])
      """])
    defer { Rlnb.removeTemporary(directory) }
    let result = try Rlnb.run(["run", "plots.rlnb", "--report", "out"], in: directory, timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let figures = try FileManager.default.contentsOfDirectory(atPath: directory + "/out/figures").sorted()
    #expect(figures == ["cell-01-1.png", "cell-03-1.png", "cell-03-2.png"])
    let report = try String(contentsOfFile: directory + "/out/report.md", encoding: .utf8)
    for figure in figures { #expect(report.contains("figures/\(figure)"), "\(figure) is not linked") }
    for figure in figures {
      let size = (try FileManager.default.attributesOfItem(atPath: directory + "/out/figures/" + figure)[.size] as? Int) ?? 0
      #expect(size > 1000, "\(figure) is \(size) bytes")
    }
  }

  @Test func theTutorialsAreThere() {
    #expect(NotebookRunTests.tutorials.contains("notebooks/00-quickstart.rlnb"))
    #expect(NotebookRunTests.tutorials.contains("notebooks/01-language.rlnb"))
  }
}
