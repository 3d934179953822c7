// Statement rules: let, fn, for, while, return, break, continue, import, assignment.

extension Parser {
  // statement -> letStmt | fnStmt | forStmt | whileStmt | returnStmt | 'break' | 'continue'
  //            | importStmt | simpleStmt
  mutating func statement() throws(SyntaxError) -> Stmt {
    switch peek.kind {
    case .let: return try letStatement()
    case .fn where checkNext(.identifier): return try functionStatement()
    case .for: return try forStatement()
    case .while: return try whileStatement()
    case .return: return try returnStatement()
    case .break:
      let token = advance()
      try endOfStatement()
      return .break(token.position)
    case .continue:
      let token = advance()
      try endOfStatement()
      return .continue(token.position)
    case .import: return try importStatement()
    default: return try simpleStatement()
    }
  }

  /// A statement ends at a newline, `;`, a closing `}` or the end of input.
  mutating func endOfStatement() throws(SyntaxError) {
    if check(.newline) || check(.semicolon) { advance(); return }
    if check(.rightBrace) || check(.endOfInput) { return }
    throw unexpected(expected: "end of statement")
  }

  // letStmt -> 'let' pattern '=' expression
  private mutating func letStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    let target = try pattern()
    _ = try consume(.equal, expected: "'=' after the name in 'let'")
    var value = try expression()
    if case .name(let name, _) = target, case .function(let decl) = value, decl.name == nil {
      decl.name = name  // name lambdas after their binding, for traces and help()
      value = .function(decl)
    }
    try endOfStatement()
    return .let(target, value, keyword.position)
  }

  // pattern -> IDENTIFIER | '(' IDENTIFIER (',' IDENTIFIER)* ')'
  mutating func pattern() throws(SyntaxError) -> Pattern {
    if let open = match(.leftParen) {
      var names: [(name: String, position: Position)] = []
      repeat {
        if check(.rightParen) { break }
        let name = try consume(.identifier, expected: "a name")
        names.append((name.text, name.position))
      } while match(.comma) != nil
      try close(.rightParen, ")", opening: open)
      return .tuple(names)
    }
    let name = try consume(.identifier, expected: "a name")
    return .name(name.text, name.position)
  }

  // fnStmt -> 'fn' IDENTIFIER '(' parameters ')' block
  private mutating func functionStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    let name = advance()
    let open = try consume(.leftParen, expected: "'(' after the function name")
    let parameters = try parameterList(opening: open)
    let body = try block()
    try endOfStatement()
    let decl = FunctionDecl(name: name.text, parameters: parameters, body: body,
                            doc: keyword.doc, position: keyword.position)
    return .function(decl)
  }

  // parameters -> (parameter (',' parameter)* ','?)? ')'
  // parameter -> IDENTIFIER ('=' expression)?
  mutating func parameterList(opening: Token) throws(SyntaxError) -> [ParameterDecl] {
    var parameters: [ParameterDecl] = []
    while !check(.rightParen) {
      let name = try consume(.identifier, expected: "a parameter name")
      if parameters.contains(where: { $0.name == name.text }) {
        throw SyntaxError(.duplicateParameter(name.text), at: location(name))
      }
      var defaultValue: Expr? = nil
      var defaultText: String? = nil
      if match(.equal) != nil {
        let start = peek
        defaultValue = try expression()
        defaultText = sourceText(from: start, to: tokens[current - 1])
      } else if parameters.last?.defaultValue != nil {
        throw SyntaxError(.requiredAfterDefault(name.text), at: location(name))
      }
      parameters.append(ParameterDecl(name: name.text, defaultValue: defaultValue,
                                      defaultText: defaultText, position: name.position))
      if match(.comma) == nil { break }
    }
    try close(.rightParen, ")", opening: opening)
    return parameters
  }

  /// The source text from the start of `first` to the end of `last` (on one line).
  func sourceText(from first: Token, to last: Token) -> String {
    guard first.line == last.line, let line = source.line(first.line) else { return first.lexeme }
    let characters = Array(line)
    let end = min(characters.count, last.column - 1 + last.lexeme.count)
    guard first.column - 1 < end else { return first.lexeme }
    return String(characters[(first.column - 1)..<end])
  }

  // forStmt -> 'for' pattern 'in' expression block
  private mutating func forStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    let target = try pattern()
    _ = try consume(.in, expected: "'in' after the loop variable")
    let sequence = try expression()
    let body = try block()
    try endOfStatement()
    return .for(target, sequence, body, keyword.position)
  }

  // whileStmt -> 'while' expression block
  private mutating func whileStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    let condition = try expression()
    let body = try block()
    try endOfStatement()
    return .while(condition, body, keyword.position)
  }

  // returnStmt -> 'return' expression?
  private mutating func returnStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    var value: Expr? = nil
    if !check(.newline) && !check(.semicolon) && !check(.rightBrace) && !check(.endOfInput) {
      value = try expression()
    }
    try endOfStatement()
    return .return(value, keyword.position)
  }

  // importStmt -> 'import' STRING ('as' IDENTIFIER)?
  private mutating func importStatement() throws(SyntaxError) -> Stmt {
    let keyword = advance()
    let path = try consume(.string, expected: "a module name in quotes after 'import'")
    var alias: String? = nil
    if match(.as) != nil {
      alias = try consume(.identifier, expected: "a name after 'as'").text
    }
    try endOfStatement()
    return .import(path: path.text, alias: alias, keyword.position)
  }

  // simpleStmt -> expression (('=' | '+=' | '-=' | '*=' | '/=') expression)?
  private mutating func simpleStatement() throws(SyntaxError) -> Stmt {
    let start = peek
    let expr = check(.leftBrace) ? Expr.block(try block()) : try expression()
    if let equal = match(.equal) {
      try checkAssignable(expr, at: start)
      var value = try expression()
      if case .name(let name, _) = expr, case .function(let decl) = value, decl.name == nil {
        decl.name = name
        value = .function(decl)
      }
      try endOfStatement()
      return .assign(target: expr, value: value, equal.position)
    }
    if let op = compoundAssignments[peek.kind] {
      let token = advance()
      try checkAssignable(expr, at: start)
      let value = try expression()
      try endOfStatement()
      return .compoundAssign(op, target: expr, value: value, token.position)
    }
    let silenced = check(.semicolon)
    try endOfStatement()
    return .expression(expr, silenced: silenced)
  }

  private func checkAssignable(_ expr: Expr, at token: Token) throws(SyntaxError) {
    switch expr {
    case .name, .index, .field: return
    default: throw SyntaxError(.invalidAssignmentTarget, at: location(token))
    }
  }
}
