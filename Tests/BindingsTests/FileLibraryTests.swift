// Text, JSON and JSONL files: round trips, key order, and errors that name file and line.

import Bindings
import Foundation
import Lang
import Testing

struct FileLibraryTests {
  @Test func jsonRoundTripKeepsKeyOrderAndTypes() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("cfg.json").path
    let result = try evaluate("""
      let cfg = {zeta: 1, alpha: [1.5, "two", nil, true], "any key": {nested: -3}}
      write_json("\(path)", cfg)
      let back = read_json("\(path)")
      print(back)
      print(back == cfg, back.keys())
      """)
    #expect(result.error == nil, "\(result.error ?? "")")
    #expect(result.output == """
      {zeta: 1, alpha: [1.5, "two", nil, true], "any key": {nested: -3}}
      true ["zeta", "alpha", "any key"]

      """)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("{\n  \"zeta\": 1,\n  \"alpha\": [\n    1.5,"))
  }

  @Test func jsonlRowsRoundTrip() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("rows.jsonl").path
    let result = try evaluate("""
      write_jsonl("\(path)", [{id: 1, question: "2+2?"}, {id: 2, question: "é \\"q\\""}])
      let rows = read_jsonl("\(path)")
      print(len(rows), rows[1].question, rows[0].id)
      """)
    #expect(result.output == "2 é \"q\" 1\n", "\(result.error ?? "")")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines == [#"{"id":1,"question":"2+2?"}"#, #"{"id":2,"question":"é \"q\""}"#])
  }

  @Test func badJSONLNamesFileLineAndColumn() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bad.jsonl").path
    try "{\"a\": 1}\n\n{\"b\": tru}\n".write(toFile: path, atomically: true, encoding: .utf8)
    let result = try evaluate("read_jsonl(\"\(path)\")")
    #expect(result.error == "\(path):3:7: invalid JSON: invalid literal")
  }

  @Test func badJSONNamesLine() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bad.json").path
    try "{\n  \"a\": [1, 2,\n  ]\n}".write(toFile: path, atomically: true, encoding: .utf8)
    let result = try evaluate("read_json(\"\(path)\")")
    #expect(result.error == "\(path):3:3: invalid JSON: unexpected character ']'")
  }

  @Test func textFilesAndMissingFiles() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("note.txt").path
    let result = try evaluate("write_text(\"\(path)\", \"line 1\\nline 2\")\nprint(read_text(\"\(path)\").split(\"\\n\"))")
    #expect(result.output == "[\"line 1\", \"line 2\"]\n")
    let missing = try evaluate("write_text(\"\(directory.path)/no/dir/x.txt\", \"x\")")
    #expect(missing.error == "cannot write '\(directory.path)/no/dir/x.txt': directory '\(directory.path)/no/dir' does not exist")
  }

  @Test(arguments: [
    ("to_json([1, 2.5, \"a\\n\", nil, true, {k: []}])", #"[1,2.5,"a\n",null,true,{"k":[]}]"#),
    ("to_json(0..3)", "[0,1,2]"),
    ("parse_json(\"[1, {\\\"a\\\": \\\"\\\\u00e9\\\"}]\")", #"[1, {a: "é"}]"#),
    ("parse_json(\"  -1.5e3 \")", "-1500"),
  ])
  func jsonText(_ source: String, _ expected: String) throws {
    let result = try evaluate("print(repr(\(source)))")
    let printed = result.output.dropLast()
    #expect(printed == expected.debugDescription || printed == expected, "\(result.error ?? "")")
  }

  @Test(arguments: [
    ("to_json(sqrt(-1))", "cannot encode nan in JSON"),
    ("let xs = []\nxs.append(xs)\nto_json(xs)", "cannot encode a list that contains itself"),
    ("parse_json(\"[1 2]\")", "invalid JSON at 1:4: expected ',' or ']' in array"),
    ("parse_json(\"\\\"open\")", "invalid JSON at 1:6: unterminated string"),
  ])
  func jsonErrors(_ source: String, _ message: String) throws {
    #expect(try evaluate(source).error == message)
  }
}
