// JSON to and from values: records keep key order; errors name line and column.

import Lang

/// Reads and writes JSON as language values (objects become records, arrays lists, null nil).
public enum JSON {
  /// A parse failure with its 1-based position in the text.
  public struct ParseError: Error {
    /// What is wrong.
    public var message: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
  }

  /// Parses one JSON value (surrounding whitespace allowed).
  public static func parse(_ text: String) throws(ParseError) -> Value {
    var parser = Reader(bytes: Array(text.utf8))
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
    return value
  }

  /// Encodes a value; `indent` > 0 pretty-prints. Fails on functions, objects, non-finite
  /// numbers and cycles.
  public static func encode(_ value: Value, indent: Int = 0) throws(LangError) -> String {
    var out = ""
    try write(value, into: &out, indent: indent, level: 0, open: [])
    return out
  }

  private static func write(_ value: Value, into out: inout String, indent: Int, level: Int,
                            open: Set<ObjectIdentifier>) throws(LangError) {
    guard level < 500 else { throw LangError.message("cannot encode a value nested deeper than 500 levels in JSON") }
    let newline = indent > 0 ? "\n" + String(repeating: " ", count: indent * (level + 1)) : ""
    let closing = indent > 0 ? "\n" + String(repeating: " ", count: indent * level) : ""
    let separator = indent > 0 ? ": " : ":"
    switch value {
    case .nil: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n):
      guard n.isFinite else { throw LangError.message("cannot encode \(Format.number(n)) in JSON") }
      out += Format.number(n)
    case .string(let s): out += Format.quoted(s, json: true)
    case .list(let list):
      guard !open.contains(ObjectIdentifier(list)) else { throw LangError.message("cannot encode a list that contains itself") }
      if list.items.isEmpty { out += "[]"; return }
      out += "["
      for (index, item) in list.items.enumerated() {
        out += (index > 0 ? "," : "") + newline
        try write(item, into: &out, indent: indent, level: level + 1, open: open.union([ObjectIdentifier(list)]))
      }
      out += closing + "]"
    case .record(let record):
      guard !open.contains(ObjectIdentifier(record)) else { throw LangError.message("cannot encode a record that contains itself") }
      if record.count == 0 { out += "{}"; return }
      out += "{"
      for (index, key) in record.keys.enumerated() {
        out += (index > 0 ? "," : "") + newline + Format.quoted(key, json: true) + separator
        try write(record.values[index], into: &out, indent: indent, level: level + 1,
                  open: open.union([ObjectIdentifier(record)]))
      }
      out += closing + "}"
    case .range(let range):
      try write(.list(List((0..<min(range.count, 1 << 26)).map { .number(Double(range.element(at: $0))) })),
                into: &out, indent: indent, level: level, open: open)
    default:
      throw LangError.message("cannot encode a \(value.typeName) in JSON")
    }
  }

  /// A cursor over UTF-8 bytes that tracks line and column.
  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0

    func error(_ message: String) -> ParseError {
      let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count + 1
      return ParseError(message: message, line: line, column: column)
    }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
        if bytes[index] == 0x0A { line += 1; lineStart = index + 1 }
        index += 1
      }
    }

    mutating func value(depth: Int) throws(ParseError) -> Value {
      guard depth < 500 else { throw error("JSON nested too deeply") }
      guard index < bytes.count else { throw error("unexpected end of JSON") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        let record = Record()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .record(record) }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
          let key = try string()
          skipSpace()
          try expect(UInt8(ascii: ":"), "expected ':' after the key")
          skipSpace()
          record[key] = try value(depth: depth + 1)
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          try expect(UInt8(ascii: "}"), "expected ',' or '}' in object")
          return .record(record)
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [Value] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .list(List(items)) }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          try expect(UInt8(ascii: "]"), "expected ',' or ']' in array")
          return .list(List(items))
        }
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .nil
      default: return .number(try number())
      }
    }

    mutating func expect(_ byte: UInt8, _ message: String) throws(ParseError) {
      guard index < bytes.count, bytes[index] == byte else { throw error(message) }
      index += 1
    }

    mutating func literal(_ word: String) throws(ParseError) {
      let expected = Array(word.utf8)
      guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
        throw error("invalid literal")
      }
      index += expected.count
    }

    mutating func number() throws(ParseError) -> Double {
      let start = index
      while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      guard !text.isEmpty, let value = Double(text) else {
        index = start
        throw error(text.isEmpty ? "unexpected character '\(String(decoding: [bytes[start]], as: UTF8.self))'" : "invalid number '\(text)'")
      }
      return value
    }

    mutating func string() throws(ParseError) -> String {
      index += 1  // opening quote
      var out: [UInt8] = []
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { break }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
          default: out.append(escape)
          }
        case 0x0A: throw error("unterminated string")
        default: out.append(byte)
        }
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(ParseError) -> UInt32 {
      guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
        throw error("invalid \\u escape")
      }
      index += 4
      return code
    }
  }
}
