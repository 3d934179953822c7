// Lines typed at the prompt parsed into commands, and the messages of bad ones.

import Repl
import Testing

@Suite struct ReplCommandTests {
  @Test(arguments: [
    ("1 + 2", ReplCommand.code("1 + 2")),
    ("  :help", .commands),
    (":h", .commands),
    (":load notebooks/a.rlnb", .load("notebooks/a.rlnb")),
    (":l \"my notebook.rlnb\"", .load("my notebook.rlnb")),
    (":cells", .cells),
    (":c", .cells),
    (":run 3", .run(.range(3...3))),
    (":run 2..4", .run(.range(2...4))),
    (":run 2..=4", .run(.range(2...4))),
    (":run all", .run(.all)),
    (":next", .next),
    (":n", .next),
    (":vars", .vars),
    (":time sum(0..1000)", .time("sum(0..1000)")),
    (":reset", .reset),
    (":q", .quit),
    (":quit", .quit),
    ("? len", .help("len")),
    ("?", .help("")),
    ("?xs.map", .help("xs.map")),
  ])
  func parses(line: String, command: ReplCommand) throws {
    #expect(try ReplCommand(parsing: line) == command)
  }

  @Test(arguments: [
    (":frobnicate", "unknown command ':frobnicate'; :help lists the commands"),
    (":", "unknown command ':'; :help lists the commands"),
    (":r 1", "unknown command ':r' (ambiguous: :run, :reset); :help lists the commands"),
    (":load", ":load needs FILE"),
    (":time", ":time needs EXPR"),
    (":run", "bad cell selection '': expected N, N..M or all"),
    (":run 0", "bad cell selection '0': expected N, N..M or all"),
    (":run 4..2", "bad cell selection '4..2': expected N, N..M or all"),
    (":run x", "bad cell selection 'x': expected N, N..M or all"),
    (":run 1..2..3", "bad cell selection '1..2..3': expected N, N..M or all"),
  ])
  func rejects(line: String, message: String) {
    #expect {
      try ReplCommand(parsing: line)
    } throws: { error in
      (error as? ReplError)?.message == message
    }
  }
}
