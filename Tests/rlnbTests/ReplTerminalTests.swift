// The REPL through a pseudo-terminal: completion, history across restarts, multi-line input,
// Ctrl-C during `while true {}`, `:quit` and Ctrl-D.

import Foundation
import Testing

@Suite struct ReplTerminalTests {
  @Test func multiLineInputUsesTheContinuationPrompt() throws {
    let terminal = try PseudoTerminal()
    try terminal.waitFor("rlnb> ")
    for line in ["fn add(a, b) {", "  a + b"] {
      terminal.type(line + "\n")
      try terminal.waitFor("  ... ")
    }
    try terminal.enter("}")
    #expect(try terminal.enter("add(2, 40)").contains("42\n"))
    terminal.type("\u{04}")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func tabCompletesGlobalsMembersAndPathsInStrings() throws {
    let directory = try Rlnb.temporaryDirectory(containing: ["unique_file.txt": "hello"])
    defer { Rlnb.removeTemporary(directory) }
    let terminal = try PseudoTerminal(directory: directory)
    try terminal.waitFor("rlnb> ")
    try terminal.enter("let zebra_count = 41")
    #expect(try terminal.enter("zebra_c\t + 1").contains("zebra_count + 1\n42\n"))
    try terminal.enter("let cfg = {learning_rate: 0.5, layers: 3}")
    #expect(try terminal.enter("cfg.lea\t").contains("cfg.learning_rate\n0.5\n"))
    #expect(try terminal.enter("read_text(\"uniq\t\")").contains("read_text(\"unique_file.txt\")\n\"hello\"\n"))
    terminal.type(":quit\n")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func historyIsRecalledAfterARestart() throws {
    let directory = try Rlnb.temporaryDirectory()
    defer { Rlnb.removeTemporary(directory) }
    let history = directory + "/history"
    do {
      let first = try PseudoTerminal(environment: ["RLNB_HISTORY": history])
      try first.waitFor("rlnb> ")
      #expect(try first.enter("40 + 2").contains("42\n"))
      first.type("\u{04}")
      #expect(try first.waitForExit() == 0)
    }
    #expect(try String(contentsOfFile: history, encoding: .utf8).contains("40 + 2"))
    let second = try PseudoTerminal(environment: ["RLNB_HISTORY": history])
    try second.waitFor("rlnb> ")
    second.type("\u{1B}[A")  // Up arrow
    try second.waitFor("40 + 2")
    #expect(try second.enter("").contains("42\n"))
    second.type("\u{04}")
    #expect(try second.waitForExit() == 0)
  }

  @Test func ctrlCStopsAComputationAndKeepsBindings() throws {
    let terminal = try PseudoTerminal()
    try terminal.waitFor("rlnb> ")
    try terminal.enter("let keep = 7")
    terminal.type("let n = 0; print(\"spinning\"); while true { n += 1 }\n")
    // The line's echo shows `"spinning"` in quotes; the output line is bare.
    try terminal.waitFor("\nspinning\n")
    terminal.type("\u{03}")
    #expect(try terminal.waitFor("rlnb> ").contains("error: interrupted"))
    #expect(try terminal.enter("keep + 1").contains("8\n"))
    #expect(try terminal.enter("n > 0").contains("true\n"))
    terminal.type("\u{04}")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func interactiveRunLeavesTheNotebookLoaded() throws {
    let directory = try Rlnb.temporaryDirectory(containing: ["nb.rlnb": "# %% Setup\nlet base = 40\n# %% Later\nbase + 2\n"])
    defer { Rlnb.removeTemporary(directory) }
    let terminal = try PseudoTerminal(["-i", "nb.rlnb"], directory: directory)
    #expect(try terminal.waitFor("rlnb> ").contains("42\n"))
    #expect(try terminal.enter(":vars").contains("base  number    40\n"))
    #expect(try terminal.enter(":run 2").contains("── [2] Later ──\n42\n"))
    terminal.type(":q\n")
    #expect(try terminal.waitForExit() == 0)
  }
}
