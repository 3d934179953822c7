// The number rules of math-verify's comparison: the 6-decimal rounding for floats, exact values otherwise.

/// math-verify's `sympy_numeric_eq` and `sympy_symbolic_eq` on scalar expressions.
///
/// The precision behaviour pinned down by the fixture (`6.283185` ≈ `2\pi` but not `6.28`; `0.3333333` ≈
/// `1/3` but not `0.3333`; `13.41` ≠ `13.4`) is one rule: if either side is a bare decimal (a sympy
/// `Float`, or a percentage of one), both sides are rounded half-to-even to `floatRounding` = 6 decimal
/// places and compared. sympy's `round` leaves an `Integer` an `Integer` and makes everything else a
/// `Float`, and a `Float` never equals an `Integer`, so `20.0000001` (rounds to `20.000000`) does not
/// match `20`. There is no relative or absolute tolerance beyond that rounding.
enum NumericComparison {
  /// math-verify's `float_rounding`.
  static let floatRounding = 6

  /// `sympy_numeric_eq(a, b)`.
  static func equal(_ a: MathExpr, _ b: MathExpr) -> Bool {
    let aNumber = a.atomicOrPercentNumber
    let bNumber = b.atomicOrPercentNumber
    if aNumber != nil || bNumber != nil {
      if aNumber?.isFloat == true || bNumber?.isFloat == true {
        guard let x = a.numericValue(), let y = b.numericValue(), x.approximate.isFinite, y.approximate.isFinite,
          x.isIntegerKind == y.isIntegerKind
        else { return false }
        return rounded(x) == rounded(y)
      }
      // 9% equals 9: two integers (bare or as percentages) compare by their digits.
      if let p = aNumber, let q = bNumber, p.isIntegerKind, q.isIntegerKind { return p == q }
      guard let x = a.numericValue()?.exact, let y = b.numericValue()?.exact else { return false }
      return x == y
    }
    return valuesAgree(a, b)
  }

  /// `simplify(a - b).is_zero`: exact for rationals, bit-exact when a float takes part, and to ~15
  /// significant digits for irrational values (where sympy would prove the identity symbolically).
  static func symbolicallyEqual(_ a: MathExpr, _ b: MathExpr) -> Bool {
    valuesAgree(a, b)
  }

  /// Whether two expressions have the same value, also at several points when they have free symbols.
  static func valuesAgree(_ a: MathExpr, _ b: MathExpr) -> Bool {
    let symbols = a.freeSymbols.union(b.freeSymbols).sorted()
    let samples: [[String: Double]] =
      symbols.isEmpty ? [[:]] : [0.5772, 1.3247, -2.2360].map { base in
        Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, base + 0.618 * Double($0)) })
      }
    for bindings in samples {
      guard let x = a.numericValue(bindings: bindings), let y = b.numericValue(bindings: bindings) else { return false }
      if let p = x.exact, let q = y.exact, symbols.isEmpty {
        if p != q { return false }
        continue
      }
      if x.involvesFloat || y.involvesFloat {
        guard closeEnough(x.approximate, y.approximate, relative: 1e-15) else { return false }
      } else if !closeEnough(x.approximate, y.approximate, relative: 1e-13) {
        return false
      }
    }
    return true
  }

  /// `|x - y|` below sympy's chop threshold (2⁻⁴⁹) or within `relative` of the larger magnitude, the
  /// latter absorbing the rounding of double arithmetic.
  static func closeEnough(_ x: Double, _ y: Double, relative: Double) -> Bool {
    if x == y { return true }
    guard x.isFinite && y.isFinite else { return false }
    let difference = abs(x - y)
    return difference < 1.7763568394002505e-15 || difference <= relative * max(abs(x), abs(y))
  }

  /// The value rounded half-to-even to 6 decimals, as an integer count of 10⁻⁶ (exact for rationals).
  static func rounded(_ value: NumericValue) -> Double {
    if let exact = value.exact, let scaled = exact.multiplied(by: Rational(integer: 1_000_000)) {
      let quotient = Double(scaled.numerator / scaled.denominator)
      let remainder = scaled.numerator % scaled.denominator
      let twice = 2 * abs(remainder)
      let sign: Double = scaled.numerator < 0 ? -1 : 1
      if twice > scaled.denominator || (twice == scaled.denominator && Int(quotient) % 2 != 0) {
        return quotient + sign
      }
      return quotient
    }
    return (value.approximate * 1_000_000).rounded(.toNearestOrEven)
  }

  /// `lhs - rhs` as sympy would hold it: a number when it evaluates to one, else an unevaluated sum.
  static func difference(_ lhs: MathExpr, _ rhs: MathExpr) -> MathExpr {
    let value = MathExpr.add(lhs.addOperands + [MathExpr.negation(rhs)])
    guard value.freeSymbols.isEmpty, let number = value.numericValue() else { return value }
    if let exact = number.exact { return .number(.exact(exact)) }
    return number.involvesFloat ? .number(.float(number.approximate)) : value
  }
}

extension MathExpr {
  /// math-verify's `is_atomic_or_pct_atomic(_, Number)`: a bare number, or a percentage of one.
  /// A percentage reports its inner number (so `25%` is an Integer here, `12.5%` a Float).
  var atomicOrPercentNumber: MathNumber? {
    switch self {
    case .number(let number): return number
    case .percent(.number(let number)): return number
    default: return nil
    }
  }
}
