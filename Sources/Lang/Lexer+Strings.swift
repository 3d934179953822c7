// String literals: quoted, raw, triple-quoted and f-strings with their `{expr:spec}` fields.

extension Lexer {
  /// Scans a string whose opening quote has been consumed.
  mutating func scanString(quote: UInt8, raw: Bool, interpolated: Bool, start: Int, line: Int, column: Int) {
    let triple = peek() == quote && peek(1) == quote
    if triple { advance(); advance() }
    var buffer: [UInt8] = []
    var parts: [FStringPart] = []
    func flush(_ buffer: inout [UInt8], _ parts: inout [FStringPart]) {
      if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
      buffer.removeAll()
    }
    while true {
      guard let byte = peek() else {
        if triple {
          let q = String(UnicodeScalar(quote))
          error(.unexpectedEndOfInput(expected: "'\(q)\(q)\(q)' to close the string"), line: line, column: column)
        } else {
          error(.unterminatedString, line: line, column: column)
        }
        return add(.string, from: start, line: line, column: column)
      }
      if byte == UInt8(ascii: "\n") && !triple {
        error(.unterminatedString, line: line, column: column)
        return add(.string, from: start, line: line, column: column)
      }
      if byte == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
        advance()
        if triple { advance(); advance() }
        break
      }
      if byte == UInt8(ascii: "\\") && !raw {
        scanEscape(into: &buffer)
        continue
      }
      if interpolated && byte == UInt8(ascii: "{") {
        advance()
        if match(UInt8(ascii: "{")) { buffer.append(byte); continue }
        flush(&buffer, &parts)
        if let part = scanField(quote: quote, triple: triple) { parts.append(part) }
        continue
      }
      if interpolated && byte == UInt8(ascii: "}") {
        let fieldLine = self.line, fieldColumn = self.column
        advance()
        if !match(UInt8(ascii: "}")) {
          error(.invalidFString("single '}' is not allowed; write '}}'"), line: fieldLine, column: fieldColumn)
        }
        buffer.append(byte)
        continue
      }
      buffer.append(advance())
    }
    if interpolated {
      flush(&buffer, &parts)
      add(.fstring, from: start, line: line, column: column, parts: parts)
    } else {
      add(.string, from: start, line: line, column: column, text: String(decoding: buffer, as: UTF8.self))
    }
  }

  /// Scans one escape after its backslash: `\n \t \r \0 \\ \" \' \{ \} \u{XXXX}`.
  private mutating func scanEscape(into buffer: inout [UInt8]) {
    let escapeLine = line, escapeColumn = column
    advance()
    guard let byte = peek(), byte != UInt8(ascii: "\n") else {
      error(.invalidEscape("\\"), line: escapeLine, column: escapeColumn)
      return
    }
    advance()
    switch byte {
    case UInt8(ascii: "n"): buffer.append(UInt8(ascii: "\n"))
    case UInt8(ascii: "t"): buffer.append(UInt8(ascii: "\t"))
    case UInt8(ascii: "r"): buffer.append(UInt8(ascii: "\r"))
    case UInt8(ascii: "0"): buffer.append(0)
    case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"):
      buffer.append(byte)
    case UInt8(ascii: "u"):
      var hex = ""
      if match(UInt8(ascii: "{")) {
        while let b = peek(), b != UInt8(ascii: "}"), b != UInt8(ascii: "\n"), hex.count <= 8 {
          hex.append(Character(UnicodeScalar(advance())))
        }
        if match(UInt8(ascii: "}")), let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
          buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
          return
        }
      }
      error(.invalidEscape("\\u{\(hex)"), line: escapeLine, column: escapeColumn)
    default:
      while let b = peek(), b & 0xC0 == 0x80 { advance() }
      error(.invalidEscape("\\" + String(decoding: [byte], as: UTF8.self)), line: escapeLine, column: escapeColumn)
    }
  }

  /// Scans an f-string field after its `{`, up to and including the closing `}`.
  ///
  /// The expression is kept as source text with its position; the parser parses it. A `:` at
  /// bracket depth 0 starts the format spec.
  private mutating func scanField(quote: UInt8, triple: Bool) -> FStringPart? {
    let fieldLine = line, fieldColumn = column
    let start = index
    var depth = 0
    var end: Int? = nil
    var specStart: Int? = nil
    while let byte = peek() {
      if byte == UInt8(ascii: "\n") && !triple { break }
      if byte == quote && (!triple || (peek(1) == quote && peek(2) == quote)) { break }
      if specStart == nil {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
        case UInt8(ascii: "}") where depth > 0: depth -= 1
        case UInt8(ascii: "}"): end = index
        case UInt8(ascii: ":") where depth == 0: end = index; specStart = index + 1
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          // A nested string with the other quote: skip it whole.
          advance()
          while let b = peek(), b != byte, b != UInt8(ascii: "\n") { advance() }
        default: break
        }
      }
      if specStart != nil && byte == UInt8(ascii: "}") {
        let expression = text(start..<(end ?? index))
        let spec = text((specStart ?? index)..<index)
        advance()
        return fieldPart(expression, spec: spec, line: fieldLine, column: fieldColumn)
      }
      if let end, specStart == nil {
        advance()
        return fieldPart(text(start..<end), spec: nil, line: fieldLine, column: fieldColumn)
      }
      if peek() != nil { advance() }
    }
    error(.invalidFString("'{' without a matching '}'"), line: fieldLine, column: fieldColumn - 1)
    return nil
  }

  private mutating func fieldPart(_ expression: String, spec: String?, line: Int, column: Int) -> FStringPart? {
    if expression.allSatisfy({ $0 == " " || $0 == "\t" }) {
      error(.invalidFString("empty expression in '{}'"), line: line, column: column - 1)
      return nil
    }
    return .expression(source: expression, line: line, column: column, spec: spec)
  }
}
