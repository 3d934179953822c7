// Lexical analyzer: turns source text into tokens, newlines and f-string parts included.

/// Turns source text into tokens, collecting every lexical error instead of stopping.
///
/// Newlines are significant only at top level and directly inside `{ }`: inside `( )` and
/// `[ ]`, after a binary operator or `,`, and before a line that starts with `.name`, they are
/// dropped, so the parser sees one logical statement.
struct Lexer {
  let bytes: [UInt8]
  private let file: String
  var index = 0
  var line: Int
  var column: Int
  private(set) var tokens: [Token] = []
  private(set) var errors: [SyntaxError] = []
  /// Open brackets, innermost last, with where they opened.
  private var brackets: [(kind: UInt8, line: Int)] = []
  /// `##` lines seen directly before the next token.
  private var pendingDoc: [String] = []

  /// Lexes `text`; `line` and `column` place it inside a larger file (f-string fields).
  init(_ text: String, file: String, line: Int = 1, column: Int = 1) {
    self.bytes = Array(text.utf8)
    self.file = file
    self.line = line
    self.column = column
  }

  /// Lexes everything; the result always ends with an `.endOfInput` token.
  static func tokenize(_ text: String, file: String, line: Int = 1, column: Int = 1)
    -> (tokens: [Token], errors: [SyntaxError])
  {
    var lexer = Lexer(text, file: file, line: line, column: column)
    lexer.run()
    return (lexer.tokens, lexer.errors)
  }

  private mutating func run() {
    while true {
      skipSpaceAndComments()
      guard let byte = peek() else { break }
      if byte == UInt8(ascii: "\n") {
        let endLine = line, endColumn = column
        advance()
        // `##` lines document the next `fn` only when no blank line separates them.
        if !pendingDoc.isEmpty && blankLineFollows() { pendingDoc.removeAll() }
        newline(line: endLine, column: endColumn)
        continue
      }
      scanToken()
    }
    if brackets.isEmpty, let last = tokens.last, last.kind != .newline, !last.kind.continuesLine {
      tokens.append(Token(kind: .newline, lexeme: "\n", line: line, column: column))
    }
    tokens.append(Token(kind: .endOfInput, lexeme: "", line: line, column: column))
  }

  // MARK: - Characters

  func peek(_ offset: Int = 0) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  /// Consumes one byte, keeping line and (character) column current.
  @discardableResult
  mutating func advance() -> UInt8 {
    let byte = bytes[index]
    index += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1  // count characters, not UTF-8 continuation bytes
    }
    return byte
  }

  mutating func match(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    advance()
    return true
  }

  private func location(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  mutating func error(_ kind: SyntaxError.Kind, line: Int, column: Int) {
    errors.append(SyntaxError(kind, at: location(line, column)))
  }

  func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  private mutating func skipSpaceAndComments() {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        advance()
      case UInt8(ascii: "#"):
        let start = index
        while let b = peek(), b != UInt8(ascii: "\n") { advance() }
        let comment = text(start..<index)
        if comment.hasPrefix("##") {
          let body = comment.dropFirst(2)
          pendingDoc.append(String(body.hasPrefix(" ") ? body.dropFirst() : body))
        } else {
          pendingDoc.removeAll()
        }
      default:
        return
      }
    }
  }

  // MARK: - Newlines

  /// Handles a newline: emitted only where it ends a statement.
  private mutating func newline(line endLine: Int, column endColumn: Int) {
    if let open = brackets.last, open.kind != UInt8(ascii: "{") {
      // A statement keyword cannot continue a bracketed expression: the bracket was never
      // closed. Forget it so the rest of the file still parses statement by statement.
      guard nextLineStartsWithStatementKeyword() else { return }
      while let last = brackets.last, last.kind != UInt8(ascii: "{") { brackets.removeLast() }
    }
    guard let last = tokens.last else { return }
    if last.kind == .newline || last.kind == .semicolon || last.kind == .leftBrace { return }
    if last.kind.continuesLine { return }
    if nextLineStartsWithDot() { return }
    tokens.append(Token(kind: .newline, lexeme: "\n", line: endLine, column: endColumn))
  }

  private func nextLineStartsWithStatementKeyword() -> Bool {
    var i = index
    while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
    var j = i
    while j < bytes.count, isIdentifierStart(bytes[j]) { j += 1 }
    guard j < bytes.count, bytes[j] == UInt8(ascii: " ") else { return false }
    return ["let", "fn", "for", "while", "import", "return"].contains(String(decoding: bytes[i..<j], as: UTF8.self))
  }

  /// A line starting with `.name` continues a method chain (`xs\n  .map(f)`).
  private func nextLineStartsWithDot() -> Bool {
    var i = index
    while i < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(bytes[i]) { i += 1 }
    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: ".") else { return false }
    return bytes[i + 1] != UInt8(ascii: ".")
  }

  private func blankLineFollows() -> Bool {
    var i = index
    while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
    return i < bytes.count && bytes[i] == UInt8(ascii: "\n")
  }

  // MARK: - Tokens

  mutating func add(_ kind: TokenKind, from start: Int, line: Int, column: Int,
                            text value: String = "", number: Double = 0, parts: [FStringPart] = []) {
    var token = Token(kind: kind, lexeme: text(start..<index), line: line, column: column,
                      text: value, number: number, parts: parts)
    if !pendingDoc.isEmpty {
      token.doc = pendingDoc.joined(separator: "\n")
      pendingDoc.removeAll()
    }
    tokens.append(token)
  }

  private mutating func scanToken() {
    let start = index, startLine = line, startColumn = column
    let byte = advance()
    func op(_ kind: TokenKind) { add(kind, from: start, line: startLine, column: startColumn) }
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      brackets.append((byte, startLine))
      op(byte == UInt8(ascii: "(") ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      if !brackets.isEmpty { brackets.removeLast() }
      op(byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
    case UInt8(ascii: ","): op(.comma)
    case UInt8(ascii: ";"): op(.semicolon)
    case UInt8(ascii: ":"): op(.colon)
    case UInt8(ascii: "@"): op(.at)
    case UInt8(ascii: "%"): op(.percent)
    case UInt8(ascii: "+"): op(match(UInt8(ascii: "=")) ? .plusEqual : .plus)
    case UInt8(ascii: "-"): op(match(UInt8(ascii: "=")) ? .minusEqual : .minus)
    case UInt8(ascii: "*"):
      op(match(UInt8(ascii: "*")) ? .starStar : match(UInt8(ascii: "=")) ? .starEqual : .star)
    case UInt8(ascii: "/"):
      op(match(UInt8(ascii: "/")) ? .slashSlash : match(UInt8(ascii: "=")) ? .slashEqual : .slash)
    case UInt8(ascii: "="):
      op(match(UInt8(ascii: "=")) ? .equalEqual : match(UInt8(ascii: ">")) ? .arrow : .equal)
    case UInt8(ascii: "<"): op(match(UInt8(ascii: "=")) ? .lessEqual : .less)
    case UInt8(ascii: ">"): op(match(UInt8(ascii: "=")) ? .greaterEqual : .greater)
    case UInt8(ascii: "!"):
      if match(UInt8(ascii: "=")) { op(.bangEqual) } else {
        error(.unexpectedCharacter("!"), line: startLine, column: startColumn)
      }
    case UInt8(ascii: "."):
      if match(UInt8(ascii: ".")) { op(match(UInt8(ascii: "=")) ? .dotDotEqual : .dotDot) } else { op(.dot) }
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      scanString(quote: byte, raw: false, interpolated: false, start: start, line: startLine, column: startColumn)
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      scanNumber(start: start, line: startLine, column: startColumn)
    default:
      if isIdentifierStart(byte) {
        scanIdentifier(start: start, line: startLine, column: startColumn)
      } else {
        while let b = peek(), b & 0xC0 == 0x80 { advance() }  // the whole UTF-8 character
        error(.unexpectedCharacter(text(start..<index)), line: startLine, column: startColumn)
      }
    }
  }

  private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || byte == UInt8(ascii: "_")
  }

  private func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func scanIdentifier(start: Int, line: Int, column: Int) {
    while let b = peek(), isIdentifierStart(b) || isDigit(b) { advance() }
    let name = text(start..<index)
    if (name == "r" || name == "f"), let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      advance()
      scanString(quote: quote, raw: name == "r", interpolated: name == "f", start: start, line: line, column: column)
      return
    }
    add(TokenKind.keywords[name] ?? .identifier, from: start, line: line, column: column, text: name)
  }

  private mutating func scanNumber(start: Int, line: Int, column: Int) {
    var digits = ""
    if bytes[start] == UInt8(ascii: "0"), let x = peek(), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
      advance()
      while let b = peek(), b == UInt8(ascii: "_") || (b < 128 && Character(Unicode.Scalar(b)).isHexDigit) {
        advance()
        if b != UInt8(ascii: "_") { digits.append(Character(Unicode.Scalar(b))) }
      }
      guard let value = UInt64(digits, radix: 16) else {
        error(.malformedNumber(text(start..<index)), line: line, column: column)
        return add(.number, from: start, line: line, column: column)
      }
      return add(.number, from: start, line: line, column: column, number: Double(value))
    }
    digits.append(Character(Unicode.Scalar(bytes[start])))
    func digitRun(_ digits: inout String, _ lexer: inout Lexer) {
      while let b = lexer.peek(), lexer.isDigit(b) || b == UInt8(ascii: "_") {
        lexer.advance()
        if b != UInt8(ascii: "_") { digits.append(Character(Unicode.Scalar(b))) }
      }
    }
    digitRun(&digits, &self)
    if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
      advance()
      digits.append(".")
      digitRun(&digits, &self)
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      advance()
      digits.append("e")
      if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        digits.append(Character(Unicode.Scalar(advance())))
      }
      if !isDigit(peek()) {
        error(.malformedNumber(text(start..<index)), line: line, column: column)
        return add(.number, from: start, line: line, column: column)
      }
      digitRun(&digits, &self)
    }
    add(.number, from: start, line: line, column: column, number: Double(digits) ?? .nan)
  }
}
