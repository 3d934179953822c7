// sympy's `==` on the expression tree: same structure, numbers of the same kind, sets as sets.

/// sympy's structural equality (`a == b`), which math-verify tries first.
enum StructuralEquality {
  static func equal(_ a: MathExpr, _ b: MathExpr) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return numbersEqual(x, y)
    case (.percent(let x), .percent(let y)), (.abs(let x), .abs(let y)), (.factorial(let x), .factorial(let y)):
      return equal(x, y)
    case (.symbol(let x), .symbol(let y)): return x == y
    case (.constant(let x), .constant(let y)): return x == y
    case (.add(let x), .add(let y)), (.mul(let x), .mul(let y)), (.and(let x), .and(let y)), (.tuple(let x), .tuple(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.pow(let x1, let x2), .pow(let y1, let y2)), (.complement(let x1, let x2), .complement(let y1, let y2)):
      return equal(x1, y1) && equal(x2, y2)
    case (.union(let x1, let x2), .union(let y1, let y2)), (.intersection(let x1, let x2), .intersection(let y1, let y2)):
      return (equal(x1, y1) && equal(x2, y2)) || (equal(x1, y2) && equal(x2, y1))
    case (.function(let f, let x), .function(let g, let y)):
      return f == g && x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.relation(let k1, let x1, let x2), .relation(let k2, let y1, let y2)):
      return k1 == k2 && equal(x1, y1) && equal(x2, y2)
    case (.finiteSet(let x), .finiteSet(let y)):
      return x.count == y.count && x.allSatisfy { item in y.contains { equal(item, $0) } }
    case (.interval(let s1, let e1, let l1, let r1), .interval(let s2, let e2, let l2, let r2)):
      return l1 == l2 && r1 == r2 && equal(s1, s2) && equal(e1, e2)
    case (.emptySet, .emptySet): return true
    case (.namedSet(let x), .namedSet(let y)): return x == y
    default: return false
    }
  }

  /// sympy 1.14 number equality: kinds must agree (`Float(20.0) != Integer(20)`), values compared exactly.
  static func numbersEqual(_ x: MathNumber, _ y: MathNumber) -> Bool {
    switch (x, y) {
    case (.integer(let p), .integer(let q)): return p == q
    case (.bigInteger(let p), .bigInteger(let q)): return p == q
    case (.rational(let p), .rational(let q)): return p == q
    case (.float(let p), .float(let q)): return p == q
    case (.infinity(let p), .infinity(let q)): return p == q
    default: return false
    }
  }
}

/// math-verify's `sympy_compare_symbols`, used when either side is a symbol.
enum SymbolComparison {
  static func equal(_ gold: MathExpr, _ pred: MathExpr) -> Bool {
    // `e` typed as a letter equals Euler's number.
    if case .symbol(let name) = gold, name.lowercased() == "e", pred == .constant(.e) { return true }
    if case .symbol(let name) = pred, name.lowercased() == "e", gold == .constant(.e) { return true }
    // `abc` parses as a·b·c; a single symbol `abc` (from `\text{abc}`) equals it.
    if case .symbol(let name) = gold, let joined = concatenatedSymbols(pred) { return name.lowercased() == joined.lowercased() }
    if case .symbol(let name) = pred, let joined = concatenatedSymbols(gold) { return name.lowercased() == joined.lowercased() }
    if case .symbol(var g) = gold, case .symbol(var p) = pred {
      if p.count > 1 { p = p.lowercased() }
      if g.count > 1 { g = g.lowercased() }
      return g == p
    }
    // Last resort: sympy's printed forms (`\text{20}` is the symbol "20", which prints like the number 20).
    guard let g = printed(gold), let p = printed(pred) else { return false }
    return g == p
  }

  private static func concatenatedSymbols(_ expr: MathExpr) -> String? {
    guard case .mul(let items) = expr else { return nil }
    var joined = ""
    for item in items {
      switch item {
      case .symbol(let name): joined += name
      case .constant(.e): joined += "e"
      default: return nil
      }
    }
    return joined
  }

  /// `str(expr)` for symbols and plain numbers; nil for anything else (treated as different).
  static func printed(_ expr: MathExpr) -> String? {
    switch expr {
    case .symbol(let name): return name
    case .number(.integer(let value)): return String(value)
    case .number(.bigInteger(let digits)): return digits
    case .number(.rational(let value)): return "\(value.numerator)/\(value.denominator)"
    case .number(.infinity(let negative)): return negative ? "-oo" : "oo"
    case .constant(.pi): return "pi"
    case .constant(.e): return "E"
    case .constant(.imaginaryUnit): return "I"
    default: return nil
    }
  }
}

/// The order math-verify sorts set elements in before comparing them pairwise (`default_sort_key` of `evalf`).
enum SortKey {
  static func sorted(_ items: [MathExpr]) -> [MathExpr] {
    /// An assignment `x = 2` sorts by its value (math-verify's `unwrap_eq`).
    func key(_ item: MathExpr) -> Double? {
      let value = item.isAssignment ? item.lastRelation.rhs : item
      return value.freeSymbols.isEmpty ? value.numericValue()?.approximate : nil
    }
    return items.enumerated().sorted { lhs, rhs in
      let a = key(lhs.element)
      let b = key(rhs.element)
      switch (a, b) {
      case (let x?, let y?): return x != y ? x < y : lhs.offset < rhs.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return lhs.offset < rhs.offset
      }
    }.map(\.element)
  }
}
