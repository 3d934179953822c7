// Tokens: the lexer's output and the parser's input.

/// The kinds of token; payloads (names, numbers, string values) live in `Token`.
enum TokenKind: Equatable, Sendable {
  // Literals and names
  case identifier, number, string, fstring
  // Keywords
  case `let`, fn, `return`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`
  case `true`, `false`, `nil`, and, or, not, `import`, `as`, `try`, `catch`
  // Punctuation
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, dot, colon, semicolon, arrow  // `=>`
  // Operators
  case plus, minus, star, slash, slashSlash, percent, at, starStar
  case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
  case dotDot, dotDotEqual
  case plusEqual, minusEqual, starEqual, slashEqual
  // Structure
  case newline, endOfInput

  /// The keyword for an identifier's spelling, if it is one.
  static let keywords: [String: TokenKind] = [
    "let": .let, "fn": .fn, "return": .return, "if": .if, "else": .else, "for": .for,
    "in": .in, "while": .while, "break": .break, "continue": .continue, "true": .true,
    "false": .false, "nil": .nil, "and": .and, "or": .or, "not": .not, "import": .import,
    "as": .as, "try": .try, "catch": .catch,
  ]

  /// Whether a line ending in this token continues on the next line (binary operators, `,`).
  var continuesLine: Bool {
    switch self {
    case .plus, .minus, .star, .slash, .slashSlash, .percent, .at, .starStar, .equal,
      .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .dotDot,
      .dotDotEqual, .plusEqual, .minusEqual, .starEqual, .slashEqual, .comma, .dot, .arrow,
      .and, .or, .not, .in:
      return true
    default:
      return false
    }
  }
}

/// One piece of an f-string: literal text or an interpolated expression with its format spec.
enum FStringPart: Sendable {
  case text(String)
  /// The expression's source text and where it starts, parsed later by the parser.
  case expression(source: String, line: Int, column: Int, spec: String?)
}

/// A token with its position and payload.
struct Token: Sendable {
  var kind: TokenKind
  /// The source text of the token (for messages such as `unexpected ')'`).
  var lexeme: String
  var line: Int
  var column: Int
  /// The processed value of string literals and the spelling of identifiers.
  var text: String = ""
  var number: Double = 0
  var parts: [FStringPart] = []
  /// The `##` doc comment lines directly before this token, joined by newlines.
  var doc: String? = nil

  var position: Position { Position(line: line, column: column) }

  /// How the token is named in a syntax error.
  var display: String {
    switch kind {
    case .endOfInput: return "end of input"
    case .newline: return "newline"
    case .string, .fstring: return "string"
    case .number: return "number '\(lexeme)'"
    case .identifier: return "'\(lexeme)'"
    default: return "'\(lexeme)'"
    }
  }
}
