// Number printing and Python-style format specs for f-string fields.

import Foundation

/// Number printing and format specs (`{x:.3f}`, `{x:>8}`, `{p:.1%}`).
public enum Format {
  /// The shortest text that reads back as `n`; integral values up to 2^53 print without a
  /// fraction (`3`, `-2`, `1000000`), others as Swift's shortest round-trip form (`0.1`,
  /// `1e-05`, `1e+16`, `inf`, `nan`).
  public static func number(_ n: Double) -> String {
    if n == n.rounded(.towardZero) && abs(n) <= 9_007_199_254_740_992 {
      return String(Int64(n))
    }
    return n.description
  }

  /// `s` as a double-quoted literal with `\" \\ \n \t \r` escaped. Other control
  /// characters become `\u{1b}` in the language's syntax, or `\u001b` with `json`.
  public static func quoted(_ s: String, json: Bool = false) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        guard scalar.value < 0x20 || scalar.value == 0x7F else {
          out.unicodeScalars.append(scalar)
          continue
        }
        let hex = String(scalar.value, radix: 16)
        out += json ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : "\\u{\(hex)}"
      }
    }
    return out + "\""
  }

  /// Formats `value` with a format spec `[[fill]align][sign][0][width][,][.precision][type]`;
  /// a nil or empty spec gives the top-level printed form.
  public static func apply(_ spec: String?, to value: Value) throws(LangError) -> String {
    guard let spec, !spec.isEmpty else { return value.description }
    guard let parsed = Spec(spec) else { throw .message("invalid format spec '\(spec)'") }
    if case .number(let n) = value { return try parsed.format(n, spec: spec) }
    if case .native(let native) = value, let n = native.numericValue, parsed.type != "s" { return try parsed.format(n, spec: spec) }
    if let type = parsed.type, type != "s" {
      throw .message("format spec '\(spec)' needs a number, got \(value.typeName)")
    }
    var text = value.description
    if let precision = parsed.precision, text.count > precision { text = String(text.prefix(precision)) }
    return parsed.pad(text, defaultAlign: "<")
  }

  /// A parsed format spec.
  struct Spec {
    var fill: Character = " "
    var align: Character?
    var sign: Character?
    var width = 0
    var grouping = false
    var precision: Int?
    var type: Character?

    init?(_ spec: String) {
      let chars = Array(spec)
      var i = 0
      if chars.count >= 2, "<>^=".contains(chars[1]) {
        fill = chars[0]
        align = chars[1]
        i = 2
      } else if let first = chars.first, "<>^=".contains(first) {
        align = first
        i = 1
      }
      if i < chars.count, "+- ".contains(chars[i]) { sign = chars[i]; i += 1 }
      if i < chars.count, chars[i] == "0" {
        if align == nil { fill = "0"; align = "=" }
        i += 1
      }
      var digits = ""
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
      if !digits.isEmpty {
        guard let w = Int(digits), w <= 10_000 else { return nil }
        width = w
      }
      if i < chars.count, chars[i] == "," || chars[i] == "_" { grouping = true; i += 1 }
      if i < chars.count, chars[i] == "." {
        i += 1
        var p = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { p.append(chars[i]); i += 1 }
        guard let value = Int(p), value <= 100 else { return nil }
        precision = value
      }
      if i < chars.count {
        guard "bdeEfFgGnosxX%".contains(chars[i]) else { return nil }
        type = chars[i]
        i += 1
      }
      guard i == chars.count else { return nil }
    }

    func format(_ n: Double, spec: String) throws(LangError) -> String {
      var body: String
      let magnitude = abs(n)
      switch type {
      case "f", "F": body = String(format: "%.\(precision ?? 6)f", magnitude)
      case "e", "E": body = String(format: "%.\(precision ?? 6)e", magnitude)
      case "g", "G": body = String(format: "%.\(precision ?? 6)g", magnitude)
      case "%": body = String(format: "%.\(precision ?? 6)f", magnitude * 100) + "%"
      case "d", "n", "x", "X", "o", "b":
        guard magnitude.isFinite, magnitude == magnitude.rounded(), magnitude < 9.2e18 else {
          throw .message("format spec '\(spec)' needs an integer, got \(Format.number(n))")
        }
        let radix = type == "x" || type == "X" ? 16 : type == "o" ? 8 : type == "b" ? 2 : 10
        body = String(Int64(magnitude), radix: radix, uppercase: type == "X")
      case "s": throw .message("format spec '\(spec)' needs a string, got number")
      default:
        body = precision.map { String(format: "%.\($0)g", magnitude) } ?? Format.number(magnitude)
      }
      if type == "E" || type == "G" || type == "F" { body = body.uppercased() }
      if grouping { body = Spec.group(body) }
      let negative = n < 0 || (n == 0 && n.sign == .minus && type != nil)
      let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
      if align == "=" {
        let padding = max(0, width - signText.count - body.count)
        return signText + String(repeating: fill, count: padding) + body
      }
      return pad(signText + body, defaultAlign: ">")
    }

    func pad(_ text: String, defaultAlign: Character) -> String {
      let padding = max(0, width - text.count)
      guard padding > 0 else { return text }
      switch align ?? defaultAlign {
      case "<": return text + String(repeating: fill, count: padding)
      case "^":
        let left = padding / 2
        return String(repeating: fill, count: left) + text + String(repeating: fill, count: padding - left)
      default: return String(repeating: fill, count: padding) + text
      }
    }

    /// Inserts thousands separators into the leading digit run.
    static func group(_ text: String) -> String {
      let digits = text.prefix { $0.isNumber }
      guard digits.count > 3 else { return text }
      var grouped = ""
      for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
      }
      return grouped + text.dropFirst(digits.count)
    }
  }
}
