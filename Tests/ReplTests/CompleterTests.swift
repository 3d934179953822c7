// Tab completion: names and keywords, members after '.', paths inside strings.

import Bindings
import Foundation
import Lang
@testable import Repl
import Testing

@Suite struct CompleterTests {
  func completer() throws -> Completer {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("""
      let config = {learning_rate: 0.1, layers: {count: 2}}
      let count_steps = 3
      fn compute() { 1 }
      """)
    return Completer(interpreter: interpreter)
  }

  @Test(arguments: [
    ("con", "", ["concat", "config", "continue"]),
    ("count_", "", ["count_steps"]),
    ("pri", "let x = ", ["print"]),
    ("whil", "", ["while"]),
    ("config.l", "", ["config.layers", "config.learning_rate"]),
    ("config.layers.c", "", ["config.layers.copy", "config.layers.count"]),
    ("config.nothing.x", "", []),
    ("undefined.x", "", []),
    ("3", "x + ", []),
    ("", "print(", []),
  ])
  func names(word: String, prefix: String, expected: [String]) throws {
    #expect(try completer().completions(of: word, after: prefix) == expected)
  }

  @Test func stringMethodsAfterADottedString() throws {
    let completer = try completer()
    try completer.interpreter.run("let greeting = \"hi\"")
    #expect(completer.completions(of: "greeting.st", after: "") == ["greeting.starts_with", "greeting.strip"])
  }

  @Test func pathsInsideStrings() throws {
    let directory = NSTemporaryDirectory() + "rlnb-complete-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    for file in ["data/train.jsonl", "data/test.jsonl", "data/.hidden", "my-notes.txt"] {
      FileManager.default.createFile(atPath: directory + "/" + file, contents: Data())
    }
    var completer = try completer()
    completer.directory = directory
    // readline's word starts after the last break character ('"', '/', '-').
    #expect(completer.completions(of: "da", after: "read_json(\"") == ["data/"])
    #expect(completer.completions(of: "t", after: "read_json(\"data/") == ["test.jsonl", "train.jsonl"])
    #expect(completer.completions(of: "", after: "read_json('data/") == ["test.jsonl", "train.jsonl"])
    #expect(completer.completions(of: ".h", after: "read_json(\"data/") == [".hidden"])
    #expect(completer.completions(of: "no", after: "read_text(\"my-") == ["notes.txt"])
    #expect(completer.completions(of: "x", after: "read_text(\"nowhere/") == [])
    // A closed string, or a quote inside a comment, is not a path context.
    #expect(completer.completions(of: "zq", after: "print(\"a\", ") == [])
    #expect(completer.completions(of: "co", after: "# it's ") == [])
  }

  @Test(arguments: [
    ("print(\"abc", Completer.Context.string("abc")), ("x = 'a\\'b", .string("a'b")), ("\"done\" + ", .code),
    ("f(\"a\", \"b", .string("b")), ("x # \"", .comment), ("let s = \"# not a comment", .string("# not a comment")),
  ])
  func contexts(prefix: String, context: Completer.Context) {
    #expect(Completer.context(of: prefix) == context)
  }
}
