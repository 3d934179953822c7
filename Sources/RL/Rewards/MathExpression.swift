// The expression tree the math-verify-style parser builds: the subset of sympy objects latex2sympy makes.

/// An exact fraction with 64-bit parts; every operation reports overflow as nil instead of trapping.
struct Rational: Hashable, Sendable {
  /// Numerator; carries the sign.
  let numerator: Int
  /// Denominator; always positive.
  let denominator: Int

  /// `numerator/denominator` in lowest terms, or nil for a zero denominator or an overflow.
  init?(_ numerator: Int, _ denominator: Int = 1) {
    guard denominator != 0, numerator != .min, denominator != .min else { return nil }
    let divisor = Rational.gcd(Swift.abs(numerator), Swift.abs(denominator))
    let sign = denominator < 0 ? -1 : 1
    self.numerator = sign * numerator / Swift.max(divisor, 1)
    self.denominator = sign * denominator / Swift.max(divisor, 1)
  }

  /// An already-reduced fraction; only for literals known to be in lowest terms with a positive denominator.
  private init(reduced numerator: Int, _ denominator: Int) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// The integer `value` (denominator 1).
  init(integer value: Int) { self.init(reduced: value, 1) }

  static let zero = Rational(reduced: 0, 1)
  static let one = Rational(reduced: 1, 1)
  static let half = Rational(reduced: 1, 2)
  static let hundredth = Rational(reduced: 1, 100)

  var isInteger: Bool { denominator == 1 }
  var doubleValue: Double { Double(numerator) / Double(denominator) }

  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  func adding(_ other: Rational) -> Rational? {
    let (left, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
    let (right, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
    let (sum, o3) = left.addingReportingOverflow(right)
    let (den, o4) = denominator.multipliedReportingOverflow(by: other.denominator)
    guard !(o1 || o2 || o3 || o4) else { return nil }
    return Rational(sum, den)
  }

  func multiplied(by other: Rational) -> Rational? {
    let (num, o1) = numerator.multipliedReportingOverflow(by: other.numerator)
    let (den, o2) = denominator.multipliedReportingOverflow(by: other.denominator)
    guard !(o1 || o2) else { return nil }
    return Rational(num, den)
  }

  var negated: Rational? { Rational(-numerator, denominator) }
  var reciprocal: Rational? { Rational(denominator, numerator) }

  /// `self^exponent` for a small integer exponent, or nil on overflow or 0^negative.
  func power(_ exponent: Int) -> Rational? {
    guard exponent.magnitude <= 4096, var base = exponent < 0 ? reciprocal : self else { return nil }
    var result = Rational.one
    var remaining = Int(exponent.magnitude)
    while remaining > 0 {
      if remaining & 1 == 1 {
        guard let next = result.multiplied(by: base) else { return nil }
        result = next
      }
      remaining >>= 1
      if remaining > 0 {
        guard let next = base.multiplied(by: base) else { return nil }
        base = next
      }
    }
    return result
  }
}

/// A sympy number. sympy keeps these kinds apart: `Float(20.0) == Integer(20)` is false in sympy 1.14.
enum MathNumber: Hashable, Sendable {
  /// sympy `Integer` (fits in 64 bits).
  case integer(Int)
  /// An integer too large for 64 bits, kept as its decimal digits (with a leading `-` when negative).
  case bigInteger(String)
  /// sympy `Rational` with denominator > 1.
  case rational(Rational)
  /// sympy `Float` at its default 15-digit precision (the same value as a binary64 double).
  case float(Double)
  /// sympy `oo` or `-oo`.
  case infinity(negative: Bool)
  /// sympy `zoo`, e.g. from `\frac{1}{0}`; any comparison with it fails.
  case complexInfinity

  /// The number for an exact fraction: an `Integer` when the denominator is 1.
  static func exact(_ value: Rational) -> MathNumber {
    value.isInteger ? .integer(value.numerator) : .rational(value)
  }

  var isFloat: Bool { if case .float = self { return true } else { return false } }
  var isIntegerKind: Bool {
    switch self {
    case .integer, .bigInteger: return true
    default: return false
    }
  }

  /// The number negated the way sympy negates a Number (`-Integer(5)` is `Integer(-5)`).
  var negated: MathNumber {
    switch self {
    case .integer(let value): return value == .min ? .bigInteger(String(String(value).dropFirst())) : .integer(-value)
    case .bigInteger(let digits): return .bigInteger(digits.hasPrefix("-") ? String(digits.dropFirst()) : "-" + digits)
    case .rational(let value): return value.negated.map { .rational($0) } ?? .float(-value.doubleValue)
    case .float(let value): return .float(-value)
    case .infinity(let negative): return .infinity(negative: !negative)
    case .complexInfinity: return .complexInfinity
    }
  }
}

/// The named constants the parser produces.
enum MathConstant: Hashable, Sendable {
  case pi
  /// Euler's number, sympy's `E`.
  case e
  /// sympy's `I`: latex2sympy reads a lone capital `I` as the imaginary unit.
  case imaginaryUnit
  /// sympy's `EulerGamma` (`\gamma`).
  case eulerGamma
}

/// The relations latex2sympy produces (`Eq`, `Ne`, `<`, `≤`, `>`, `≥`).
enum RelationKind: Hashable, Sendable {
  case equal, notEqual, less, lessEqual, greater, greaterEqual

  /// The relation with its sides swapped (`a < b` ⇔ `b > a`), math-verify's `INVERSE_RELATIONS`.
  var flipped: RelationKind {
    switch self {
    case .equal: return .equal
    case .notEqual: return .notEqual
    case .less: return .greater
    case .lessEqual: return .greaterEqual
    case .greater: return .less
    case .greaterEqual: return .lessEqual
    }
  }
}

/// A parsed answer: the sympy objects latex2sympy and math-verify's number extraction build, unevaluated.
indirect enum MathExpr: Hashable, Sendable {
  case number(MathNumber)
  /// `x%`: sympy's `Mul(x, UnevaluatedExpr(1/100))`.
  case percent(MathExpr)
  /// A symbol; latex2sympy lower-cases names (`A` → `a`, `\text{BC}` → `bc`).
  case symbol(String)
  case constant(MathConstant)
  case add([MathExpr])
  case mul([MathExpr])
  case pow(MathExpr, MathExpr)
  case abs(MathExpr)
  case factorial(MathExpr)
  /// A named function (`sin`, `ln`, …) or an undefined one (`f(x)`).
  case function(String, [MathExpr])
  case relation(RelationKind, MathExpr, MathExpr)
  /// A chain of relations, `1 < x < 3`.
  case and([MathExpr])
  case finiteSet([MathExpr])
  case tuple([MathExpr])
  case interval(MathExpr, MathExpr, leftOpen: Bool, rightOpen: Bool)
  case union(MathExpr, MathExpr)
  case intersection(MathExpr, MathExpr)
  case complement(MathExpr, MathExpr)
  case emptySet
  /// ℕ, ℤ, ℚ, ℝ, ℂ.
  case namedSet(String)

  static func integer(_ value: Int) -> MathExpr { .number(.integer(value)) }
  static let minusOne = MathExpr.integer(-1)

  /// latex2sympy's `mul_flat`: a product whose `Mul` operands are spliced in.
  static func product(_ left: MathExpr, _ right: MathExpr) -> MathExpr {
    .mul(left.mulOperands + right.mulOperands)
  }

  /// latex2sympy's `add_flat`.
  static func sum(_ left: MathExpr, _ right: MathExpr) -> MathExpr {
    .add(left.addOperands + right.addOperands)
  }

  /// Unary minus as latex2sympy applies it: numbers are negated, anything else becomes `-1·x`.
  static func negation(_ operand: MathExpr) -> MathExpr {
    if case .number(let number) = operand { return .number(number.negated) }
    return product(.minusOne, operand)
  }

  /// `a/b`: a `Rational` when both are integers (sympy's `Rational(a, b)`), else `a·b^-1` unevaluated.
  static func quotient(_ top: MathExpr, _ bottom: MathExpr) -> MathExpr {
    if case .number(.integer(let p)) = top, case .number(.integer(let q)) = bottom {
      guard q != 0 else { return .number(.complexInfinity) }
      if let value = Rational(p, q) { return .number(.exact(value)) }
    }
    return .mul([top, .pow(bottom, .minusOne)])
  }

  var mulOperands: [MathExpr] { if case .mul(let items) = self { return items } else { return [self] } }
  var addOperands: [MathExpr] { if case .add(let items) = self { return items } else { return [self] } }

  /// The number, when this is an atomic sympy Number.
  var atomicNumber: MathNumber? { if case .number(let number) = self { return number } else { return nil } }

  var isRelational: Bool { if case .relation = self { return true } else { return false } }

  /// math-verify's `is_relation`: a relation, or an `And` of relations.
  var isRelationLike: Bool {
    switch self {
    case .relation: return true
    case .and(let items): return !items.isEmpty && items.allSatisfy(\.isRelational)
    default: return false
    }
  }

  /// math-verify's `is_equation`: an `Eq`, or an `And` of them.
  var isEquation: Bool {
    switch self {
    case .relation(.equal, _, _): return true
    case .and(let items):
      return !items.isEmpty && items.allSatisfy { if case .relation(.equal, _, _) = $0 { return true } else { return false } }
    default: return false
    }
  }

  /// Whether this is a sympy `Set` or `Tuple` (math-verify routes those to its set comparison).
  var isSetOrTuple: Bool {
    switch self {
    case .finiteSet, .tuple, .interval, .union, .intersection, .complement, .emptySet, .namedSet: return true
    default: return false
    }
  }

  /// latex2sympy's `is_expr_of_only_symbols`: symbols combined by any operation (`BC`, `A/S`).
  var isOnlySymbols: Bool {
    switch self {
    case .symbol: return true
    case .pow(let base, .number(.integer(-1))): return base.isOnlySymbols
    case .add(let items), .mul(let items), .function(_, let items), .tuple(let items), .finiteSet(let items):
      return !items.isEmpty && items.allSatisfy(\.isOnlySymbols)
    case .pow(let a, let b): return a.isOnlySymbols && b.isOnlySymbols
    case .abs(let a), .factorial(let a), .percent(let a): return a.isOnlySymbols
    default: return false
    }
  }

  /// The free symbol names.
  var freeSymbols: Set<String> {
    switch self {
    case .symbol(let name): return [name]
    case .number, .constant, .emptySet, .namedSet: return []
    case .percent(let a), .abs(let a), .factorial(let a): return a.freeSymbols
    case .add(let items), .mul(let items), .and(let items), .finiteSet(let items), .tuple(let items):
      return items.reduce(into: Set<String>()) { $0.formUnion($1.freeSymbols) }
    case .function(_, let items): return items.reduce(into: Set<String>()) { $0.formUnion($1.freeSymbols) }
    case .pow(let a, let b), .relation(_, let a, let b), .union(let a, let b), .intersection(let a, let b),
      .complement(let a, let b):
      return a.freeSymbols.union(b.freeSymbols)
    case .interval(let a, let b, _, _): return a.freeSymbols.union(b.freeSymbols)
    }
  }
}

extension MathExpr {
  /// The expression with every occurrence of the symbol `name` replaced by `value`; nil past a depth of 64.
  func substituting(_ name: String, with value: MathExpr, depth: Int = 0) -> MathExpr? {
    guard depth < 64 else { return nil }
    func map(_ items: [MathExpr]) -> [MathExpr]? {
      var result: [MathExpr] = []
      for item in items {
        guard let mapped = item.substituting(name, with: value, depth: depth + 1) else { return nil }
        result.append(mapped)
      }
      return result
    }
    switch self {
    case .symbol(let symbol): return symbol == name ? value : self
    case .number, .constant, .emptySet, .namedSet: return self
    case .percent(let a): return a.substituting(name, with: value, depth: depth + 1).map { .percent($0) }
    case .abs(let a): return a.substituting(name, with: value, depth: depth + 1).map { .abs($0) }
    case .factorial(let a): return a.substituting(name, with: value, depth: depth + 1).map { .factorial($0) }
    case .add(let items): return map(items).map { .add($0) }
    case .mul(let items): return map(items).map { .mul($0) }
    case .function(let f, let items): return map(items).map { .function(f, $0) }
    case .pow(let a, let b):
      guard let x = a.substituting(name, with: value, depth: depth + 1),
        let y = b.substituting(name, with: value, depth: depth + 1)
      else { return nil }
      return .pow(x, y)
    default: return nil
    }
  }
}
