// Evaluating expression trees to numbers: exact fractions where sympy stays exact, doubles otherwise.

/// The value of a scalar expression, as far as sympy's `doit()`/`evalf()` would compute it.
struct NumericValue: Sendable {
  /// The value as a double (±∞ allowed).
  var approximate: Double
  /// The exact value when the expression is rational and free of floats.
  var exact: Rational?
  /// Whether a sympy `Float` takes part, so that sympy's arithmetic yields a `Float`.
  var involvesFloat: Bool

  /// Whether sympy would end up with an `Integer` (what `round(6)` leaves an `Integer`).
  var isIntegerKind: Bool { !involvesFloat && (exact?.isInteger ?? false) }

  static func exact(_ value: Rational) -> NumericValue {
    NumericValue(approximate: value.doubleValue, exact: value, involvesFloat: false)
  }
  static func inexact(_ value: Double, float: Bool) -> NumericValue {
    NumericValue(approximate: value, exact: nil, involvesFloat: float)
  }
}

extension MathNumber {
  /// The number's value; nil for `zoo`.
  var numericValue: NumericValue? {
    switch self {
    case .integer(let value): return .exact(Rational(integer: value))
    case .bigInteger(let digits): return .inexact(Double(digits) ?? .nan, float: false)
    case .rational(let value): return .exact(value)
    case .float(let value): return .inexact(value, float: true)
    case .infinity(let negative): return .inexact(negative ? -.infinity : .infinity, float: false)
    case .complexInfinity: return nil
    }
  }
}

extension MathExpr {
  /// The numeric value with free symbols bound by `bindings`; nil when it cannot be evaluated to a real number.
  func numericValue(bindings: [String: Double] = [:]) -> NumericValue? {
    switch self {
    case .number(let number): return number.numericValue
    case .percent(let inner):
      guard let value = inner.numericValue(bindings: bindings) else { return nil }
      return Self.combine(value, .exact(.hundredth)) { $0.multiplied(by: $1) } approximate: { $0 * $1 }
    case .symbol(let name):
      return bindings[name].map { .inexact($0, float: false) }
    case .constant(.pi): return .inexact(Double.pi, float: false)
    case .constant(.e): return .inexact(2.718281828459045, float: false)
    case .constant(.eulerGamma): return .inexact(0.5772156649015329, float: false)
    case .constant(.imaginaryUnit): return nil
    case .add(let items):
      return fold(items, bindings: bindings, identity: .exact(.zero)) { $0.adding($1) } approximate: { $0 + $1 }
    case .mul(let items):
      return fold(items, bindings: bindings, identity: .exact(.one)) { $0.multiplied(by: $1) } approximate: { $0 * $1 }
    case .pow(let base, let exponent):
      guard let b = base.numericValue(bindings: bindings), let e = exponent.numericValue(bindings: bindings) else { return nil }
      return Self.power(b, e)
    case .abs(let inner):
      guard var value = inner.numericValue(bindings: bindings) else { return nil }
      value.approximate = Swift.abs(value.approximate)
      value.exact = value.exact.flatMap { $0.numerator < 0 ? $0.negated : $0 }
      return value
    case .factorial(let inner):
      guard let value = inner.numericValue(bindings: bindings), let n = value.exact, n.isInteger,
        n.numerator >= 0, n.numerator <= 20
      else { return nil }
      return .exact(Rational(integer: (1...Swift.max(n.numerator, 1)).reduce(1, *)))
    case .function("log", let arguments) where arguments.count == 2:
      guard let argument = arguments[0].numericValue(bindings: bindings),
        let base = arguments[1].numericValue(bindings: bindings)
      else { return nil }
      return Self.logarithm(argument, base: base, baseIsE: arguments[1] == .constant(.e), argumentIsE: arguments[0] == .constant(.e))
    case .function(let name, let arguments):
      guard arguments.count == 1, let argument = arguments[0].numericValue(bindings: bindings) else { return nil }
      return Self.elementary(name, argument)
    default:
      return nil
    }
  }

  private func fold(
    _ items: [MathExpr], bindings: [String: Double], identity: NumericValue,
    exact: (Rational, Rational) -> Rational?, approximate: (Double, Double) -> Double
  ) -> NumericValue? {
    var result = identity
    for item in items {
      guard let value = item.numericValue(bindings: bindings) else { return nil }
      result = Self.combine(result, value, exact: exact, approximate: approximate)
    }
    return result
  }

  private static func combine(
    _ a: NumericValue, _ b: NumericValue, exact: (Rational, Rational) -> Rational?,
    approximate: (Double, Double) -> Double
  ) -> NumericValue {
    var result = NumericValue.inexact(approximate(a.approximate, b.approximate), float: a.involvesFloat || b.involvesFloat)
    if let x = a.exact, let y = b.exact, !result.involvesFloat, let value = exact(x, y) {
      result = .exact(value)
    }
    return result
  }

  private static func power(_ base: NumericValue, _ exponent: NumericValue) -> NumericValue? {
    let float = base.involvesFloat || exponent.involvesFloat
    if !float, let b = base.exact, let e = exponent.exact {
      if e.isInteger, let value = b.power(e.numerator) { return .exact(value) }
      // Exact roots of perfect powers, as sympy evaluates sqrt(9/4) = 3/2.
      if e.numerator == 1, e.denominator <= 16, b.numerator >= 0,
        let top = exactRoot(b.numerator, e.denominator), let bottom = exactRoot(b.denominator, e.denominator)
      {
        return Rational(top, bottom).map { .exact($0) }
      }
    }
    let value = cPow(base.approximate, exponent.approximate)
    guard !value.isNaN else { return nil }
    return .inexact(value, float: float)
  }

  private static func exactRoot(_ value: Int, _ degree: Int) -> Int? {
    let guess = Int(cPow(Double(value), 1 / Double(degree)).rounded())
    for candidate in Swift.max(guess - 1, 0)...(guess + 1) {
      var product = 1
      var overflow = false
      for _ in 0..<degree {
        let (next, didOverflow) = product.multipliedReportingOverflow(by: candidate)
        product = next
        overflow = overflow || didOverflow
      }
      if !overflow && product == value { return candidate }
    }
    return nil
  }

  /// `log(x, base)`; sympy evaluates exact powers of the base (`log(100, 10)` = 2, `ln e` = 1) exactly.
  private static func logarithm(_ argument: NumericValue, base: NumericValue, baseIsE: Bool, argumentIsE: Bool) -> NumericValue? {
    if argumentIsE && baseIsE { return .exact(.one) }
    if let x = argument.exact, let b = base.exact, !argument.involvesFloat, !base.involvesFloat, b.numerator > 1 || b.denominator > 1 {
      for k in -64...64 where b.power(k) == x { return .exact(Rational(integer: k)) }
    }
    let value = cLog(argument.approximate) / cLog(base.approximate)
    return value.isNaN ? nil : .inexact(value, float: argument.involvesFloat || base.involvesFloat)
  }

  private static func elementary(_ name: String, _ argument: NumericValue) -> NumericValue? {
    let x = argument.approximate
    let value: Double
    switch name {
    case "sin": value = cSin(x)
    case "cos": value = cCos(x)
    case "tan": value = cTan(x)
    case "exp": value = cExp(x)
    default: return nil
    }
    return value.isNaN ? nil : .inexact(value, float: argument.involvesFloat)
  }
}
