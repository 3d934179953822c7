// Parser core: token helpers, programs and blocks, error reporting and recovery.

/// A recursive-descent parser that reports every syntax error in a file.
///
/// One method per precedence level (Parser+Expressions.swift), one per statement form
/// (Parser+Statements.swift). After an error it records it, skips to the next statement
/// (`synchronize`) and goes on, like jlox; errors never stop the parse early.
struct Parser {
  let tokens: [Token]
  let source: SourceFile
  var current = 0
  var errors: [SyntaxError] = []
  /// Nesting of expressions and blocks; limited so deep input cannot overflow the stack.
  var depth = 0
  let stack = StackGuard()
  /// The deepest nesting accepted.
  static let maxDepth = 200

  init(tokens: [Token], source: SourceFile) {
    self.tokens = tokens
    self.source = source
  }

  /// Parses a whole program; `errors` lists lexical and syntax errors in source order.
  static func parse(_ source: SourceFile) -> (program: Block, errors: [SyntaxError]) {
    let lexed = Lexer.tokenize(source.text, file: source.name, line: source.firstLine)
    var parser = Parser(tokens: lexed.tokens, source: source)
    let program = parser.program()
    let errors = (lexed.errors + parser.errors).sorted {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
    return (program, dedupe(errors))
  }

  /// Lexer and parser may both complain about one spot; keep the first message per line.
  private static func dedupe(_ errors: [SyntaxError]) -> [SyntaxError] {
    var seen = Set<Int>()
    return errors.filter { seen.insert($0.location.line).inserted }
  }

  // program -> statement* EOF
  mutating func program() -> Block {
    let statements = statementList(until: .endOfInput)
    return Block(statements: statements, position: Position(line: source.firstLine, column: 1))
  }

  /// Parses statements up to (not including) `end`, recovering from errors per statement.
  mutating func statementList(until end: TokenKind) -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      while check(.newline) || check(.semicolon) { advance() }
      if check(end) || check(.endOfInput) { break }
      let start = current
      do throws(SyntaxError) {
        statements.append(try statement())
      } catch {
        errors.append(error)
        synchronize()
        // Always make progress: a stray '}' at top level would otherwise stop us forever.
        if current == start || (end == .endOfInput && check(.rightBrace)) { advance() }
      }
    }
    return statements
  }

  // block -> '{' statement* '}'
  mutating func block() throws(SyntaxError) -> Block {
    let open = try consume(.leftBrace, expected: "'{'")
    try enter()
    defer { leave() }
    let statements = statementList(until: .rightBrace)
    try close(.rightBrace, "}", opening: open)
    return Block(statements: statements, position: open.position)
  }

  // MARK: - Tokens

  var peek: Token { tokens[current] }

  func check(_ kind: TokenKind) -> Bool { tokens[current].kind == kind }

  func checkNext(_ kind: TokenKind) -> Bool {
    current + 1 < tokens.count && tokens[current + 1].kind == kind
  }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if token.kind != .endOfInput { current += 1 }
    return token
  }

  mutating func match(_ kinds: TokenKind...) -> Token? {
    guard kinds.contains(tokens[current].kind) else { return nil }
    return advance()
  }

  mutating func consume(_ kind: TokenKind, expected: String) throws(SyntaxError) -> Token {
    if check(kind) { return advance() }
    throw unexpected(expected: expected)
  }

  /// Consumes a closing bracket, or reports which opening bracket it should close.
  mutating func close(_ kind: TokenKind, _ closing: String, opening: Token) throws(SyntaxError) {
    if check(kind) { advance(); return }
    if check(.endOfInput) {
      throw SyntaxError(.unexpectedEndOfInput(expected: "'\(closing)' to close '\(opening.lexeme)' at line \(opening.line)"), at: location(peek))
    }
    throw SyntaxError(.unclosed(closing: closing, opening: opening.lexeme, line: opening.line), at: location(peek))
  }

  /// Skips newlines when the next real token is `kind` (`}` newline `else`).
  mutating func skipNewlines(before kind: TokenKind) {
    var index = current
    while tokens[index].kind == .newline { index += 1 }
    if tokens[index].kind == kind { current = index }
  }

  mutating func skipNewlines() {
    while check(.newline) { advance() }
  }

  // MARK: - Errors

  func location(_ token: Token) -> SourceLocation {
    SourceLocation(file: source.name, line: token.line, column: token.column)
  }

  /// The error for the current token when `expected` was wanted.
  func unexpected(expected: String) -> SyntaxError {
    let token = peek
    // A final newline is where the input ran out: a REPL should ask for another line.
    if token.kind == .endOfInput || (token.kind == .newline && checkNext(.endOfInput)) {
      return SyntaxError(.unexpectedEndOfInput(expected: expected), at: location(token))
    }
    return SyntaxError(.unexpectedToken(found: token.display, expected: expected), at: location(token))
  }

  /// Counts one level of nesting; fails past `maxDepth` or when the thread's stack runs low.
  mutating func enter() throws(SyntaxError) {
    if depth >= Parser.maxDepth || !stack.hasRoom() {
      throw SyntaxError(.nestingTooDeep(limit: Parser.maxDepth), at: location(peek))
    }
    depth += 1
  }

  mutating func leave() { depth -= 1 }

  /// Skips to the start of the next statement: past a newline or `;`, or up to a `}` that
  /// closes the enclosing block, or to a keyword that starts a statement.
  mutating func synchronize() {
    var braces = 0
    var first = true
    while !check(.endOfInput) {
      let kind = peek.kind
      switch kind {
      case .newline where braces == 0, .semicolon where braces == 0:
        advance()
        return
      case .leftBrace: braces += 1
      case .rightBrace:
        if braces == 0 { return }
        braces -= 1
      case .let, .fn, .for, .while, .import:
        if braces == 0 && !first { return }
      default: break
      }
      first = false
      advance()
    }
  }
}
