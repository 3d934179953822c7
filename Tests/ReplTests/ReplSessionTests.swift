// A REPL session driven line by line: values, continuation, errors, ? x and colon commands.

import Bindings
import Foundation
import Notebook
import Repl
import Testing

/// A session whose output and errors (marked `! `) are collected as one transcript.
final class Transcript {
  /// What the session printed since the last `enter`.
  final class Text { var value = "" }

  let session: ReplSession
  private let printed = Text()

  init() throws {
    let printed = self.printed
    session = try ReplSession(output: { printed.value += $0 }, errorOutput: { printed.value += "! " + $0 }) {
      try Startup.makeInterpreter()
    }
  }

  /// Enters the lines; returns what they printed.
  @discardableResult
  func enter(_ lines: String...) -> String {
    printed.value = ""
    for line in lines { session.enter(line) }
    return printed.value
  }
}

@Suite struct ReplSessionTests {
  @Test func valuesShowUnlessSilencedAndLinesContinueWhileOpen() throws {
    let repl = try Transcript()
    #expect(repl.enter("1 + 2") == "3\n")
    #expect(repl.enter("let x = 5") == "")
    #expect(repl.enter("x;") == "")
    #expect(repl.enter("\"s\"") == "\"s\"\n")
    #expect(repl.session.enter("let xs = [1,") == .needsMore)
    #expect(repl.session.isContinuing)
    #expect(repl.session.enter("2]") == .done)
    #expect(repl.enter("xs.sum()") == "3\n")
    #expect(repl.enter("print(nil)", "nil") == "nil\n")
    #expect(repl.enter("   ") == "")
    #expect(repl.session.enter(":quit") == .quit)
  }

  @Test func cancellingDropsAnIncompleteCommand() throws {
    let repl = try Transcript()
    repl.session.enter("fn f() {")
    repl.session.cancelPending()
    #expect(!repl.session.isContinuing)
    #expect(repl.enter("2") == "2\n")
  }

  @Test func errorsKeepEveryBinding() throws {
    let repl = try Transcript()
    repl.enter("let kept = 41")
    #expect(repl.enter("kept + nope") == "! <repl>:1:8: error: undefined variable 'nope'\n 1 | kept + nope\n   |        ^\n")
    #expect(repl.enter("kept + 1") == "42\n")
  }

  @Test func helpShowsDocs() throws {
    let repl = try Transcript()
    repl.enter("## Doubles x.", "fn double(x) { x * 2 }")
    #expect(repl.enter("? double") == "fn double(x)\nDoubles x.\n")
    #expect(repl.enter("help(double)") == "fn double(x)\nDoubles x.\n")
    #expect(repl.enter("?").hasPrefix("help(x) shows"))
    #expect(repl.enter("? nope").hasPrefix("! <repl>:1:1: error: undefined variable 'nope'"))
    #expect(repl.enter(":help").contains(":run N | N..M | all"))
    #expect(repl.enter(":bogus") == "! unknown command ':bogus'; :help lists the commands\n")
  }

  @Test func varsListsOnlyTheSessionsNames() throws {
    let repl = try Transcript()
    #expect(repl.enter(":vars") == "no variables yet\n")
    repl.enter("let lr = 0.001", "fn step(x) { x }", "let text = \"" + String(repeating: "a", count: 80) + "\"")
    let lines = repl.enter(":vars").split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0] == "lr    number    0.001")
    #expect(lines[1] == "step  function  fn step(x)")
    #expect(lines[2].hasPrefix("text  string    \"aaa") && lines[2].hasSuffix("…"))
  }

  @Test func timeAlwaysShowsTheWallTime() throws {
    let repl = try Transcript()
    let shown = repl.enter(":time 6 * 7")
    #expect(shown.hasPrefix("42\ntime: ") && shown.hasSuffix(" ms\n"))
    repl.session.timingThreshold = 0
    #expect(repl.enter("1").hasPrefix("1\ntime: "))
  }

  @Test func resetDropsBindings() throws {
    let repl = try Transcript()
    repl.enter("let gone = 1")
    #expect(repl.enter(":reset") == "fresh interpreter: every binding dropped\n")
    #expect(repl.enter("gone").contains("undefined variable 'gone'"))
    #expect(repl.enter("len([1])") == "1\n")
  }

  @Test func notebookCommandsLoadListAndRunCells() throws {
    let directory = NSTemporaryDirectory() + "rlnb-session-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/nb.rlnb"
    try """
      # %% [markdown]
      # # Title
      # %% Setup tags=["parameters"]
      let n = 2
      # %% Double
      n = n * 2
      n
      # %% Fail
      let ratio = 8 / (n - 4)
      """.write(toFile: path, atomically: true, encoding: .utf8)
    let repl = try Transcript()
    #expect(repl.enter(":next") == "! no notebook loaded; use :load FILE\n")
    #expect(repl.enter(":load \(path)") == "loaded \(path): 4 cells (3 code); :cells lists them, :next runs the next\n")
    #expect(repl.enter(":cells") == """
      →  1  md    # Title  (line 2)
         2  code  Setup  [parameters]  (line 4)
         3  code  Double  (line 6)
         4  code  Fail  (line 9)

      """)
    #expect(repl.enter(":next") == "── [2] Setup ──\n")
    #expect(repl.enter(":next") == "── [3] Double ──\n4\n")
    #expect(repl.enter(":run 3") == "── [3] Double ──\n8\n")
    #expect(repl.enter(":run 2..3") == "── [2] Setup ──\n── [3] Double ──\n4\n")
    let failure = repl.enter(":next")
    #expect(failure.hasPrefix("── [4] Fail ──\n! \(path):9:15: error: division by zero\n"))
    #expect(failure.hasSuffix("cell 4 \"Fail\" failed; :next runs it again\n"))
    #expect(repl.enter(":cells").contains("→  4  code  Fail"))
    repl.enter("n = 0.5")
    #expect(repl.enter(":next") == "── [4] Fail ──\n")
    #expect(repl.enter(":next").hasPrefix("no more cells"))
    #expect(repl.enter(":run 5") == "! no cell 5: the notebook has 4 cells\n")
    #expect(repl.enter("n") == "0.5\n")
    #expect(repl.enter(":load /nonexistent.rlnb") == "! cannot read '/nonexistent.rlnb': no such file\n")
  }
}
