// A REPL-style session through the public API: continuation lines, shown values, errors that
// leave state intact, and diagnostics that quote the right line after many `<repl>` inputs.

import Bindings
import Lang
import Testing

/// Feeds lines the way a REPL would: accumulate while the input is incomplete.
struct ReplDriver {
  let interpreter: Interpreter
  var pending = ""
  var transcript: [String] = []

  /// Reads one line; returns what the REPL would print, or nil while it waits for more.
  mutating func enter(_ line: String) -> String? {
    pending += pending.isEmpty ? line : "\n" + line
    do {
      let value = try interpreter.run(pending, file: "<repl>")
      pending = ""
      guard let value, !value.isNil else { return "" }
      return value.repr
    } catch where error.isIncompleteInput {
      return nil
    } catch {
      pending = ""
      return interpreter.render(error)
    }
  }
}

struct ReplSessionTests {
  @Test func continuationLinesAndShownValues() throws {
    var repl = ReplDriver(interpreter: try Startup.makeInterpreter())
    var output: [String?] = []
    repl.interpreter.output = { _ in }
    for line in ["fn scale(x, by = 2) {", "  x * by", "}", "scale(21)", "let xs = [1,", "2, 3]", "xs.map(x => x * 2);",
                 "\"text\"", "if true {", "  3", "}", "else { 4 }"] {
      output.append(repl.enter(line))
    }
    // A complete `if` runs at once, so an `else` on the next REPL line stands alone.
    let strayElse = "<repl>:1:1: syntax error: expected an expression, found 'else'\n 1 | else { 4 }\n   | ^\n"
    #expect(output == [nil, nil, "", "42", nil, "", "", "\"text\"", nil, nil, "3", strayElse] as [String?])
  }

  @Test func errorsKeepStateAndQuoteTheirOwnInput() throws {
    var repl = ReplDriver(interpreter: try Startup.makeInterpreter())
    _ = repl.enter("let n = 1")
    _ = repl.enter("fn bad() {\n  n + \"x\"\n}")
    _ = repl.enter("let other = 2\nlet more = 3")
    let rendered = repl.enter("bad()")
    #expect(rendered == """
      <repl>:2:5: error: unsupported operands for '+': number and string
       2 |   n + "x"
         |     ^
      stack trace (innermost first):
        <repl>:2:5 in bad
        <repl>:1:4 in <main>

      """)
    #expect(repl.enter("n + 1") == "2")
  }
}
