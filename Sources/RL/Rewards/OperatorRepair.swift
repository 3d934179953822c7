// Step 5 of the LaTeX normalization: malformed operators are repaired (`\frac12`, `\sqrt2`, `^(2)`, `3/4`).

/// latex2sympy2_extended's `malformed_operators` normalization, rule by rule in its order.
enum OperatorRepair {
  static func repair(_ input: Scalars) -> Scalars {
    var text = input
    text = LaTeXRewriting.substitute(text, caretParentheses)
    text = LaTeXRewriting.substitute(text, sqrtParentheses)
    text = LaTeXRewriting.substitute(text) { digitPair($0, $1, command: "\\frac", template: ("\\frac{", "}{", "}")) }
    text = LaTeXRewriting.substitute(text) { digitPair($0, $1, command: "\\log_", template: ("\\log_{", "}{", "}")) }
    text = LaTeXRewriting.substitute(text, fracBracedThenDigit)
    text = LaTeXRewriting.substitute(text, fracDigitThenBraced)
    text = LaTeXRewriting.substitute(text, sqrtDigit)
    text = text.replacingLiteral(" sqrt", with: "\\sqrt")
    text = fixSqrt(text)
    text = fixFractions(text)
    return fixSlashFraction(text)
  }

  /// `\^\s?\((.*?)\)` → `^{…}`.
  static func caretParentheses(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text[index] == "^" else { return nil }
    var open = index + 1
    if text.at(open)?.isPythonSpace == true && text.at(open + 1) == "(" { open += 1 }
    guard text.at(open) == "(", let close = firstClosingParenthesis(text, after: open) else { return nil }
    return (close + 1 - index, Scalars(text: "^{") + text[(open + 1)..<close] + ["}"])
  }

  /// `sqrt\s?\((.*?)\)` → `\sqrt{…}`.
  static func sqrtParentheses(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text.hasLiteral("sqrt", at: index) else { return nil }
    var open = index + 4
    if text.at(open)?.isPythonSpace == true && text.at(open + 1) == "(" { open += 1 }
    guard text.at(open) == "(", let close = firstClosingParenthesis(text, after: open) else { return nil }
    return (close + 1 - index, Scalars(text: "\\sqrt{") + text[(open + 1)..<close] + ["}"])
  }

  private static func firstClosingParenthesis(_ text: Scalars, after open: Int) -> Int? {
    var index = open + 1
    while index < text.count && text[index] != "\n" {
      if text[index] == ")" { return index }
      index += 1
    }
    return nil
  }

  /// `COMMAND\s?(\d)\s?(\d+)` → `COMMAND{d}{ddd}`.
  static func digitPair(_ text: Scalars, _ index: Int, command: String, template: (String, String, String)) -> (Int, Scalars)? {
    guard text.hasLiteral(command, at: index) else { return nil }
    var position = optionalSpace(text, index + command.unicodeScalars.count, before: \.isPythonDigit)
    guard let first = text.at(position), first.isPythonDigit else { return nil }
    position = optionalSpace(text, position + 1, before: \.isPythonDigit)
    let digitsStart = position
    while position < text.count && text[position].isPythonDigit { position += 1 }
    guard position > digitsStart else { return nil }
    let replacement = Scalars(text: template.0) + [first] + Scalars(text: template.1) + text[digitsStart..<position]
      + Scalars(text: template.2)
    return (position - index, replacement)
  }

  /// `\\frac\s?{(.*?)}\s?(\d)` → `\frac{…}{d}`.
  static func fracBracedThenDigit(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text.hasLiteral("\\frac", at: index) else { return nil }
    let open = optionalSpace(text, index + 5, before: { $0 == "{" })
    guard text.at(open) == "{" else { return nil }
    var close = open + 1
    while close < text.count && text[close] != "\n" {
      if text[close] == "}" {
        let digit = optionalSpace(text, close + 1, before: \.isPythonDigit)
        if let scalar = text.at(digit), scalar.isPythonDigit {
          return (digit + 1 - index, Scalars(text: "\\frac{") + text[(open + 1)..<close] + ["}", "{", scalar, "}"])
        }
      }
      close += 1
    }
    return nil
  }

  /// `\\frac\s?(\d)\s?{(.*?)}` → `\frac{d}{…}`.
  static func fracDigitThenBraced(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text.hasLiteral("\\frac", at: index) else { return nil }
    let digit = optionalSpace(text, index + 5, before: \.isPythonDigit)
    guard let scalar = text.at(digit), scalar.isPythonDigit else { return nil }
    let open = optionalSpace(text, digit + 1, before: { $0 == "{" })
    guard text.at(open) == "{" else { return nil }
    var close = open + 1
    while close < text.count && text[close] != "\n" && text[close] != "}" { close += 1 }
    guard text.at(close) == "}" else { return nil }
    return (close + 1 - index, Scalars(text: "\\frac{") + [scalar, "}", "{"] + text[(open + 1)..<close] + ["}"])
  }

  /// `\\sqrt\s?(\d)` → `\sqrt{d}`.
  static func sqrtDigit(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text.hasLiteral("\\sqrt", at: index) else { return nil }
    let digit = optionalSpace(text, index + 5, before: \.isPythonDigit)
    guard let scalar = text.at(digit), scalar.isPythonDigit else { return nil }
    return (digit + 1 - index, Scalars(text: "\\sqrt{") + [scalar, "}"])
  }

  /// `\s?` followed by something satisfying `next`: skips one space only when that lets `next` match.
  private static func optionalSpace(_ text: Scalars, _ index: Int, before next: (Unicode.Scalar) -> Bool) -> Int {
    if text.at(index)?.isPythonSpace == true, let following = text.at(index + 1), next(following) { return index + 1 }
    return index
  }

  /// hendrycks' `_fix_sqrt`: `\sqrt3` → `\sqrt{3}`; spaces after `\sqrt` are dropped.
  static func fixSqrt(_ text: Scalars) -> Scalars {
    let parts = split(text, by: "\\sqrt")
    guard parts.count > 1 else { return text }
    var result = parts[0]
    for part in parts.dropFirst() {
      let rest = Array(part.drop(while: \.isPythonSpace))
      if let first = rest.first, first != "{", first != "[" {
        result += Scalars(text: "\\sqrt{") + [first, "}"] + rest.dropFirst()
      } else {
        result += Scalars(text: "\\sqrt") + rest
      }
    }
    return result
  }

  /// hendrycks' `_fix_fracs`: `\frac12` → `\frac{1}{2}`, `\frac1{2}` → `\frac{1}{2}`.
  static func fixFractions(_ text: Scalars) -> Scalars {
    let parts = split(text, by: "\\frac")
    guard parts.count > 1 else { return text }
    var result = parts[0]
    for part in parts.dropFirst() {
      let rest = Array(part.drop(while: \.isPythonSpace))
      result += Scalars(text: "\\frac")
      if rest.first == "{" {
        result += rest
      } else if rest.count < 2 {
        return text
      } else if rest[1] != "{" {
        result += ["{", rest[0], "}", "{", rest[1], "}"] + rest.dropFirst(2)
      } else {
        result += ["{", rest[0], "}", rest[1]] + rest.dropFirst(2)
      }
    }
    return result
  }

  /// hendrycks' `_fix_a_slash_b`: exactly `a/b` with canonical integers → `\frac{a}{b}`.
  static func fixSlashFraction(_ text: Scalars) -> Scalars {
    let parts = split(text, by: "/")
    guard parts.count == 2, isCanonicalInteger(parts[0]), isCanonicalInteger(parts[1]) else { return text }
    return Scalars(text: "\\frac{") + parts[0] + ["}", "{"] + parts[1] + ["}"]
  }

  private static func isCanonicalInteger(_ text: Scalars) -> Bool {
    let digits = text.first == "-" ? Array(text.dropFirst()) : text
    guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
    if digits.count > 1 && digits[0] == "0" { return false }
    return !(text.first == "-" && digits == ["0"])
  }

  /// Python's `str.split(separator)`.
  static func split(_ text: Scalars, by separator: String) -> [Scalars] {
    let length = separator.unicodeScalars.count
    var parts: [Scalars] = []
    var start = 0
    var index = 0
    while index <= text.count - length {
      if text.hasLiteral(separator, at: index) {
        parts.append(Array(text[start..<index]))
        index += length
        start = index
      } else {
        index += 1
      }
    }
    parts.append(Array(text[start...]))
    return parts
  }
}
