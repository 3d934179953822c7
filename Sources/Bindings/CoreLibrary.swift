// Core builtins: printing, conversion, types, errors, help, time.

import Foundation
import Lang

extension Library {
  /// print, len, range, str, repr, num, type, list, help, error, assert, time.
  public static let core = Library("core", functions: [
    Builtin("print", signature: "print(values..., sep = \" \", end = \"\\n\")",
            doc: "Writes the values separated by `sep`, then `end`. Strings print bare.") { args in
      let text = args.rest.map(\.description).joined(separator: try args.string("sep"))
      args.interpreter.write(text + (try args.string("end")))
      return .nil
    },
    Builtin("len", signature: "len(x)", doc: "The number of elements of a list, record, range or object, or characters of a string.") { args in
      let x = try args.value("x")
      switch x {
      case .string(let s): return .number(Double(s.count))
      case .list(let list): return .number(Double(list.items.count))
      case .record(let record): return .number(Double(record.count))
      case .range(let range): return .number(Double(range.count))
      case .native(let object):
        if let count = try object.count() { return .number(Double(count)) }
      default: break
      }
      throw args.badArgument("x", expected: "list, string, record or range", got: x)
    },
    Builtin("range", signature: "range(start, end = nil, step = 1)",
            doc: "The integers from start up to (not including) end by step; range(n) is 0..n.") { args in
      let step = try args.integer("step")
      guard step != 0 else { throw LangError.message("range step cannot be zero") }
      guard let end = try args.optionalInteger("end") else {
        return .range(RangeValue(start: 0, end: try args.integer("start")))
      }
      return .range(RangeValue(start: try args.integer("start"), end: end, step: step))
    },
    Builtin("str", signature: "str(x)", doc: "The printed form of x (strings unchanged).") { args in
      .string(try args.value("x").description)
    },
    Builtin("repr", signature: "repr(x)", doc: "The printed form of x as inside a list: strings quoted.") { args in
      .string(try args.value("x").repr)
    },
    Builtin("num", signature: "num(x)",
            doc: "x as a number: numbers unchanged, strings parsed (\"3.5\", \"1e-5\", \"0x1f\"), true/false as 1/0.") { args in
      let x = try args.value("x")
      switch x {
      case .number: return x
      case .bool(let b): return .number(b ? 1 : 0)
      case .string(let s):
        if let n = Numbers.parse(s) { return .number(n) }
        throw LangError.message("cannot convert \(x.repr) to a number")
      default: throw args.badArgument("x", expected: "number, string or bool", got: x)
      }
    },
    Builtin("type", signature: "type(x)", doc: "The type name of x: \"number\", \"string\", \"list\", \"tensor\", ...") { args in
      .string(try args.value("x").typeName)
    },
    Builtin("list", signature: "list(x)",
            doc: "A new list of the elements of a list, range, string (characters), record (keys) or iterable object.") { args in
      .list(List(try args.sequence("x")))
    },
    Builtin("help", signature: "help(x = nil)",
            doc: "Shows the signature and doc of a function, the members of a module or object, or an overview.") { args in
      let x = try args.value("x")
      args.interpreter.write(Help.text(for: x, in: args.interpreter, topLevel: !args.isSupplied("x")) + "\n")
      return .nil
    },
    Builtin("error", signature: "error(message)",
            doc: "Raises an error; `catch e` sees e.message (and e.value when message is not a string).") { args in
      let value = try args.value("message")
      throw LangError.fault(.raised(message: value.description, value: value))
    },
    Builtin("assert", signature: "assert(condition, message = nil)",
            doc: "Raises `assertion failed: message` when condition is falsy.") { args in
      if try args.value("condition").isTruthy() { return .nil }
      throw LangError.fault(.assertionFailed(try args.value("message").isNil ? nil : try args.value("message").description))
    },
    Builtin("time", signature: "time()", doc: "Seconds since 1970-01-01 UTC, with sub-second precision.") { _ in
      .number(Date().timeIntervalSince1970)
    },
  ])
}

/// Number parsing shared by `num` and JSON.
enum Numbers {
  /// Parses `3`, `-3.5`, `1e-5`, `1_000`, `0x1f`, `inf`, `nan` (surrounding spaces allowed).
  static func parse(_ text: String) -> Double? {
    var s = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
    var sign = 1.0
    if s.hasPrefix("-") { sign = -1; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
    if s.lowercased().hasPrefix("0x") { return UInt64(s.dropFirst(2), radix: 16).map { sign * Double($0) } }
    guard let first = s.first, first.isNumber || first == "." || ["inf", "nan", "infinity"].contains(s.lowercased()) else {
      return nil
    }
    return Double(s).map { sign * $0 }
  }
}
