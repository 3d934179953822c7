// Robustness: seeded random token streams and mutations of the golden programs never crash
// or hang the interpreter; every failure is a reported LangError.

import Bindings
import Foundation
import Lang
import Testing

/// SplitMix64: a tiny seeded generator, so every run is reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

struct FuzzTests {
  /// Inputs per kind; `RLNB_FUZZ_ITERATIONS` raises it for a longer campaign.
  static let iterations = ProcessInfo.processInfo.environment["RLNB_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000
  /// `RLNB_FUZZ_SEED` picks another sequence of inputs.
  static let seed = ProcessInfo.processInfo.environment["RLNB_FUZZ_SEED"].flatMap(UInt64.init) ?? 2026

  static let vocabulary: [String] = [
    "let", "fn", "return", "if", "else", "for", "in", "while", "break", "continue", "true", "false", "nil",
    "and", "or", "not", "import", "as", "try", "catch",
    "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "=>", "=", "+=", "-=", "*=", "/=",
    "+", "-", "*", "/", "//", "%", "@", "**", "==", "!=", "<", "<=", ">", ">=", "..", "..=",
    "\n", "\n", "\n", " ", "x", "y", "xs", "f", "g", "e", "print", "len", "range", "str", "num", "type",
    "error", "assert", "help", "sum", "min", "max", "enumerate", "map", "filter", "append", "keys", "items",
    "0", "1", "2", "-1", "3.5", "1e308", "1e12", "9223372036854775807", "-9e18", "1e19", "2 ** 63", "0x1f", "1_000", "\"s\"", "'q'", "\"\"", "r\"\\b{x}\"",
    "f\"{x}\"", "f\"{x:.2f}\"", "f\"{\"", "\"\"\"", "\"\\u{1F600}\"", "\"\\q\"", "#", "##", "$", "!",
    "fn f(a, b = 1) { a + b }", "x => x * 2", "[1, 2, 3]", "{a: 1, \"b\": [2]}", "0..5", "xs[1:2]",
    "for i in 0..3 { }", "while x { }", "try { } catch e { }", "if x { 1 } else { 2 }", "t[0, 1:3, nil]",
  ]

  /// A fresh interpreter with tight limits and no file access.
  static func makeInterpreter() throws -> Interpreter {
    let interpreter = try Startup.makeInterpreter()
    interpreter.limits.maxSteps = 20_000
    interpreter.limits.maxCallDepth = 200
    interpreter.limits.maxCollectionCount = 100_000
    interpreter.limits.maxStringBytes = 1 << 20
    interpreter.output = { _ in }
    for name in ["read_text", "write_text", "read_json", "write_json", "read_jsonl", "write_jsonl"] {
      interpreter.define(name, .nil)
    }
    interpreter.define(Vector.constructor)
    return interpreter
  }

  /// Runs one input: it must finish with a value or a LangError that renders, in bounded time.
  static func exercise(_ source: String, on interpreter: Interpreter) {
    let start = Date()
    _ = interpreter.check(source, file: "fuzz.rlnb")
    do {
      _ = try interpreter.run(source, file: "fuzz.rlnb")
    } catch {
      let text = interpreter.render(error)
      #expect(!text.isEmpty)
    }
    let seconds = Date().timeIntervalSince(start)
    #expect(seconds < 5, "slow input (\(seconds)s): \(source.debugDescription)")
  }

  @Test func randomTokenStreams() throws {
    var random = SplitMix64(state: FuzzTests.seed)
    var interpreter = try FuzzTests.makeInterpreter()
    for iteration in 0..<FuzzTests.iterations {
      if iteration % 200 == 0 { interpreter = try FuzzTests.makeInterpreter() }
      let count = Int.random(in: 1...40, using: &random)
      let source = (0..<count).map { _ in FuzzTests.vocabulary.randomElement(using: &random) ?? "" }
        .joined(separator: Bool.random(using: &random) ? " " : "")
      FuzzTests.exercise(source, on: interpreter)
    }
  }

  @Test func mutatedGoldenPrograms() throws {
    var random = SplitMix64(state: FuzzTests.seed &+ 1)
    let programs = GoldenProgram.all().map(\.text).filter { !$0.contains("import") }
    try #require(!programs.isEmpty)
    var interpreter = try FuzzTests.makeInterpreter()
    for iteration in 0..<FuzzTests.iterations {
      if iteration % 200 == 0 { interpreter = try FuzzTests.makeInterpreter() }
      var text = Array(programs.randomElement(using: &random) ?? "")
      for _ in 0..<Int.random(in: 1...4, using: &random) { FuzzTests.mutate(&text, using: &random) }
      FuzzTests.exercise(String(text), on: interpreter)
    }
  }

  /// One random edit: delete, duplicate or move a span, insert a token, change a character.
  static func mutate(_ text: inout [Character], using random: inout SplitMix64) {
    guard !text.isEmpty else { return }
    let a = Int.random(in: 0..<text.count, using: &random)
    let b = min(text.count, a + Int.random(in: 1...24, using: &random))
    switch Int.random(in: 0..<6, using: &random) {
    case 0: text.removeSubrange(a..<b)
    case 1: text.insert(contentsOf: text[a..<b], at: Int.random(in: 0...text.count, using: &random))
    case 2: text.insert(contentsOf: Array(vocabulary.randomElement(using: &random) ?? ""), at: a)
    case 3: text[a] = Array("(){}[]\"'#,.:;=+-*/\\{} \nx0").randomElement(using: &random) ?? " "
    case 4:
      let span = Array(text[a..<b])
      text.removeSubrange(a..<b)
      text.insert(contentsOf: span, at: Int.random(in: 0...text.count, using: &random))
    default: text.removeSubrange(a..<text.count)
    }
  }
}
