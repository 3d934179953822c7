// `-p name=value`: values read as literals, overrides replacing the parameters cell's lets.

import Notebook
import Testing

@Suite struct ParameterTests {
  @Test(arguments: [
    ("3", "3"), ("1e-5", "1e-05"), ("-2.5", "-2.5"), ("true", "true"), ("nil", "nil"),
    ("\"quoted\"", "\"quoted\""), ("'single'", "\"single\""), ("[1, 2.5, \"a\"]", "[1, 2.5, \"a\"]"),
    ("{lr: 0.1}", "{lr: 0.1}"), ("word", "\"word\""), ("runs/a.jsonl", "\"runs/a.jsonl\""),
    ("two words", "\"two words\""), ("", "\"\""), ("say \"hi\"", "\"say \\\"hi\\\"\""), ("[a, b]", "\"[a, b]\""),
    ("while true {}", "\"while true {}\""), ("1/0", "\"1/0\""),
  ])
  func valuesAreLiteralsElseStrings(text: String, source: String) throws {
    #expect(ParameterOverride.literalSource(for: text) == source)
  }

  @Test(arguments: ["noequals", "=3", "1x=2", "a b=1"])
  func malformedArgumentsAreRejected(argument: String) {
    #expect(throws: NotebookError.malformedOverride(argument)) { try ParameterOverride(parsing: argument) }
  }

  @Test func overridesReplaceLetsAndKeepLineNumbers() throws {
    let text = """
      # %% Parameters tags=["parameters"]
      # defaults
      let seed = 0
      let clip = [
        0.2, 0.28,
      ]
      let name = "a"; print(name)
      # %% Use
      print(seed, clip)
      """
    let notebook = Notebook(parsing: text, file: "p.rlnb")
    #expect(notebook.parameterDeclarations.map(\.name) == ["seed", "clip", "name"])
    #expect(notebook.parameterDeclarations[1].lines == 2...4)
    let applied = try notebook.applying([try ParameterOverride(parsing: "clip=[0.1, 0.3]"),
                                         try ParameterOverride(parsing: "seed=7")])
    #expect(applied.cells[0].source == """
      # defaults
      let seed = 7  # set by -p
      let clip = [0.1, 0.3]  # set by -p


      let name = "a"; print(name)
      """)
    #expect(applied.cells[1] == notebook.cells[1])
  }

  @Test func unknownNamesListTheDeclaredOnes() throws {
    let notebook = Notebook(parsing: "# %% P tags=[\"parameters\"]\nlet lr = 1\nlet steps = 2\n", file: "p.rlnb")
    let error = NotebookError.unknownParameter(name: "lrr", known: ["lr", "steps"], cell: 1)
    #expect(throws: error) { try notebook.applying([ParameterOverride(name: "lrr", valueSource: "2")]) }
    #expect(error.message == "unknown parameter 'lrr': the parameters cell (cell 1) has no 'let lrr'; it declares lr, steps")
  }

  @Test func overridesNeedAParametersCell() {
    let notebook = Notebook(parsing: "let lr = 1\n", file: "plain.rlnb")
    #expect(throws: NotebookError.noParametersCell(file: "plain.rlnb", parameter: "lr")) {
      try notebook.applying([ParameterOverride(name: "lr", valueSource: "2")])
    }
    #expect((try? notebook.applying([])) == notebook)
  }
}
