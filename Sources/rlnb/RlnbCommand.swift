// RlnbCommand: the `rlnb` command line — the REPL by default, `run` and `check` subcommands.

import ArgumentParser

/// `rlnb`: a notebook-style REPL for RL experiments on small vision-language models.
struct RlnbCommand: ParsableCommand {
  /// The version `--version` prints.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "rlnb",
    abstract: "A notebook-style REPL for RL experiments on small vision-language models.",
    usage: """
      rlnb                     the REPL (stdin runs as a program when it is not a terminal)
      rlnb FILE.rlnb           run a notebook
      rlnb run FILE [-p name=value]... [--report DIR]
      rlnb check FILE...       report every syntax error
      rlnb -e EXPR             evaluate and print
      rlnb -i FILE             run FILE, then stay in the REPL
      """,
    discussion: """
      With no arguments rlnb starts the REPL (or, when standard input is not a terminal, runs it \
      as a program). Exit codes: 64 usage, 65 syntax error, 66 unreadable file, 70 runtime \
      error, 130 interrupted. See docs/notebooks.md.
      """,
    version: version,
    subcommands: [StartCommand.self, RunCommand.self, CheckCommand.self],
    defaultSubcommand: StartCommand.self)
}
