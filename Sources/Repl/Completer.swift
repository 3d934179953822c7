// Completer: tab-completion candidates — names, members after '.', file paths inside strings.

import Foundation
import Lang

/// Computes tab-completion candidates for the REPL, independently of readline.
///
/// readline splits the line into words at `wordBreakCharacters` and asks for the candidates
/// that replace the word before the cursor; `completions(of:after:)` answers with whole
/// replacements:
/// - inside a string literal: file and directory names (`"data/tr` → `"data/train.jsonl`),
///   directories ending in `/`;
/// - after `.`: the fields and methods of the value the dotted name refers to
///   (`cfg.l` → `cfg.lr`), found without running any code;
/// - otherwise: globals (builtins, the prelude, the session's names) and keywords.
public struct Completer {
  /// The characters that end a word for completion. `.` is not one of them, so a dotted name
  /// is one word; quotes are, so a path inside a string starts a word.
  public static let wordBreakCharacters = " \t\n\"'`@$><=;|&{}()[],+-*/%:!^~#?"

  /// The language's keywords, completed like names.
  public static let keywords = ["and", "as", "break", "catch", "continue", "else", "false", "fn", "for", "if",
                                "import", "in", "let", "nil", "not", "or", "return", "true", "try", "while"]

  /// The session whose names are completed.
  public let interpreter: Interpreter
  /// The directory relative paths are completed against (nil: the process's current one).
  public var directory: String?

  /// Creates a completer for `interpreter`'s names.
  public init(interpreter: Interpreter, directory: String? = nil) {
    self.interpreter = interpreter
    self.directory = directory
  }

  /// The candidates that may replace `word`, the text readline selected before the cursor;
  /// `prefix` is the line before `word`. Sorted, without duplicates.
  public func completions(of word: String, after prefix: String) -> [String] {
    switch Completer.context(of: prefix) {
    case .comment: return []
    case .string(let typed): return paths(typed: typed + word, word: word)
    case .code: break
    }
    if let dot = word.lastIndex(of: ".") {
      let path = String(word[..<dot])
      let member = String(word[word.index(after: dot)...])
      guard let value = lookUp(path) else { return [] }
      return interpreter.memberNames(of: value).filter { $0.hasPrefix(member) }.map { "\(path).\($0)" }
    }
    guard word.first.map({ $0.isLetter || $0 == "_" }) ?? false else { return [] }
    let names = interpreter.globalNames(startingWith: word) + Completer.keywords.filter { $0.hasPrefix(word) }
    return Array(Set(names)).sorted()
  }

  /// Where the end of a line prefix is: in code, in a string literal (with its text so far),
  /// or in a comment.
  enum Context: Equatable {
    case code
    case string(String)
    case comment
  }

  /// The context at the end of `prefix`. Escapes are honoured; f-string fields are not (a path
  /// is what one completes there anyway).
  static func context(of prefix: String) -> Context {
    var quote: Character?
    var contents = ""
    var escaped = false
    for character in prefix {
      if let open = quote {
        if escaped {
          escaped = false
          contents.append(character)
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        } else {
          contents.append(character)
        }
      } else if character == "\"" || character == "'" {
        quote = character
        contents = ""
      } else if character == "#" {
        return .comment
      }
    }
    return quote == nil ? .code : .string(contents)
  }

  /// The value a dotted name refers to, read without running code: a global, then fields of
  /// records, members of modules and fields of native objects.
  func lookUp(_ path: String) -> Value? {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let first = parts.first, !first.isEmpty, var value = interpreter.global(first) else { return nil }
    for name in parts.dropFirst() {
      switch value {
      case .record(let record):
        guard let next = record[name] else { return nil }
        value = next
      case .module(let module):
        guard let next = module.member(name) else { return nil }
        value = next
      case .native(let object):
        // Only declared fields: a native `field` may compute, but never has side effects.
        guard object.fieldNames.contains(name), let next = try? object.field(name, interpreter: interpreter) else {
          return nil
        }
        value = next
      default:
        return nil
      }
    }
    return value
  }

  /// File-name candidates for the path `typed` so far; each replaces `word`, its last part.
  func paths(typed: String, word: String) -> [String] {
    let slash = typed.lastIndex(of: "/")
    let directoryPart = slash.map { String(typed[...$0]) } ?? ""
    let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    var listed = directoryPart.isEmpty ? "." : directoryPart
    if listed.hasPrefix("~") { listed = NSString(string: listed).expandingTildeInPath }
    if !listed.hasPrefix("/"), let directory { listed = (directory as NSString).appendingPathComponent(listed) }
    let fileManager = FileManager.default
    guard let names = try? fileManager.contentsOfDirectory(atPath: listed) else { return [] }
    // readline replaces only `word`, the text after the last break character.
    let kept = typed.count - word.count
    return names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
      .map { name in
        var isDirectory: ObjCBool = false
        _ = fileManager.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
        return String((directoryPart + name + (isDirectory.boolValue ? "/" : "")).dropFirst(kept))
      }
      .sorted()
  }
}
