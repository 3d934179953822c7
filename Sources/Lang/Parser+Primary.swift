// Primary expressions: literals, names, lambdas, lists, records, f-strings, if and try.

extension Parser {
  // primary -> NUMBER | STRING | FSTRING | 'true' | 'false' | 'nil' | IDENTIFIER | lambda
  //          | '(' expression ')' | list | record | ifExpr | tryExpr
  mutating func primary() throws(SyntaxError) -> Expr {
    let token = peek
    switch token.kind {
    case .number: advance(); return .literal(.number(token.number), token.position)
    case .string: advance(); return .literal(.string(token.text), token.position)
    case .true: advance(); return .literal(.bool(true), token.position)
    case .false: advance(); return .literal(.bool(false), token.position)
    case .nil: advance(); return .literal(.nil, token.position)
    case .fstring: advance(); return try fstring(token)
    case .identifier:
      advance()
      if check(.arrow) {
        let parameter = ParameterDecl(name: token.text, defaultValue: nil, defaultText: nil, position: token.position)
        return try lambda([parameter], at: token)
      }
      return .name(token.text, token.position)
    case .leftParen:
      if isLambdaParameterList() {
        let open = advance()
        let parameters = try parameterList(opening: open)
        return try lambda(parameters, at: open)
      }
      let open = advance()
      let expr = try expression()
      try close(.rightParen, ")", opening: open)
      return expr
    case .leftBracket: return try list()
    case .leftBrace: return try record()
    case .if: return try ifExpression()
    case .try: return try tryExpression()
    default:
      throw unexpected(expected: "an expression")
    }
  }

  /// Consumes a keyword used as a name (`{in: 1}`, `rec.in`).
  mutating func matchKeyword() -> Token? {
    TokenKind.keywords[peek.lexeme] == peek.kind ? advance() : nil
  }

  /// Whether the `(` at the current token opens a lambda's parameters: `(a, b) => ...`.
  private func isLambdaParameterList() -> Bool {
    var index = current, depth = 0
    while index < tokens.count {
      switch tokens[index].kind {
      case .leftParen: depth += 1
      case .rightParen:
        depth -= 1
        if depth == 0 { return index + 1 < tokens.count && tokens[index + 1].kind == .arrow }
      case .endOfInput: return false
      default: break
      }
      index += 1
    }
    return false
  }

  // lambda -> (IDENTIFIER | '(' parameters ')') '=>' (block | expression)
  private mutating func lambda(_ parameters: [ParameterDecl], at start: Token) throws(SyntaxError) -> Expr {
    _ = try consume(.arrow, expected: "'=>'")
    let body: Block
    if check(.leftBrace) {
      body = try block()
    } else {
      let value = try expression()
      body = Block(statements: [.expression(value, silenced: false)], position: value.position)
    }
    return .function(FunctionDecl(name: nil, parameters: parameters, body: body, doc: nil, position: start.position))
  }

  // list -> '[' (expression (',' expression)* ','?)? ']'
  private mutating func list() throws(SyntaxError) -> Expr {
    let open = advance()
    var items: [Expr] = []
    while !check(.rightBracket) {
      items.append(try expression())
      if match(.comma) == nil { break }
    }
    try close(.rightBracket, "]", opening: open)
    return .list(items, open.position)
  }

  // record -> '{' (key ':' expression (',' key ':' expression)* ','?)? '}'
  // key -> IDENTIFIER | STRING
  private mutating func record() throws(SyntaxError) -> Expr {
    let open = advance()
    var entries: [(key: String, value: Expr)] = []
    skipNewlines()
    while !check(.rightBrace) {
      guard let key = match(.identifier, .string) ?? matchKeyword() else {
        throw unexpected(expected: "a field name or string key in the record")
      }
      _ = try consume(.colon, expected: "':' after the record key")
      skipNewlines()
      entries.append((key.kind == .string ? key.text : key.lexeme, try expression()))
      skipNewlines()
      if match(.comma) == nil { break }
      skipNewlines()
    }
    try close(.rightBrace, "}", opening: open)
    return .record(entries, open.position)
  }

  // ifExpr -> 'if' expression block ('else' (ifExpr | block))?
  private mutating func ifExpression() throws(SyntaxError) -> Expr {
    let keyword = advance()
    try enter()
    defer { leave() }
    let condition = try expression()
    let then = try block()
    skipNewlines(before: .else)
    guard match(.else) != nil else {
      return .ifElse(condition: condition, then: then, else: nil, keyword.position)
    }
    if check(.if) {
      return .ifElse(condition: condition, then: then, else: .elseIf(try ifExpression()), keyword.position)
    }
    return .ifElse(condition: condition, then: then, else: .block(try block()), keyword.position)
  }

  // tryExpr -> 'try' block 'catch' IDENTIFIER? block
  private mutating func tryExpression() throws(SyntaxError) -> Expr {
    let keyword = advance()
    let body = try block()
    skipNewlines(before: .catch)
    _ = try consume(.catch, expected: "'catch' after the 'try' block")
    let name = match(.identifier)?.text
    let handler = try block()
    return .tryCatch(body: body, name: name, handler: handler, keyword.position)
  }

  // fstring -> 'f"' (text | '{' expression (':' spec)? '}')* '"'
  private mutating func fstring(_ token: Token) throws(SyntaxError) -> Expr {
    var segments: [FStringSegment] = []
    for part in token.parts {
      switch part {
      case .text(let text):
        segments.append(.text(text))
      case .expression(let text, let line, let column, let spec):
        let lexed = Lexer.tokenize(text, file: source.name, line: line, column: column)
        var inner = Parser(tokens: lexed.tokens, source: source)
        inner.depth = depth
        errors += lexed.errors
        do throws(SyntaxError) {
          inner.skipNewlines()
          let expr = try inner.expression()
          inner.skipNewlines()
          if !inner.check(.endOfInput) { throw inner.unexpected(expected: "'}' after the f-string expression") }
          segments.append(.field(expr, spec: spec))
        } catch {
          inner.errors.append(error)
        }
        // A field ends at its '}', so running out of input inside it is an error, not a
        // reason for the REPL to wait for more lines.
        errors += inner.errors.map { error in
          guard case .unexpectedEndOfInput = error.kind else { return error }
          return SyntaxError(.invalidFString("incomplete expression in '{}'"), at: error.location)
        }
      }
    }
    return .fstring(segments, token.position)
  }
}
