// math-verify's `verify`: whether two parsed answer lists agree, with its number, set and relation rules.

/// math-verify 0.9's `verify(gold, target)` with its defaults (`float_rounding=6`, `strict=True`).
///
/// Every pair (gold item, target item) is compared; one agreeing pair suffices. Strings agree when equal
/// and non-empty. Expressions follow `sympy_expr_eq`:
/// 1. assignments are reduced (`x=5` against `5` compares `5`);
/// 2. a relation against a set is turned into a set (`1 < x < 3` → `(1, 3)`);
/// 3. structurally equal expressions agree;
/// 4. relations, sets/intervals/tuples and symbols have their own comparisons;
/// 5. otherwise numbers are compared. **Precision rule**: when either side is a bare decimal (a sympy
///    `Float`, possibly as a percentage), both are rounded to 6 decimal places and must then be the same
///    kind of number (an integer stays an `Integer`, so `20.0000001` ≠ `20`); otherwise values must be
///    equal (exactly for rationals, to ~15 significant digits for irrational expressions). A decimal that
///    equals an integer exactly (`20.00`) still agrees through the symbolic check.
enum MathEquivalence {
  /// math-verify's `verify(gold, target)` on two parsed answer lists.
  static func verify(gold: [AnswerItem], target: [AnswerItem]) -> Bool {
    for g in gold {
      for t in target {
        switch (g, t) {
        case (.expression(let a), .expression(let b)):
          var comparer = Comparer()
          if comparer.equal(a, b) { return true }
        case (.text(let a), .text(let b)):
          let x = Scalars(text: a).strippingSpaces()
          let y = Scalars(text: b).strippingSpaces()
          if !x.isEmpty && x == y { return true }
        default:
          continue
        }
      }
    }
    return false
  }
}

/// One comparison, with a work budget so adversarial nesting cannot make it slow.
struct Comparer {
  var budget = 10_000

  /// `sympy_expr_eq(gold, pred)`.
  mutating func equal(_ goldInput: MathExpr, _ predInput: MathExpr) -> Bool {
    budget -= 1
    guard budget > 0 else { return false }
    var gold = goldInput
    var pred = predInput
    let goldIsAssignment = gold.isAssignment
    let predIsEquation = pred.isEquation
    if goldIsAssignment { gold = .relation(.equal, gold.firstRelation.lhs, gold.lastRelation.rhs) }
    if pred.isAssignment { pred = .relation(.equal, pred.firstRelation.lhs, pred.lastRelation.rhs) }
    if predIsEquation && !goldInput.isEquation {
      pred = pred.lastRelation.rhs
    } else if goldIsAssignment && !predIsEquation {
      gold = gold.lastRelation.rhs
    }
    if gold.isRelationLike && pred.isSympySet, let set = RelationSets.asSet(gold) { gold = set }

    if case .number(.complexInfinity) = gold { return false }  // sympy refuses to compare with zoo
    if StructuralEquality.equal(gold, pred) { return true }
    if gold.isRelationLike && pred.isRelationLike { return relationsEqual(gold, pred) }
    if gold.isSetOrTuple || pred.isSetOrTuple { return setsEqual(gold, pred) }
    if case .symbol = gold { return SymbolComparison.equal(gold, pred) }
    if case .symbol = pred { return SymbolComparison.equal(gold, pred) }
    return NumericComparison.equal(gold, pred) || NumericComparison.symbolicallyEqual(gold, pred)
  }

  /// `sympy_compare_relational`.
  mutating func relationsEqual(_ gold: MathExpr, _ pred: MathExpr) -> Bool {
    if case .and(let goldItems) = gold, case .and(let predItems) = pred {
      guard goldItems.count == predItems.count else { return false }
      return zip(goldItems, predItems).allSatisfy { relationsEqual($0, $1) }
    }
    guard case .relation(let goldKind, let goldLeft, let goldRight) = gold,
      case .relation(let predKind, let predLeft, let predRight) = pred
    else { return false }
    if goldKind == predKind
      && equal(NumericComparison.difference(goldLeft, goldRight), NumericComparison.difference(predLeft, predRight))
    {
      return true
    }
    // `a <= b` equals `b >= a`.
    return goldKind.flipped == predKind
      && equal(NumericComparison.difference(goldLeft, goldRight), NumericComparison.difference(predRight, predLeft))
  }

  /// `sympy_compare_sets`: singletons become sets; intervals compare endpoints; finite sets element-wise.
  mutating func setsEqual(_ gold: MathExpr, _ pred: MathExpr) -> Bool {
    let a = gold.isSetOrTuple ? gold : .finiteSet([gold])
    let b = pred.isSetOrTuple ? pred : .finiteSet([pred])
    if case .interval(let s1, let e1, let l1, let r1) = a, case .interval(let s2, let e2, let l2, let r2) = b {
      return l1 == l2 && r1 == r2 && equal(s1, s2) && equal(e1, e2)
    }
    if StructuralEquality.equal(a, b) { return true }
    if a.isSympySet && b.isSympySet, let x = RelationSets.realSet(a), let y = RelationSets.realSet(b), x == y {
      return true
    }
    switch (a, b) {
    case (.finiteSet, .finiteSet), (.finiteSet, .tuple), (.tuple, .finiteSet), (.tuple, .tuple):
      return elementsEqual(a, b)
    case (.interval(let start, let end, true, true), .finiteSet(let items)) where items.count == 2,
      (.interval(let start, let end, true, true), .tuple(let items)) where items.count == 2:
      return elementsEqual(.tuple([start, end]), b)
    case (.finiteSet(let items), .interval(let start, let end, true, true)) where items.count == 2,
      (.tuple(let items), .interval(let start, let end, true, true)) where items.count == 2:
      return elementsEqual(a, .tuple([start, end]))
    default:
      return false
    }
  }

  /// `sympy_deep_compare_set_and_tuple`: same size, then pairwise after sorting set elements by value.
  mutating func elementsEqual(_ gold: MathExpr, _ pred: MathExpr) -> Bool {
    guard case let (goldItems, goldIsSet)? = gold.elements, case let (predItems, predIsSet)? = pred.elements,
      goldItems.count == predItems.count
    else { return false }
    var left = goldItems
    var right = predItems
    if goldIsSet {
      left = SortKey.sorted(left)
      right = SortKey.sorted(right)
    } else if predIsSet && predItems.count == 1 {
      right = SortKey.sorted(right)
    }
    return zip(left, right).allSatisfy { equal($0, $1) }
  }
}

extension MathExpr {
  /// math-verify's `is_assignment_relation`: `x = …` (or a chain starting so) with only symbols on the left.
  var isAssignment: Bool {
    switch self {
    case .relation(.equal, let lhs, _): return lhs.isOnlySymbols
    case .and(let items):
      guard isEquation, case .relation(_, let lhs, _)? = items.first else { return false }
      return lhs.isOnlySymbols
    default: return false
    }
  }

  /// The first relation of a chain (`take_first_relation`).
  var firstRelation: (lhs: MathExpr, rhs: MathExpr) {
    if case .and(let items) = self, let first = items.first { return first.firstRelation }
    if case .relation(_, let lhs, let rhs) = self { return (lhs, rhs) }
    return (self, self)
  }

  /// The last relation of a chain (`take_last_relation`).
  var lastRelation: (lhs: MathExpr, rhs: MathExpr) {
    if case .and(let items) = self, let last = items.last { return last.lastRelation }
    if case .relation(_, let lhs, let rhs) = self { return (lhs, rhs) }
    return (self, self)
  }

  /// Whether this is a sympy `Set` (a `Tuple` is not).
  var isSympySet: Bool { isSetOrTuple && !isTuple }
  var isTuple: Bool { if case .tuple = self { return true } else { return false } }

  /// The elements of a finite set or tuple, and whether it is a set.
  var elements: ([MathExpr], Bool)? {
    switch self {
    case .finiteSet(let items): return (items, true)
    case .tuple(let items): return (items, false)
    default: return nil
    }
  }
}
