// Parsing `.rlnb` text into cells: markers, titles, tags, Markdown prefixes, first lines.

import Notebook
import Testing

@Suite struct NotebookTests {
  static let text = """
    # A leading comment and code before the first marker.
    let setup = 1

    # %% [markdown]
    # # Title
    #
    # Prose with `code`.
    # %%
    print(setup)
    # %% Load the policy
    let policy = "p"


    # %% Parameters tags=["parameters", "setup"]
    let seed = 0
    #%% [md] Notes
    # More prose
    #not stripped
    # %%%
    """

  @Test func cellsKeepKindTitleTagsSourceAndLines() {
    let notebook = Notebook(parsing: NotebookTests.text, file: "nb.rlnb")
    #expect(notebook.hasMarkers)
    #expect(notebook.cells.map(\.number) == [1, 2, 3, 4, 5, 6])
    #expect(notebook.cells.map(\.kind) == [.code, .markdown, .code, .code, .code, .markdown])
    #expect(notebook.cells.map(\.title) == ["", "", "", "Load the policy", "Parameters", "Notes"])
    #expect(notebook.cells.map(\.tags) == [[], [], [], [], ["parameters", "setup"], []])
    #expect(notebook.cells.map(\.firstLine) == [1, 5, 9, 11, 15, 17])
    #expect(notebook.cells.map(\.markerLine) == [nil, 4, 8, 10, 14, 16])
    #expect(notebook.cells[0].source == "# A leading comment and code before the first marker.\nlet setup = 1")
    #expect(notebook.cells[1].source == "# Title\n\nProse with `code`.")
    #expect(notebook.cells[3].source == "let policy = \"p\"")
    // `# %%%` is not a marker, and a line without `# ` stays as written.
    #expect(notebook.cells[5].source == "More prose\n#not stripped\n%%%")
    #expect(notebook.parametersCell?.number == 5)
    #expect(notebook.codeCells.count == 4)
    #expect(notebook.cell(number: 4)?.label == "cell 4 \"Load the policy\"")
    #expect(notebook.cell(number: 3)?.label == "cell 3")
    #expect(notebook.cell(number: 7) == nil)
  }

  @Test func aPlainProgramIsOneCell() {
    let notebook = Notebook(parsing: "\n\nprint(1)\nprint(2)\n", file: "p.rlnb")
    #expect(!notebook.hasMarkers)
    #expect(notebook.cells.count == 1)
    #expect(notebook.cells[0].firstLine == 3)
    #expect(notebook.cells[0].source == "print(1)\nprint(2)")
  }

  @Test func blankTextBeforeTheFirstMarkerMakesNoCellButEmptyMarkedCellsCount() {
    let notebook = Notebook(parsing: "\n\n# %% One\n\n# %% Two\nx\r\n", file: "n.rlnb")
    #expect(notebook.cells.map(\.title) == ["One", "Two"])
    #expect(notebook.cells[0].isEmpty)
    #expect(notebook.cells[1].source == "x")
  }

  @Test(arguments: [
    ("# %% Train tags=[\"a\"] other=\"x\"", "Train", ["a"], Cell.Kind.code),
    ("# %% [markdown] Intro", "Intro", [], .markdown),
    ("# %%   spaced    title  ", "spaced title", [], .code),
    ("# %% tags=['parameters']", "", ["parameters"], .code),
    ("# %% a=b title", "", [], .code),
    ("# %% x = 1", "x = 1", [], .code),
  ])
  func markerHeaders(line: String, title: String, tags: [String], kind: Cell.Kind) {
    let cell = Notebook(parsing: line + "\nbody", file: "m.rlnb").cells[0]
    #expect(cell.title == title)
    #expect(cell.tags == tags)
    #expect(cell.kind == kind)
  }

  @Test func syntaxErrorsAreFoundPerCellAtFileLines() {
    let notebook = Notebook(parsing: "# %% A\nlet x = (\n# %% B\nok()\n# %% C\nlet = 2\n", file: "e.rlnb")
    let errors = notebook.syntaxErrors()
    #expect(errors.map(\.cell.number) == [1, 3])
    #expect(errors.flatMap(\.errors).map(\.location.line) == [2, 6])
    let rendered = NotebookDiagnostics.render(errors, in: notebook)
    #expect(rendered.hasSuffix("e.rlnb: 2 syntax errors in cell 1 \"A\", cell 3 \"C\"\n"))
  }

  @Test func loadingNamesWhatIsWrong() {
    #expect(throws: NotebookError.unreadableFile(path: "/nonexistent/x.rlnb", reason: "no such file")) {
      try Notebook.load(path: "/nonexistent/x.rlnb")
    }
    #expect(throws: NotebookError.unreadableFile(path: "/tmp", reason: "it is a directory")) {
      try Notebook.load(path: "/tmp")
    }
  }
}
