// Operators and the one precedence table the parser reads.

/// A binary operator, as passed to native objects' operator hook.
public enum BinaryOperator: String, Sendable, CaseIterable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
  case modulo = "%", matrixMultiply = "@", power = "**"
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">="
  /// Membership: `x in xs`; the container is the right operand.
  case contains = "in"

  /// The operator's spelling.
  public var symbol: String { rawValue }

  /// Whether the operator is one of `== != < <= > >= in`.
  public var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .contains: true
    default: false
    }
  }
}

/// Binding strength of the binary operators, lowest first (LANGUAGE.md's list).
enum Precedence: Int, Comparable {
  case or = 1, and, not, comparison, range, term, factor, unary, power, postfix

  static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// The binary operator table: token → (operator, level). `and`, `or`, `..` and `..=` have
/// their own tree nodes and are listed only for their level.
let binaryOperators: [TokenKind: (op: BinaryOperator?, level: Precedence)] = [
  .or: (nil, .or),
  .and: (nil, .and),
  .equalEqual: (.equal, .comparison), .bangEqual: (.notEqual, .comparison),
  .less: (.less, .comparison), .lessEqual: (.lessEqual, .comparison),
  .greater: (.greater, .comparison), .greaterEqual: (.greaterEqual, .comparison),
  .in: (.contains, .comparison),  // `not in` is read by the comparison level
  .dotDot: (nil, .range), .dotDotEqual: (nil, .range),
  .plus: (.add, .term), .minus: (.subtract, .term),
  .star: (.multiply, .factor), .slash: (.divide, .factor), .slashSlash: (.floorDivide, .factor),
  .percent: (.modulo, .factor), .at: (.matrixMultiply, .factor),
  .starStar: (.power, .power),  // '**' (right associative)
]

/// Compound assignment tokens and the operator each applies.
let compoundAssignments: [TokenKind: BinaryOperator] = [
  .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply, .slashEqual: .divide,
]
