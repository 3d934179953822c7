// ReplCommand: one line typed at the prompt, parsed into a value before anything runs.

/// What a line typed at the prompt asks for. Colon commands and `? x` are recognised only at
/// the start of a command (not on continuation lines).
public enum ReplCommand: Equatable, Sendable {
  /// Code to run (possibly the first line of a multi-line command).
  case code(String)
  /// `? x` — help on `x` (`help(x)`); an empty expression gives the overview.
  case help(String)
  /// `:help` — the colon commands and keys.
  case commands
  /// `:load FILE` — read a notebook's cells without running them.
  case load(String)
  /// `:cells` — list the loaded notebook's cells.
  case cells
  /// `:run N`, `:run N..M` (inclusive), `:run all`.
  case run(CellSelection)
  /// `:next` — run the next code cell of the loaded notebook.
  case next
  /// `:vars` — the names this session defined, with types and values.
  case vars
  /// `:time EXPR` — run and always show the wall time.
  case time(String)
  /// `:reset` — a fresh interpreter: every binding is dropped.
  case reset
  /// `:quit` — leave.
  case quit

  /// Which cells `:run` runs.
  public enum CellSelection: Equatable, Sendable {
    /// Every cell.
    case all
    /// Cells `lower...upper`, numbered from 1 as `:cells` shows them.
    case range(ClosedRange<Int>)
  }

  /// The colon commands, their argument and what they do, for `:help` and prefix matching.
  public static let colonCommands: [(name: String, argument: String, summary: String)] = [
    ("help", "", "this list"),
    ("load", "FILE", "read a notebook's cells without running them"),
    ("cells", "", "list the loaded notebook's cells (→ marks the next one)"),
    ("run", "N | N..M | all", "run cell N, cells N to M (inclusive), or every cell"),
    ("next", "", "run the next code cell"),
    ("vars", "", "the names this session defined"),
    ("time", "EXPR", "run EXPR and show how long it took"),
    ("reset", "", "drop every binding: a fresh interpreter"),
    ("quit", "", "leave (Ctrl-D also leaves)"),
  ]

  /// Parses the first line of a command. Throws `ReplError` for an unknown colon command or a
  /// bad argument, naming it.
  public init(parsing line: String) throws(ReplError) {
    let trimmed = line.trimming(" \t")
    if trimmed.hasPrefix("?") {
      self = .help(String(trimmed.dropFirst()).trimming(" \t"))
      return
    }
    guard trimmed.hasPrefix(":") else {
      self = .code(line)
      return
    }
    let body = trimmed.dropFirst()
    let word = String(body.prefix { $0 != " " && $0 != "\t" })
    let argument = String(body.dropFirst(word.count)).trimming(" \t")
    let matches = word.isEmpty ? [] : ReplCommand.colonCommands.map(\.name).filter { $0.hasPrefix(word) }
    guard let name = matches.contains(word) ? word : (matches.count == 1 ? matches.first : nil) else {
      let hint = matches.count > 1 ? " (ambiguous: " + matches.map { ":" + $0 }.joined(separator: ", ") + ")" : ""
      throw .unknownCommand(":" + word, hint: hint)
    }
    switch name {
    case "help": self = .commands
    case "load":
      guard !argument.isEmpty else { throw .missingArgument(command: ":load", argument: "FILE") }
      self = .load(ReplCommand.unquoted(argument))
    case "cells": self = .cells
    case "run": self = .run(try ReplCommand.selection(argument))
    case "next": self = .next
    case "vars": self = .vars
    case "time":
      guard !argument.isEmpty else { throw .missingArgument(command: ":time", argument: "EXPR") }
      self = .time(argument)
    case "reset": self = .reset
    default: self = .quit
    }
  }

  /// `N`, `N..M`, `N..=M` or `all`.
  private static func selection(_ argument: String) throws(ReplError) -> CellSelection {
    if argument == "all" { return .all }
    let bounds = argument.replacingOccurrences(of: "..=", with: "..").components(separatedBy: "..")
    let numbers = bounds.compactMap { Int($0.trimming(" \t")) }
    guard numbers.count == bounds.count, let lower = numbers.first, let upper = numbers.last, numbers.count <= 2,
      lower >= 1, upper >= lower
    else { throw .badCellSelection(argument) }
    return .range(lower...upper)
  }

  /// A file argument without surrounding quotes, so `:load "nb.rlnb"` works too.
  private static func unquoted(_ text: String) -> String {
    guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
    return String(text.dropFirst().dropLast())
  }
}

extension String {
  /// The string without leading and trailing characters from `set`.
  func trimming(_ set: String) -> String {
    guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
