// Tables: aligned columns that fit a width, full values kept, CSV export, clear errors.

import Bindings
import Foundation
import Lang
import Testing

struct TableTests {
  @Test func printsAlignedColumnsThatFitTheWidth() throws {
    let run = try evaluate("""
      let t = table([{name: "a", score: 0.5, text: "hello\\nworld"}, {name: "bbbbbb", score: 12, text: "x" * 200}], width: 40)
      print(t)
      print(len(t), t[-1].score, t.columns, len(t.rows[1].text), [t])
      """)
    #expect(run.error == nil)
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines[0] == "name    score  text")
    #expect(lines[2] == "a         0.5  hello⏎world")
    #expect(lines[3].hasPrefix("bbbbbb     12  xxx") && lines[3].hasSuffix("…") && lines[3].count == 40)
    #expect(lines[4] == "2 12 [\"name\", \"score\", \"text\"] 200 [<table 2 rows × 3 columns>]")
  }

  @Test func columnsPickAndOrderAndMissingCellsAreBlank() throws {
    let run = try evaluate("print(table([{a: 1, b: 2}, {b: 3, c: \"z\"}], columns: [\"c\", \"a\"]))")
    #expect(run.output == "c  a\n─  ─\n   1\nz\n")
  }

  @Test func savesCSVWithFullValues() throws {
    let directory = try scratchDirectory()
    let run = try evaluate(#"table([{q: "a, b", n: 1.25}, {q: "say \"hi\"\nbye", n: 2}]).save("t.csv")"#, in: directory)
    #expect(run.error == nil)
    let text = try String(contentsOf: directory.appendingPathComponent("t.csv"), encoding: .utf8)
    #expect(text == "q,n\n\"a, b\",1.25\n\"say \"\"hi\"\"\nbye\",2\n")
  }

  @Test func badRowsAreNamed() throws {
    #expect(try evaluate("table([{a: 1}, 5])").error?.contains("row 1 is a number, not a record") == true)
    #expect(try evaluate("table([{a: 1}])[3]").error?.contains("row 3 is out of range for a table of 1 rows") == true)
  }
}
