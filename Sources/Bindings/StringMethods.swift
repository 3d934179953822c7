// String methods: split strip replace contains starts_with ends_with lower upper find.

import Foundation
import Lang

extension Library {
  /// Methods of strings.
  public static let stringMethods = Library("string methods", methods: methods([
    Builtin("split", signature: "string.split(sep = nil)",
            doc: "The pieces between occurrences of sep; without sep, the words between runs of whitespace.") { args in
      let s = try args.receiverString()
      guard let sep = try args.optionalString("sep") else {
        return .list(List(s.split(whereSeparator: \.isWhitespace).map { .string(String($0)) }))
      }
      guard !sep.isEmpty else { throw LangError.message("split separator cannot be empty") }
      return .list(List(s.components(separatedBy: sep).map { .string($0) }))
    },
    Builtin("strip", signature: "string.strip(chars = nil)",
            doc: "The string without leading and trailing whitespace (or characters in chars).") { args in
      let s = try args.receiverString()
      let set = try args.optionalString("chars").map { CharacterSet(charactersIn: $0) } ?? .whitespacesAndNewlines
      return .string(s.trimmingCharacters(in: set))
    },
    Builtin("replace", signature: "string.replace(old, new)", doc: "Every occurrence of old replaced by new.") { args in
      let old = try args.string("old")
      guard !old.isEmpty else { throw LangError.message("replace needs a non-empty 'old'") }
      return .string(try args.receiverString().replacingOccurrences(of: old, with: try args.string("new")))
    },
    Builtin("contains", signature: "string.contains(s)", doc: "Whether s occurs in the string.") { args in
      let s = try args.string("s")
      let string = try args.receiverString()
      return .bool(s.isEmpty || string.contains(s))
    },
    Builtin("starts_with", signature: "string.starts_with(prefix)", doc: "Whether the string starts with prefix.") { args in
      .bool(try args.receiverString().hasPrefix(try args.string("prefix")))
    },
    Builtin("ends_with", signature: "string.ends_with(suffix)", doc: "Whether the string ends with suffix.") { args in
      .bool(try args.receiverString().hasSuffix(try args.string("suffix")))
    },
    Builtin("lower", signature: "string.lower()", doc: "The string in lower case.") { args in
      .string(try args.receiverString().lowercased())
    },
    Builtin("upper", signature: "string.upper()", doc: "The string in upper case.") { args in
      .string(try args.receiverString().uppercased())
    },
    Builtin("find", signature: "string.find(s)",
            doc: "The character index of the first occurrence of s, or -1.") { args in
      let string = try args.receiverString()
      guard let range = string.range(of: try args.string("s")) else { return .number(-1) }
      return .number(Double(string.distance(from: string.startIndex, to: range.lowerBound)))
    },
  ], for: .string))
}
