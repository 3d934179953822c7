// Sets of real numbers: inequalities in one variable as intervals, and a canonical form for set equality.

/// The two set helpers math-verify gets from sympy: `relation.as_set()` and `symmetric_difference(...).is_empty`.
enum RelationSets {
  /// `1 < x < 3` → `(1, 3)`, `x >= 2` → `[2, ∞)`, `x = 5` → `{5}`: a chain of relations on one
  /// variable with numeric bounds, as an interval or a one-element set; nil when it is not of that form.
  static func asSet(_ relation: MathExpr) -> MathExpr? {
    let items: [MathExpr]
    switch relation {
    case .and(let chain): items = chain
    case .relation: items = [relation]
    default: return nil
    }
    guard relation.freeSymbols.count == 1, let variable = relation.freeSymbols.first else { return nil }
    if case .relation(.equal, let lhs, let rhs) = relation, lhs != .symbol(variable), rhs != .symbol(variable) {
      return roots(of: MathExpr.add(lhs.addOperands + [MathExpr.negation(rhs)]), in: variable)
    }
    var low: (MathExpr, Double, open: Bool) = (.number(.infinity(negative: true)), -.infinity, true)
    var high: (MathExpr, Double, open: Bool) = (.number(.infinity(negative: false)), .infinity, true)
    for item in items {
      guard case .relation(var kind, let lhs, let rhs) = item else { return nil }
      var bound = rhs
      if lhs != .symbol(variable) {
        guard rhs == .symbol(variable) else { return nil }
        bound = lhs
        kind = kind.flipped
      }
      guard bound.freeSymbols.isEmpty, let value = bound.numericValue()?.approximate else { return nil }
      switch kind {
      case .equal:
        guard items.count == 1 else { return nil }
        return .finiteSet([bound])
      case .less, .lessEqual:
        if value < high.1 || (value == high.1 && kind == .less) { high = (bound, value, kind == .less) }
      case .greater, .greaterEqual:
        if value > low.1 || (value == low.1 && kind == .greater) { low = (bound, value, kind == .greater) }
      case .notEqual:
        return nil
      }
    }
    if low.1 > high.1 || (low.1 == high.1 && (low.open || high.open)) { return .emptySet }
    return .interval(low.0, high.0, leftOpen: low.open, rightOpen: high.open)
  }

  /// The real roots of `f(variable) = 0` when `f` is a polynomial of degree 1 or 2 with exact
  /// coefficients (sympy's `solveset` for `x^2 = 4`); nil otherwise.
  static func roots(of f: MathExpr, in variable: String) -> MathExpr? {
    func value(at x: Int) -> Rational? {
      let point = f.substituting(variable, with: .integer(x))
      guard let value = point?.numericValue(), !value.involvesFloat else { return nil }
      return value.exact
    }
    guard let c = value(at: 0), let f1 = value(at: 1), let fm1 = value(at: -1), let f2 = value(at: 2),
      let sum = f1.adding(fm1), let half = sum.multiplied(by: .half), let a = half.adding(c.negated ?? c),
      let difference = f1.adding(fm1.negated ?? fm1), let b = difference.multiplied(by: .half),
      // A cubic or higher term would show at x = 2: f(2) must be 4a + 2b + c.
      let fourA = a.multiplied(by: Rational(integer: 4)), let twoB = b.multiplied(by: Rational(integer: 2)),
      let predicted = fourA.adding(twoB)?.adding(c), predicted == f2
    else { return nil }
    if a.numerator == 0 {
      guard let inverse = b.reciprocal, let root = c.negated?.multiplied(by: inverse) else { return nil }
      return .finiteSet([.number(.exact(root))])
    }
    guard let bSquared = b.multiplied(by: b), let fourAC = fourA.multiplied(by: c),
      let discriminant = bSquared.adding(fourAC.negated ?? fourAC), let twoA = a.multiplied(by: Rational(integer: 2))
    else { return nil }
    if discriminant.numerator < 0 { return .emptySet }
    let minusB = MathExpr.number(.exact(b.negated ?? b))
    let denominator = MathExpr.number(.exact(twoA))
    let root = MathExpr.pow(.number(.exact(discriminant)), .number(.rational(.half)))
    let exactRoot = root.numericValue()?.exact
    let candidates: [MathExpr] = [-1, 1].map { sign in
      if let exactRoot, let shifted = (b.negated ?? b).adding(sign < 0 ? exactRoot.negated ?? exactRoot : exactRoot),
        let value = twoA.reciprocal.flatMap({ shifted.multiplied(by: $0) })
      {
        return .number(.exact(value))
      }
      let signed = sign < 0 ? MathExpr.negation(root) : root
      return .mul([.add([minusB, signed]), .pow(denominator, .minusOne)])
    }
    return LaTeXParser.finiteSet(candidates)
  }

  /// A canonical union of disjoint real intervals (points are closed zero-width intervals).
  struct RealSet: Equatable {
    struct Piece: Equatable {
      var low: Double, high: Double, lowOpen: Bool, highOpen: Bool
    }
    var pieces: [Piece]
  }

  /// The canonical form of a set built from intervals, finite sets of numbers, unions and intersections
  /// of such; nil when an element is not a number.
  static func realSet(_ set: MathExpr, depth: Int = 0) -> RealSet? {
    guard depth < 32 else { return nil }
    var pieces: [RealSet.Piece] = []
    switch set {
    case .emptySet: return RealSet(pieces: [])
    case .finiteSet(let items):
      for item in items {
        // A percentage is `x·UnevaluatedExpr(1/100)`: sympy cannot decide its membership, so no verdict.
        if case .percent = item { return nil }
        guard item.freeSymbols.isEmpty, let value = item.numericValue()?.approximate, value.isFinite else { return nil }
        pieces.append(.init(low: value, high: value, lowOpen: false, highOpen: false))
      }
    case .interval(let start, let end, let leftOpen, let rightOpen):
      guard let a = start.numericValue()?.approximate, let b = end.numericValue()?.approximate else { return nil }
      pieces.append(.init(low: a, high: b, lowOpen: leftOpen || a.isInfinite, highOpen: rightOpen || b.isInfinite))
    case .union(let a, let b):
      guard let x = realSet(a, depth: depth + 1), let y = realSet(b, depth: depth + 1) else { return nil }
      pieces = x.pieces + y.pieces
    default:
      return nil
    }
    return normalized(pieces)
  }

  /// Sorts and merges touching or overlapping pieces.
  static func normalized(_ input: [RealSet.Piece]) -> RealSet {
    let sorted = input.filter { $0.low < $0.high || ($0.low == $0.high && !$0.lowOpen && !$0.highOpen) }
      .sorted { ($0.low, $0.lowOpen ? 1 : 0) < ($1.low, $1.lowOpen ? 1 : 0) }
    var merged: [RealSet.Piece] = []
    for piece in sorted {
      if var last = merged.last,
        piece.low < last.high || (piece.low == last.high && !(piece.lowOpen && last.highOpen))
      {
        if piece.high > last.high || (piece.high == last.high && !piece.highOpen) {
          last.high = piece.high
          last.highOpen = piece.highOpen
        }
        merged[merged.count - 1] = last
      } else {
        merged.append(piece)
      }
    }
    return RealSet(pieces: merged)
  }
}
