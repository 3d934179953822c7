// The REPL through a pseudo-terminal: completion, history across restarts, multi-line input,
// Ctrl-C during `while true {}`, `:quit` and Ctrl-D.

import Foundation
import Testing

@Suite struct ReplTerminalTests {
  @Test func multiLineInputUsesTheContinuationPrompt() throws {
    let terminal = try PseudoTerminal()
    try terminal.waitFor("rlnb> ")
    terminal.type("fn add(a, b) {\n")
    try terminal.waitFor("  ... ")
    terminal.type("  a + b\n")
    try terminal.waitFor("  ... ")
    terminal.type("}\n")
    try terminal.waitFor("rlnb> ")
    terminal.type("add(2, 40)\n")
    #expect(try terminal.waitFor("rlnb> ").contains("42\n"))
    terminal.type("\u{04}")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func tabCompletesGlobalsMembersAndPathsInStrings() throws {
    let directory = try Rlnb.temporaryDirectory()
    defer { Rlnb.removeTemporary(directory) }
    try "hello".write(toFile: directory + "/unique_file.txt", atomically: true, encoding: .utf8)
    let terminal = try PseudoTerminal(directory: directory)
    try terminal.waitFor("rlnb> ")
    terminal.type("let zebra_count = 41\n")
    try terminal.waitFor("rlnb> ")
    terminal.type("zebra_c\t + 1\n")
    #expect(try terminal.waitFor("rlnb> ").contains("zebra_count + 1\n42\n"))
    terminal.type("let cfg = {learning_rate: 0.5, layers: 3}\n")
    try terminal.waitFor("rlnb> ")
    terminal.type("cfg.lea\t\n")
    #expect(try terminal.waitFor("rlnb> ").contains("cfg.learning_rate\n0.5\n"))
    terminal.type("read_text(\"uniq\t\")\n")
    #expect(try terminal.waitFor("rlnb> ").contains("read_text(\"unique_file.txt\")\n\"hello\"\n"))
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
      first.type("40 + 2\n")
      try first.waitFor("42")
      try first.waitFor("rlnb> ")
      first.type("\u{04}")
      #expect(try first.waitForExit() == 0)
    }
    #expect(try String(contentsOfFile: history, encoding: .utf8).contains("40 + 2"))
    let second = try PseudoTerminal(environment: ["RLNB_HISTORY": history])
    try second.waitFor("rlnb> ")
    second.type("\u{1B}[A")  // Up arrow
    try second.waitFor("40 + 2")
    second.type("\n")
    #expect(try second.waitFor("rlnb> ").contains("42\n"))
    second.type("\u{04}")
    #expect(try second.waitForExit() == 0)
  }

  @Test func ctrlCStopsAComputationAndKeepsBindings() throws {
    let terminal = try PseudoTerminal()
    try terminal.waitFor("rlnb> ")
    terminal.type("let keep = 7\n")
    try terminal.waitFor("rlnb> ")
    terminal.type("let n = 0; print(\"spinning\"); while true { n += 1 }\n")
    // The line's echo shows `"spinning"` in quotes; the output line is bare.
    try terminal.waitFor("\nspinning\n")
    terminal.type("\u{03}")
    let report = try terminal.waitFor("rlnb> ")
    #expect(report.contains("error: interrupted"))
    terminal.type("keep + 1\n")
    #expect(try terminal.waitFor("rlnb> ").contains("8\n"))
    terminal.type("n > 0\n")
    #expect(try terminal.waitFor("rlnb> ").contains("true\n"))
    terminal.type("\u{04}")
    #expect(try terminal.waitForExit() == 0)
  }
}
