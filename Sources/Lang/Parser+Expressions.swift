// Expression rules, one method per precedence level, lowest first.

extension Parser {
  // expression -> or
  mutating func expression() throws(SyntaxError) -> Expr {
    try enter()
    defer { leave() }
    return try or()
  }

  /// Parses a left-associative level: `next (op next)*`, counting each link as nesting so a
  /// long chain cannot build a tree deeper than the evaluator's stack allows.
  private mutating func leftAssociative(
    _ level: Precedence, next: (inout Parser) throws(SyntaxError) -> Expr,
    combine: (BinaryOperator?, Token, Expr, Expr) -> Expr
  ) throws(SyntaxError) -> Expr {
    var expr = try next(&self)
    var links = 0
    defer { depth -= links }
    while let entry = binaryOperators[peek.kind], entry.level == level {
      let token = advance()
      try enter()
      links += 1
      let rhs = try next(&self)
      expr = combine(entry.op, token, expr, rhs)
    }
    return expr
  }

  // or -> and ('or' and)*
  private mutating func or() throws(SyntaxError) -> Expr {
    try leftAssociative(.or, next: { p throws(SyntaxError) in try p.and() }) { _, _, l, r in .or(l, r) }
  }

  // and -> not ('and' not)*
  private mutating func and() throws(SyntaxError) -> Expr {
    try leftAssociative(.and, next: { p throws(SyntaxError) in try p.not() }) { _, _, l, r in .and(l, r) }
  }

  // not -> 'not' not | comparison
  private mutating func not() throws(SyntaxError) -> Expr {
    if let token = match(.not) {
      try enter()
      defer { leave() }
      return .not(try not(), token.position)
    }
    return try comparison()
  }

  // comparison -> range (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not' 'in') range)*
  // Chains compare pairwise like Python: `a < b < c` is `a < b and b < c`.
  private mutating func comparison() throws(SyntaxError) -> Expr {
    let first = try range()
    var operands = [first]
    var operators: [(op: BinaryOperator, negated: Bool, position: Position)] = []
    while true {
      let token = peek
      if token.kind == .not && checkNext(.in) {
        advance(); advance()
        operators.append((.contains, true, token.position))
      } else if let entry = binaryOperators[token.kind], entry.level == .comparison, let op = entry.op {
        advance()
        operators.append((op, false, token.position))
      } else {
        break
      }
      try enter()
      operands.append(try range())
    }
    depth -= operators.count
    if operators.isEmpty { return first }
    if operators.count == 1 && !operators[0].negated {
      return .binary(operators[0].op, operands[0], operands[1], operators[0].position)
    }
    return .compare(operands, operators)
  }

  // range -> term (('..' | '..=') term)?
  private mutating func range() throws(SyntaxError) -> Expr {
    let start = try term()
    if let token = match(.dotDot, .dotDotEqual) {
      let end = try term()
      return .range(start, end, inclusive: token.kind == .dotDotEqual, token.position)
    }
    return start
  }

  // term -> factor (('+' | '-') factor)*
  private mutating func term() throws(SyntaxError) -> Expr {
    try leftAssociative(.term, next: { p throws(SyntaxError) in try p.factor() }) { op, token, l, r in
      .binary(op ?? .add, l, r, token.position)
    }
  }

  // factor -> unary (('*' | '/' | '//' | '%' | '@') unary)*
  private mutating func factor() throws(SyntaxError) -> Expr {
    try leftAssociative(.factor, next: { p throws(SyntaxError) in try p.unary() }) { op, token, l, r in
      .binary(op ?? .multiply, l, r, token.position)
    }
  }

  // unary -> '-' unary | power
  private mutating func unary() throws(SyntaxError) -> Expr {
    if let token = match(.minus) {
      try enter()
      defer { leave() }
      let operand = try unary()
      if case .literal(.number(let n), _) = operand { return .literal(.number(-n), token.position) }
      return .negate(operand, token.position)
    }
    return try power()
  }

  // power -> postfix ('**' unary)?          '**' is right associative and binds tighter
  //                                          than unary minus on its left: -x ** 2 == -(x ** 2)
  private mutating func power() throws(SyntaxError) -> Expr {
    let base = try postfix()
    if let token = match(.starStar) {
      try enter()
      defer { leave() }
      return .binary(.power, base, try unary(), token.position)
    }
    return base
  }

  // postfix -> primary ('(' arguments ')' | '[' indices ']' | '.' IDENTIFIER)*
  private mutating func postfix() throws(SyntaxError) -> Expr {
    var expr = try primary()
    var links = 0
    defer { depth -= links }
    while true {
      if let open = match(.leftParen) {
        expr = .call(expr, try arguments(opening: open), open.position)
      } else if let open = match(.leftBracket) {
        expr = .index(expr, try indices(opening: open), open.position)
      } else if let dot = match(.dot) {
        guard let name = match(.identifier) ?? matchKeyword() else {
          throw unexpected(expected: "a field or method name after '.'")
        }
        expr = .field(expr, name.lexeme, dot.position)
      } else {
        break
      }
      try enter()
      links += 1
    }
    return expr
  }

  // arguments -> (argument (',' argument)* ','?)?
  // argument -> (IDENTIFIER ':')? expression
  private mutating func arguments(opening: Token) throws(SyntaxError) -> [Argument] {
    var arguments: [Argument] = []
    while !check(.rightParen) {
      let start = peek
      var label: String? = nil
      if check(.identifier) && checkNext(.colon) {
        label = advance().text
        advance()
        if arguments.contains(where: { $0.label == label }) {
          throw SyntaxError(.duplicateLabel(start.text), at: location(start))
        }
      } else if arguments.last?.label != nil {
        throw SyntaxError(.positionalAfterLabelled, at: location(start))
      }
      arguments.append(Argument(label: label, value: try expression(), position: start.position))
      if match(.comma) == nil { break }
    }
    try close(.rightParen, ")", opening: opening)
    return arguments
  }

  // indices -> index (',' index)*
  // index -> expression | expression? ':' expression? (':' expression?)?
  private mutating func indices(opening: Token) throws(SyntaxError) -> [IndexItem] {
    var items: [IndexItem] = []
    repeat {
      if check(.rightBracket) && !items.isEmpty { break }
      let start = peek
      let first = check(.colon) ? nil : try expression()
      if match(.colon) != nil {
        let end = check(.colon) || check(.comma) || check(.rightBracket) ? nil : try expression()
        var step: Expr? = nil
        if match(.colon) != nil, !check(.comma), !check(.rightBracket) { step = try expression() }
        items.append(.slice(start: first, end: end, step: step, start.position))
      } else if let first {
        items.append(.expression(first))
      }
    } while match(.comma) != nil
    try close(.rightBracket, "]", opening: opening)
    return items
  }
}
