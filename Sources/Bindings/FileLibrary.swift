// File builtins: text, JSON and JSONL, with errors that name the file and line.

import Foundation
import Lang

extension Library {
  /// path_exists, list_dir, read_text, write_text, read_json, write_json, read_jsonl, write_jsonl, to_json, parse_json.
  public static let files = Library("files", functions: [
    Builtin("path_exists", signature: "path_exists(path)", doc: "Whether a file or directory exists at path.") { args in
      .bool(FileManager.default.fileExists(atPath: args.interpreter.resolvingPath(try args.string("path"))))
    },
    Builtin("list_dir", signature: "list_dir(path = \".\")", doc: "The names in a directory, sorted.") { args in
      let path = try args.string("path")
      do {
        let names = try FileManager.default.contentsOfDirectory(atPath: args.interpreter.resolvingPath(path)).sorted()
        return .list(List(names.map(Value.string)))
      } catch {
        throw LangError.message("list_dir: cannot read directory '\(path)'")
      }
    },
    Builtin("read_text", signature: "read_text(path)", doc: "The contents of a UTF-8 text file.") { args in
      .string(try Files.read(try args.string("path")))
    },
    Builtin("write_text", signature: "write_text(path, text)", doc: "Writes text to a file, replacing it.") { args in
      try Files.write(try args.string("text"), to: try args.string("path"))
      return .nil
    },
    Builtin("read_json", signature: "read_json(path)", doc: "The JSON value in a file (objects become records).") { args in
      let path = try args.string("path")
      do {
        return try JSON.parse(try Files.read(path))
      } catch let error as JSON.ParseError {
        throw LangError.message("\(path):\(error.line):\(error.column): invalid JSON: \(error.message)")
      }
    },
    Builtin("write_json", signature: "write_json(path, value, indent = 2)", doc: "Writes value as JSON (indent 0: one line).") { args in
      let text = try JSON.encode(try args.value("value"), indent: try args.integer("indent"))
      try Files.write(text + "\n", to: try args.string("path"))
      return .nil
    },
    Builtin("read_jsonl", signature: "read_jsonl(path)",
            doc: "The list of values on the lines of a JSONL file (blank lines skipped).") { args in
      let path = try args.string("path")
      var rows: [Value] = []
      for (number, line) in try Files.read(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.allSatisfy(\.isWhitespace) { continue }
        do {
          rows.append(try JSON.parse(String(line)))
        } catch let error as JSON.ParseError {
          throw LangError.message("\(path):\(number + 1):\(error.column): invalid JSON: \(error.message)")
        }
      }
      return .list(List(rows))
    },
    Builtin("write_jsonl", signature: "write_jsonl(path, rows)", doc: "Writes each row as one line of JSON.") { args in
      var text = ""
      for row in try args.sequence("rows") { text += try JSON.encode(row) + "\n" }
      try Files.write(text, to: try args.string("path"))
      return .nil
    },
    Builtin("to_json", signature: "to_json(value, indent = 0)", doc: "The JSON text of value.") { args in
      .string(try JSON.encode(try args.value("value"), indent: try args.integer("indent")))
    },
    Builtin("parse_json", signature: "parse_json(text)", doc: "The value of a JSON text.") { args in
      do {
        return try JSON.parse(try args.string("text"))
      } catch let error as JSON.ParseError {
        throw LangError.message("invalid JSON at \(error.line):\(error.column): \(error.message)")
      }
    },
  ])
}

/// File access with messages that name the path and say what to check.
enum Files {
  static func read(_ path: String) throws(LangError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LangError.message("cannot read '\(path)': no such file\n---> HINT: relative paths start at \(FileManager.default.currentDirectoryPath)")
    }
    guard !isDirectory.boolValue else { throw LangError.message("cannot read '\(path)': it is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LangError.message("cannot read '\(path)': permission denied or unreadable")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw LangError.message("cannot read '\(path)': not UTF-8 text") }
    return text
  }

  static func write(_ text: String, to path: String) throws(LangError) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      let directory = (path as NSString).deletingLastPathComponent
      let reason = directory.isEmpty || FileManager.default.fileExists(atPath: directory)
        ? "permission denied or not a file" : "directory '\(directory)' does not exist"
      throw LangError.message("cannot write '\(path)': \(reason)")
    }
  }
}

extension Interpreter {
  /// `path` resolved against the interpreter's working directory (when set and `path` is relative).
  public func resolvingPath(_ path: String) -> String {
    guard !path.hasPrefix("/"), let directory = workingDirectory else { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).path
  }
}
