// Core and math builtins through the language: conversions, math, time, prelude start-up.

import Bindings
import Foundation
import Lang
import Testing

struct CoreLibraryTests {
  @Test(arguments: [
    ("print(abs(-2), floor(2.7), ceil(2.1), floor(-2.5))", "2 2 3 -3"),
    ("print(sqrt(16), exp(0), log(1), log(8, 2), log(100, base: 10))", "4 1 0 3 2"),
    ("print(round(0.125, 2), round(1234, -2), round(-1.5))", "0.12 1200 -2"),
    ("print(min(3, 1, 2), max([1, 5, 2]), min(\"b\", \"a\"), max(0..4))", "1 5 a 3"),
    ("print(sum([]), sum([1, 2], start: 10), sum(0..=4))", "0 13 10"),
    ("print(num(\"1e-5\"), num(\"-3\"), num(\"1_000\"), num(false), num(4))", "1e-05 -3 1000 0 4"),
    ("print(str(nil), str([1, \"a\"]), repr(\"a\\nb\"), type(print))", "nil [1, \"a\"] \"a\\nb\" function"),
    ("print(range(3), range(1, 4), range(5, 0, -2), list(range(5, 0, -2)))", "0..3 1..4 range(5, 0, -2) [5, 3, 1]"),
    ("print(len(\"ab\"), len([1]), len({a: 1}), len(0..10), len(range(0, 10, 3)))", "2 1 1 10 4"),
  ])
  func builtins(_ source: String, _ expected: String) throws {
    let result = try evaluate(source)
    #expect(result.output == expected + "\n", "\(result.error ?? "")")
  }

  @Test func timeIsWallClockSeconds() throws {
    let interpreter = try Startup.makeInterpreter()
    guard case .number(let t)? = try interpreter.run("time()") else {
      Issue.record("time() is not a number")
      return
    }
    #expect(abs(t - Date().timeIntervalSince1970) < 60)
  }

  @Test func preludeIsFoundAndLoaded() throws {
    let directory = try #require(Startup.standardLibraryDirectory())
    #expect(FileManager.default.fileExists(atPath: directory + "/prelude.rlnb"))
    let interpreter = try Startup.makeInterpreter(standardLibrary: directory)
    #expect(try interpreter.run("mean([2, 4])") == .number(3))
  }

  @Test func interpreterWithoutStandardLibraryHasOnlyBuiltins() throws {
    let interpreter = try Startup.makeInterpreter(standardLibrary: nil)
    #expect(interpreter.global("print") != nil)
    #expect(interpreter.global("enumerate") == nil)
  }

  @Test func preludeNamesAreVisibleInModules() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "fn pairs(xs) { enumerate(xs) }\nlet total = sum([1, 2])\n".write(
      to: directory.appendingPathComponent("helpers.rlnb"), atomically: true, encoding: .utf8)
    let result = try evaluate("import \"helpers\"\nprint(helpers.pairs([\"a\"]), helpers.total)", in: directory)
    #expect(result.output == "[[0, \"a\"]] 3\n", "\(result.error ?? "")")
  }

  @Test func rlnbPathIsSearchedAfterTheImportingDirectory() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "let where = \"path\"\n".write(to: directory.appendingPathComponent("located.rlnb"), atomically: true, encoding: .utf8)
    let interpreter = try Startup.makeInterpreter()
    interpreter.modulePath = [directory.path]
    #expect(try interpreter.run("import \"located\"\nlocated.where", file: "<repl>") == .string("path"))
  }
}
