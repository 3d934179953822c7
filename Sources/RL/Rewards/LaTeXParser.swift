// A recursive-descent parser for latex2sympy2_extended's answer grammar: sets, elements and relations.

/// Why a parse failed; the judge only needs to know that it did (math-verify treats it as "no expression").
struct ParseFailure: Error {}

/// Parses normalized LaTeX into a ``MathExpr`` the way latex2sympy2_extended does for answers.
///
/// The top rule is PS.g4's `math: (set_elements_relation | set_elements | set_relation) EOF`, tried in
/// that order. Elements try `plus_minus_expr | set_atom | relation`, the first that ends at an element
/// boundary. Recursion depth and total work are bounded, so junk input fails quickly instead of
/// exhausting the stack.
struct LaTeXParser {
  var tokens: [LaTeXToken]
  var texts: [String]
  var position = 0
  var depth = 0
  var budget = 200_000
  static let maximumDepth = 64

  init(tokens: [(token: LaTeXToken, text: String)]) {
    self.tokens = tokens.map(\.token)
    self.texts = tokens.map(\.text)
  }

  /// Parses `latex` (already normalized); nil when latex2sympy would raise.
  static func parse(_ latex: Scalars) -> MathExpr? {
    guard let lexed = LaTeXLexer.tokenize(latex) else { return nil }
    var parser = LaTeXParser(tokens: lexed)
    return try? parser.parseMath(source: latex)
  }

  var current: LaTeXToken? { position < tokens.count ? tokens[position] : nil }
  var atEnd: Bool { position >= tokens.count }

  func peek(_ offset: Int = 0) -> LaTeXToken? {
    position + offset < tokens.count ? tokens[position + offset] : nil
  }

  mutating func advance() -> LaTeXToken? {
    guard position < tokens.count else { return nil }
    position += 1
    return tokens[position - 1]
  }

  mutating func expect(_ token: LaTeXToken) throws(ParseFailure) {
    guard current == token else { throw ParseFailure() }
    position += 1
  }

  mutating func accept(_ token: LaTeXToken) -> Bool {
    guard current == token else { return false }
    position += 1
    return true
  }

  /// Counts work and nesting; throws once either bound is exceeded.
  mutating func enter() throws(ParseFailure) {
    budget -= 1
    depth += 1
    guard budget > 0, depth <= Self.maximumDepth else { throw ParseFailure() }
  }

  mutating func leave() { depth -= 1 }

  /// Runs `body` from the current position; on failure restores the position and returns nil.
  mutating func attempt<T>(_ body: (inout LaTeXParser) throws(ParseFailure) -> T) throws(ParseFailure) -> T? {
    let saved = (position, depth)
    do {
      return try body(&self)
    } catch {
      (position, depth) = saved
      guard budget > 0 else { throw error }
      return nil
    }
  }

  // MARK: - math -> (set_elements_relation | set_elements | set_relation) EOF

  mutating func parseMath(source: Scalars) throws(ParseFailure) -> MathExpr {
    if let value = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
      let value = try p.setElementsRelation()
      guard p.atEnd else { throw ParseFailure() }
      return value
    }) {
      return value
    }
    if let groups = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> [[MathExpr]] in
      let groups = try p.semicolonElements(noRelation: false, closer: nil)
      guard p.atEnd else { throw ParseFailure() }
      return groups
    }) {
      // latex2sympy reads `1,000` and `12,345.5` as numbers, not sets, when the whole text is one.
      if let number = try Self.commaGroupedNumber(source) { return number }
      return Self.setOrTuple(groups)
    }
    let value = try setRelation()
    guard atEnd else { throw ParseFailure() }
    return value
  }

  /// `^\s*-?\d{1,3}(,\d{3})+(\.\d+)?\s*$` → the number without its commas (`0,111` reads as 0.111).
  /// Nil when the pattern does not match; throws where sympy cannot read the result (`-0,111`).
  static func commaGroupedNumber(_ source: Scalars) throws(ParseFailure) -> MathExpr? {
    let text = source.strippingSpaces()
    var index = text.first == "-" ? 1 : 0
    let start = index
    while index < text.count && text[index].isPythonDigit { index += 1 }
    guard (1...3).contains(index - start) else { return nil }
    var groups = 0
    while text.at(index) == ",", index + 3 < text.count, (1...3).allSatisfy({ text.at(index + $0)?.isPythonDigit ?? false }) {
      index += 4
      groups += 1
    }
    guard groups > 0 else { return nil }
    if text.at(index) == "." {
      let fraction = index + 1
      index += 1
      while index < text.count && text[index].isPythonDigit { index += 1 }
      guard index > fraction else { return nil }
    }
    guard index == text.count else { return nil }
    var digits = text
    // latex2sympy's `convert_number`: only a text starting with 0 has a decimal comma (`0,111`).
    if digits.first == "0" { digits = digits.map { $0 == "," ? "." : $0 } }
    guard let number = groupedNumber(integer: digits, decimal: []) else { throw ParseFailure() }
    return number
  }

  /// sympy's `Number(text)`: an Integer for a Python integer literal (no leading zero unless all zeros),
  /// a Float for a decimal or exponent form; nil where sympy raises (`-05`).
  static func sympyNumber(_ literal: Scalars) -> MathExpr? {
    var digits = literal
    if digits.first == "-" { digits.removeFirst() }
    guard !digits.isEmpty else { return nil }
    let string = literal.string
    if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
      let allowed = digits.allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }
      guard allowed, let value = Double(string) else { return nil }
      return .number(.float(value))
    }
    guard digits.allSatisfy(\.isASCIIDigit), digits[0] != "0" || digits.allSatisfy({ $0 == "0" }) else { return nil }
    if let value = Int(string) { return .integer(value) }
    return .number(.bigInteger(string))
  }

  /// latex2sympy's `parse_number` for a NUMBER token: commas dropped, an integer's leading zeros stripped.
  static func number(fromDigits raw: Scalars) -> MathExpr? {
    var text = raw.filter { $0 != "," }
    if text.allSatisfy(\.isASCIIDigit) { while text.count > 1 && text[0] == "0" { text.removeFirst() } }
    return sympyNumber(text)
  }

  /// The number math-verify and latex2sympy build from matched digits: separators (`,`, spaces) dropped,
  /// leading `0`s stripped (`"" → "0"`), then `Number(...)`; nil where sympy raises.
  static func groupedNumber(integer: Scalars, decimal: Scalars) -> MathExpr? {
    var digits = Array(integer.filter { $0 != "," && $0 != " " }.drop(while: { $0 == "0" }))
    if digits.isEmpty { digits = ["0"] }
    return sympyNumber(digits + decimal.map { $0 == "," ? "." : $0 })
  }

  /// latex2sympy's `convert_elements_to_set_or_tuple`.
  static func setOrTuple(_ groups: [[MathExpr]]) -> MathExpr {
    if groups.count == 1 { return groups[0].count == 1 ? groups[0][0] : finiteSet(groups[0]) }
    if groups.allSatisfy({ $0.count == 1 }) { return finiteSet(groups.map { $0[0] }) }
    return finiteSet(groups.map { .tuple($0) })
  }

  /// A finite set; structurally equal elements collapse, as in sympy.
  static func finiteSet(_ elements: [MathExpr]) -> MathExpr {
    var unique: [MathExpr] = []
    for element in elements where !unique.contains(element) { unique.append(element) }
    return unique.isEmpty ? .emptySet : .finiteSet(unique)
  }

  // MARK: - set_elements_relation -> atom_expr_list (IN | ASSIGNMENT) semicolon_elements_no_relation

  mutating func setElementsRelation() throws(ParseFailure) -> MathExpr {
    let left = try atomExprList()
    guard current == .elementOf || current == .assignment else { throw ParseFailure() }
    position += 1
    let right = Self.setOrTuple(try semicolonElements(noRelation: true, closer: nil))
    // interpret_contains_as_eq: `x \in (1, 2)` becomes Eq(x, (1, 2)).
    return .relation(.equal, left, right)
  }

  /// `atom_expr_list -> '(' atom_expr (',' atom_expr)* ')' | atom_expr`.
  mutating func atomExprList() throws(ParseFailure) -> MathExpr {
    if current == .lParen {
      position += 1
      var items = [try atomExpr()]
      while accept(.comma) { items.append(try atomExpr()) }
      try expect(.rParen)
      return items.count == 1 ? items[0] : .tuple(items)
    }
    return try atomExpr()
  }

  // MARK: - elements

  /// `semicolon_elements -> comma_elements (';' comma_elements)*`.
  mutating func semicolonElements(noRelation: Bool, closer: LaTeXToken?) throws(ParseFailure) -> [[MathExpr]] {
    var groups = [try commaElements(noRelation: noRelation, closer: closer)]
    while accept(.semicolon) { groups.append(try commaElements(noRelation: noRelation, closer: closer)) }
    return groups
  }

  /// `comma_elements -> element (',' element)*`, each element's values flattened in.
  mutating func commaElements(noRelation: Bool, closer: LaTeXToken?) throws(ParseFailure) -> [MathExpr] {
    var items = try element(noRelation: noRelation, closer: closer)
    while accept(.comma) { items += try element(noRelation: noRelation, closer: closer) }
    return items
  }

  /// `element -> plus_minus_expr | set_atom | relation` (`expr` instead of `relation` when `noRelation`).
  mutating func element(noRelation: Bool, closer: LaTeXToken?) throws(ParseFailure) -> [MathExpr] {
    try enter()
    defer { leave() }
    func boundary(_ p: LaTeXParser) -> Bool {
      p.atEnd || p.current == .comma || p.current == .semicolon || (closer != nil && p.current == closer)
    }
    if let values = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> [MathExpr] in
      let values = try p.plusMinusExpr()
      guard boundary(p) else { throw ParseFailure() }
      return values
    }) {
      return values
    }
    if let value = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
      let value = try p.setAtom()
      guard boundary(p) else { throw ParseFailure() }
      return value
    }) {
      return [value]
    }
    return [noRelation ? try expr() : try relation()]
  }

  /// `plus_minus_expr -> expr PLUS_MINUS expr | PLUS_MINUS expr`.
  mutating func plusMinusExpr() throws(ParseFailure) -> [MathExpr] {
    if accept(.plusMinus) {
      let value = try expr()
      return [MathExpr.negation(value), value]
    }
    let left = try expr()
    try expect(.plusMinus)
    let right = try expr()
    return [MathExpr.sum(left, right), .add(left.addOperands + [MathExpr.negation(right)])]
  }

  // MARK: - set_relation -> atom_expr_list (IN | ASSIGNMENT) set_relation | minus_expr

  mutating func setRelation() throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    if let value = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in
      let left = try p.atomExprList()
      guard p.current == .elementOf || p.current == .assignment else { throw ParseFailure() }
      p.position += 1
      return .relation(.equal, left, try p.setRelation())
    }) {
      return value
    }
    return try minusExpr()
  }

  /// `minus_expr -> union_expr (SET_MINUS union_expr)*`, then `\cup`, then `\cap`, binding tighter in that order.
  mutating func minusExpr() throws(ParseFailure) -> MathExpr {
    var value = try unionExpr()
    while accept(.setMinus) { value = .complement(value, try unionExpr()) }
    return value
  }

  mutating func unionExpr() throws(ParseFailure) -> MathExpr {
    var value = try intersectionExpr()
    while accept(.union) { value = .union(Self.tupleAsSet(value), Self.tupleAsSet(try intersectionExpr())) }
    return value
  }

  mutating func intersectionExpr() throws(ParseFailure) -> MathExpr {
    var value = try setGroup()
    while accept(.intersection) { value = .intersection(Self.tupleAsSet(value), Self.tupleAsSet(try setGroup())) }
    return value
  }

  static func tupleAsSet(_ value: MathExpr) -> MathExpr {
    if case .tuple(let items) = value { return finiteSet(items) }
    return value
  }

  /// `set_group -> '(' minus_expr ')' | set_atom`.
  mutating func setGroup() throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    if let value = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in try p.setAtom() }) {
      return value
    }
    try expect(.lParen)
    let value = try minusExpr()
    try expect(.rParen)
    return value
  }

  // MARK: - set_atom -> interval | literal_set | ordered_tuple | finite_set

  mutating func setAtom() throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    if let value = try attempt({ (p: inout LaTeXParser) throws(ParseFailure) -> MathExpr in try p.interval() }) {
      return value
    }
    switch current {
    case .namedSet(let name)?:
      position += 1
      return .namedSet(name)
    case .emptySet?:
      position += 1
      return .emptySet
    case .lBrace? where peek(1) == .rBrace:
      position += 2
      return .emptySet
    case .lParen?, .lParenVisual?, .lBracket?:
      let closer: LaTeXToken = current == .lParen ? .rParen : current == .lBracket ? .rBracket : .rParenVisual
      position += 1
      let groups = try semicolonElements(noRelation: false, closer: closer)
      try expect(closer)
      if groups.count == 1 && groups[0].count == 1 { return groups[0][0] }
      return .tuple(groups.flatMap { $0 })
    case .lBrace?, .lBraceVisual?, .boxed?:
      let opener = tokens[position]
      position += 1
      if opener == .boxed { try expect(.lBrace) }
      let closer: LaTeXToken = opener == .lBraceVisual ? .rBraceVisual : .rBrace
      let groups = try semicolonElements(noRelation: false, closer: closer)
      try expect(closer)
      return opener == .boxed ? Self.setOrTuple(groups) : Self.finiteSet(groups.flatMap { $0 })
    default:
      throw ParseFailure()
    }
  }

  /// `interval -> ('[' | '(' | '\(') expr ',' expr (']' | ')' | '\)')`.
  mutating func interval() throws(ParseFailure) -> MathExpr {
    guard let open = advance(), [.lParen, .lBracket, .lParenVisual].contains(open) else { throw ParseFailure() }
    let low = try expr()
    try expect(.comma)
    let high = try expr()
    guard let close = advance(), [.rParen, .rBracket, .rParenVisual].contains(close) else { throw ParseFailure() }
    let leftOpen = open != .lBracket
    let rightOpen = close != .rBracket
    // An interval that would be empty reads as a pair instead, as latex2sympy does.
    if let a = low.numericValue()?.approximate, let b = high.numericValue()?.approximate {
      if (leftOpen && rightOpen && b <= a) || (!leftOpen && !rightOpen && b < a) { return .tuple([low, high]) }
      if b < a { return .emptySet }
      if a == b && !leftOpen && !rightOpen { return .finiteSet([low]) }
      if a == b { return .emptySet }
    }
    // sympy's Interval(-oo, oo) is the set of reals itself.
    if low == .number(.infinity(negative: true)) && high == .number(.infinity(negative: false)) { return .namedSet("R") }
    return .interval(low, high, leftOpen: leftOpen, rightOpen: rightOpen)
  }

  // MARK: - relation -> relation (IN | '=' | '==' | '\approx' | '<' | '\le' | '>' | '\ge' | '\ne') relation | expr

  mutating func relation() throws(ParseFailure) -> MathExpr {
    try enter()
    defer { leave() }
    var left = try expr()
    while let token = current {
      let kind: RelationKind
      switch token {
      case .assignment, .equal: kind = .equal
      case .relation(let relation): kind = relation
      case .approx:
        position += 1
        let right = try expr()
        // `x \approx 3.14` keeps the value; `3.1416 \approx 3.14` keeps the left side.
        left = left.isOnlySymbols ? right : left
        continue
      default:
        return left
      }
      position += 1
      let right = try expr()
      switch left {
      case .and(let items):
        guard case .relation(_, _, let previous)? = items.last else { throw ParseFailure() }
        left = .and(items + [.relation(kind, previous, right)])
      case .relation(_, _, let previous):
        left = .and([left, .relation(kind, previous, right)])
      default:
        left = .relation(kind, left, right)
      }
    }
    return left
  }
}
