// The expression levels of the answer grammar: additive, multiplicative, unary, postfix, power, atoms.

extension LaTeXParser {
  // MARK: - expr -> additive -> additive ('+' | '-') additive | mp

  mutating func expr() throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    var value = try mp()
    while current == .add || current == .sub {
      let isSum = advance() == .add
      let right = try mp()
      // latex2sympy negates a Number right operand and multiplies anything else by -1.
      value = MathExpr.sum(value, isSum ? right : MathExpr.negation(right))
    }
    return value
  }

  // MARK: - mp -> mp ('*' | '\times' | '\cdot' | '/' | '\div' | ':') mp | unary

  mutating func mp(noFunction: Bool = false) throws(ParseFailure) -> MathExpr {
    var value = try unary(noFunction: noFunction)
    var nested = 0
    defer { depth -= nested }
    while let token = current, token == .mul || token == .div || token == .colon {
      // A quotient nests the tree one level deeper; count it against the depth bound.
      try enter()
      nested += 1
      position += 1
      let right = try unary(noFunction: noFunction)
      value = token == .mul ? MathExpr.product(value, right) : MathExpr.quotient(value, right)
    }
    return value
  }

  // MARK: - unary -> ('+' | '-') unary | postfix+

  mutating func unary(noFunction: Bool = false) throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    if accept(.add) { return try unary(noFunction: noFunction) }
    if accept(.sub) { return MathExpr.negation(try unary(noFunction: noFunction)) }
    var factors = [try postfix(noFunction: false)]
    // `postfix+` stops where another factor cannot be parsed (the closing `|` of `|x|`, say).
    while startsPostfix(noFunction: noFunction),
      let factor = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
        try p.postfix(noFunction: noFunction)
      })
    {
      factors.append(factor)
    }
    return Self.implicitProduct(factors[...])
  }

  /// latex2sympy's `convert_postfix_list`: juxtaposition multiplies, except that an Integer followed by a
  /// positive Rational is a mixed number (`3\frac{1}{2}` = 7/2, and so `2 3` = 5).
  static func implicitProduct(_ factors: ArraySlice<MathExpr>) -> MathExpr {
    // Right to left, as latex2sympy recurses, but with a loop: a factor list can be thousands long.
    guard var result = factors.last else { return .integer(1) }
    for first in factors.dropLast().reversed() { result = juxtaposition(first, result) }
    return result
  }

  /// `first` written before `rest`: a mixed number when an Integer meets a positive Rational, else a product.
  static func juxtaposition(_ first: MathExpr, _ rest: MathExpr) -> MathExpr {
    if case .number(.integer(let whole)) = first, case .number(let number) = rest {
      let fraction: Rational? =
        switch number {
        case .integer(let value): Rational(integer: value)
        case .rational(let value): value
        default: nil
        }
      if let fraction, fraction.numerator > 0,
        let scaled = Rational(integer: whole).multiplied(by: Rational(integer: fraction.denominator)),
        let combined = scaled.adding(Rational(integer: whole < 0 ? -fraction.numerator : fraction.numerator)),
        let value = Rational(combined.numerator, fraction.denominator)
      {
        return .number(.exact(value))
      }
    }
    return MathExpr.product(first, rest)
  }

  func startsPostfix(noFunction: Bool) -> Bool {
    switch current {
    case .number?, .percentNumber?, .eNotation?, .capitalE?, .eulerE?, .letter?, .differential?, .greek?,
      .otherSymbol?, .accent?, .infinity?, .lParen?, .lBrace?, .lBracket?, .lBraceVisual?, .bar?, .norm?, .lVert?,
      .vert?, .lFloor?, .lCeil?, .frac?, .binom?, .boxed?, .phantom?, .sqrt?:
      return true
    case .function?, .operatorName?:
      return !noFunction
    default:
      return false
    }
  }

  // MARK: - postfix -> exp ('!' | degree | transpose)*

  mutating func postfix(noFunction: Bool) throws(ParseFailure) -> MathExpr {
    var value = try exp(noFunction: noFunction)
    var nested = 0
    defer { depth -= nested }
    while let token = current {
      switch token {
      case .bang:
        try enter()
        nested += 1
        value = .factorial(value)
      case .degree, .transpose: break  // math-verify parses with convert_degrees=False: `30^\circ` is 30.
      case .bar where peek(1) == .caret || peek(1) == .underscore: throw ParseFailure()  // eval_at: unsupported
      default: return value
      }
      position += 1
    }
    return value
  }

  // MARK: - exp -> exp '^' (atom | '{' expr '}') subexpr? | comp

  mutating func exp(noFunction: Bool) throws(ParseFailure) -> MathExpr {
    var value = try comp(noFunction: noFunction)
    var nested = 0
    defer { depth -= nested }
    while accept(.caret) {
      try enter()
      nested += 1
      let exponent = try superscript()
      skipSubscript()
      value = .pow(value, exponent)
    }
    return value
  }

  /// The part after `^`: an atom or a braced expression.
  mutating func superscript() throws(ParseFailure) -> MathExpr {
    if accept(.lBrace) {
      let value = try expr()
      try expect(.rBrace)
      return value
    }
    return try atom()
  }

  mutating func skipSubscript() {
    guard current == .underscore else { return }
    let saved = position
    position += 1
    if accept(.lBrace) {
      var depth = 1
      while let token = advance() {
        if token == .lBrace { depth += 1 } else if token == .rBrace { depth -= 1 }
        if depth == 0 { return }
      }
      position = saved
    } else if advance() == nil {
      position = saved
    }
  }

  // MARK: - comp -> group | formatting_group | norm_group | abs_group | floor | ceil | func | atom | frac | binom

  mutating func comp(noFunction: Bool) throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    guard let token = current else { throw ParseFailure() }
    switch token {
    case .lParen, .lBrace, .lBracket, .lBraceVisual:
      let closer: LaTeXToken = [.lParen: .rParen, .lBrace: .rBrace, .lBracket: .rBracket][token] ?? .rBraceVisual
      position += 1
      let value = try expr()
      try expect(closer)
      return value
    case .boxed, .phantom:
      position += 1
      try expect(.lBrace)
      let value = try expr()
      try expect(.rBrace)
      return value
    case .bar, .norm, .lVert, .vert:
      let closer: LaTeXToken = token == .lVert ? .rVert : token
      position += 1
      let value = try expr()
      try expect(closer)
      return .abs(value)
    case .lFloor, .lCeil:
      position += 1
      let value = try expr()
      try expect(token == .lFloor ? .rFloor : .rCeil)
      // sympy evaluates floor/ceiling of a number at once (`\lfloor 2.5 \rfloor` is the Integer 2).
      if value.freeSymbols.isEmpty, let number = value.numericValue()?.approximate, abs(number) < 1e15 {
        return .integer(Int(token == .lFloor ? number.rounded(.down) : number.rounded(.up)))
      }
      return .function(token == .lFloor ? "floor" : "ceiling", [value])
    case .frac:
      position += 1
      try expect(.lBrace)
      let top = try expr()
      try expect(.rBrace)
      try expect(.lBrace)
      let bottom = try expr()
      try expect(.rBrace)
      return MathExpr.quotient(top, bottom)
    case .binom:
      position += 1
      let (n, k) = try (bracedExpr(), bracedExpr())
      if case .number(.integer(let a)) = n, case .number(.integer(let b)) = k, let value = Self.binomial(a, b) {
        return .integer(value)
      }
      return .function("binomial", [n, k])
    case .sqrt:
      position += 1
      var root: MathExpr?
      if accept(.lBracket) {
        root = try expr()
        try expect(.rBracket)
      }
      let base = try bracedExpr()
      guard let root else { return .pow(base, .number(.rational(.half))) }
      return .pow(base, MathExpr.quotient(.integer(1), root))
    case .function(let name):
      guard !noFunction else { throw ParseFailure() }
      position += 1
      return try functionApplication(name)
    case .eulerE:
      position += 1
      guard accept(.caret) else { return .constant(.e) }
      return .function("exp", [try superscript()])
    case .letter, .greek, .otherSymbol, .accent:
      if peek(1) == .lParen, let call = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
        try p.undefinedFunctionCall()
      }) {
        return call
      }
      return try atom()
    default:
      return try atom()
    }
  }

  /// `f(x)`, `g(a, b)`: PS.g4's `func_common_args -> atom | expr ',' | expr ',' args`, so a single
  /// argument must be an atom (`a(b+c)` is a product, not a call).
  mutating func undefinedFunctionCall() throws(ParseFailure) -> MathExpr {
    let name = texts[position]
    position += 2
    if let single = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
      let value = try p.atom()
      try p.expect(.rParen)
      return value
    }) {
      return .function(name, [single])
    }
    var arguments = [try expr()]
    try expect(.comma)
    if current != .rParen {
      arguments.append(try expr())
      while accept(.comma) { arguments.append(try expr()) }
    }
    try expect(.rParen)
    return .function(name, arguments)
  }

  mutating func bracedExpr() throws(ParseFailure) -> MathExpr {
    try expect(.lBrace)
    let value = try expr()
    try expect(.rBrace)
    return value
  }

  /// `\sin x`, `\sin(x)`, `\log^2 x`: one argument, parenthesized or a multiplicative expression without functions.
  mutating func functionApplication(_ name: String) throws(ParseFailure) -> MathExpr {
    // latex2sympy: `\log` is base 10 unless a subscript gives the base; `\ln` is base e.
    var base: MathExpr = name == "log" ? .integer(10) : .constant(.e)
    if accept(.underscore) { base = try superscript() }
    var power: MathExpr?
    if accept(.caret) { power = try superscript() }
    let argument: MathExpr
    if accept(.lParen) {
      argument = try expr()
      try expect(.rParen)
    } else {
      argument = try mp(noFunction: true)
    }
    let call = name == "log" || name == "ln" ? MathExpr.function("log", [argument, base]) : .function(name, [argument])
    return power.map { .pow(call, $0) } ?? call
  }

  static func binomial(_ n: Int, _ k: Int) -> Int? {
    guard n >= 0, k >= 0, k <= n, n <= 60 else { return nil }
    var result = 1
    for i in 0..<k { result = result * (n - i) / (i + 1) }
    return result
  }

  // MARK: - atom -> atom_expr | SYMBOL | NUMBER | PERCENT_NUMBER | E_NOTATION | 'E' | DIFFERENTIAL

  mutating func atom() throws(ParseFailure) -> MathExpr {
    guard let token = current else { throw ParseFailure() }
    switch token {
    case .number(let text):
      position += 1
      skipSubscript()
      guard let value = Self.number(fromDigits: Scalars(text: text)) else { throw ParseFailure() }
      return value
    case .percentNumber(let text):
      position += 1
      guard let value = Self.number(fromDigits: Scalars(text: text)) else { throw ParseFailure() }
      return .percent(value)
    case .eNotation(let text):
      position += 1
      guard let value = Double(text) else { throw ParseFailure() }
      return .number(.float(value))
    case .capitalE:
      position += 1
      return .symbol("e")
    case .infinity:
      position += 1
      return .number(.infinity(negative: false))
    case .differential(let variable):
      position += 1
      let name = variable.hasPrefix("\\") ? String(variable.dropFirst()) : variable
      return .symbol("d" + name)
    case .letter, .greek, .otherSymbol, .accent:
      return try atomExpr()
    default:
      throw ParseFailure()
    }
  }

  /// `atom_expr -> (LETTER | GREEK | OTHER_SYMBOL | ACCENT) (subexpr? supexpr?)`: a symbol, maybe with a power.
  mutating func atomExpr() throws(ParseFailure) -> MathExpr {
    guard let token = advance() else { throw ParseFailure() }
    var name: String
    switch token {
    case .letter(let letter):
      if letter == "I" && current != .underscore { return try withPower(.constant(.imaginaryUnit)) }
      name = letter
    case .greek(let greek): name = greek
    case .otherSymbol(let symbol): name = symbol
    case .accent(let command, let content):
      let compact = content.filter { $0 != " " }
      switch command {
      case "bar", "overline": name = "bar{\(compact)}"
      case "vec", "overrightarrow": name = "vec{\(compact)}"
      case "tilde", "widetilde": name = "tilde{\(compact)}"
      default:
        if command.contains("text") || command.contains("mbox") {
          // `\text{C}` is the symbol C, so `$C$` equals `$\text{C}$`.
          name = compact.filter { $0 != "(" && $0 != ")" }
        } else if command.contains("math") {
          name = "math{\(compact)}"
        } else {
          name = "\(command){\(compact)}"
        }
      }
    default:
      throw ParseFailure()
    }
    if current == .underscore {
      let start = position + 1
      skipSubscript()
      var subscriptText = texts[start..<position].joined()
      if subscriptText.hasPrefix("{") && subscriptText.hasSuffix("}") { subscriptText = String(subscriptText.dropFirst().dropLast()) }
      name += subscriptText.unicodeScalars.count > 1 ? "_{\(subscriptText)}" : "_\(subscriptText)"
    }
    let lowered = name.lowercased()
    let symbol: MathExpr =
      switch lowered {
      case "pi": .constant(.pi)
      case "gamma": .constant(.eulerGamma)
      default: .symbol(lowered)
      }
    return try withPower(symbol)
  }

  mutating func withPower(_ base: MathExpr) throws(ParseFailure) -> MathExpr {
    guard current == .caret else { return base }
    position += 1
    let exponent = try superscript()
    skipSubscript()
    return .pow(base, exponent)
  }
}
