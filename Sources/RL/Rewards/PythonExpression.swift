// Reads a plain arithmetic expression (`3/4`, `(1+2)*3`) as sympy's `parse_expr(..., evaluate=False)` would.

/// The Python-syntax reader math-verify uses for plain expressions: numbers, `+ - * / **` and parentheses.
///
/// Anything Python would reject yields nil: juxtaposition (`2 3`), a call (`2(3)`), `×`/`÷`, leading zeros
/// (`05`). The tree stays unevaluated, as with `evaluate=False`.
struct PythonExpression {
  private enum Token: Equatable { case number(String), plus, minus, times, divide, power, open, close }

  /// The longest operator chain read; the tree nests one level per operator.
  static let maximumChain = 256

  private var tokens: [Token] = []
  private var position = 0
  private var depth = 0

  /// The expression tree of `text` (with `^` already spelled `**` by the caller), or nil.
  static func parse(_ text: Scalars) -> MathExpr? {
    guard text.count <= 4096, let tokens = tokenize(text) else { return nil }
    var parser = PythonExpression()
    parser.tokens = tokens
    guard let value = parser.sum(), parser.position == tokens.count else { return nil }
    return value
  }

  private static func tokenize(_ text: Scalars) -> [Token]? {
    var tokens: [Token] = []
    var index = 0
    while index < text.count {
      let scalar = text[index]
      if scalar.isPythonSpace {
        index += 1
        continue
      }
      if scalar.isASCIIDigit || (scalar == "." && text.at(index + 1)?.isASCIIDigit == true) {
        var end = index
        while end < text.count && text[end].isASCIIDigit { end += 1 }
        if text.at(end) == "." {
          end += 1
          while end < text.count && text[end].isASCIIDigit { end += 1 }
        }
        let literal = Array(text[index..<end]).string
        // Python rejects `05` (but accepts `00` and `05.5`).
        if !literal.contains("."), literal.count > 1, literal.hasPrefix("0"), literal.contains(where: { $0 != "0" }) {
          return nil
        }
        tokens.append(.number(literal))
        index = end
        continue
      }
      switch scalar {
      case "+": tokens.append(.plus)
      case "-": tokens.append(.minus)
      case "*":
        if text.at(index + 1) == "*" {
          tokens.append(.power)
          index += 1
        } else {
          tokens.append(.times)
        }
      case "/": tokens.append(.divide)
      case "(": tokens.append(.open)
      case ")": tokens.append(.close)
      default: return nil
      }
      index += 1
    }
    return tokens
  }

  private var current: Token? { position < tokens.count ? tokens[position] : nil }

  // sum -> product (('+' | '-') product)*
  private mutating func sum() -> MathExpr? {
    guard var value = product() else { return nil }
    var chained = 0
    while let token = current, token == .plus || token == .minus {
      // Each operator nests the (left-deep) tree; Python's own compiler gives up on very deep ones too.
      chained += 1
      guard chained < Self.maximumChain else { return nil }
      position += 1
      guard let right = product() else { return nil }
      value = .add([value, token == .plus ? right : MathExpr.negation(right)])
    }
    return value
  }

  // product -> factor (('*' | '/') factor)*
  private mutating func product() -> MathExpr? {
    guard var value = factor() else { return nil }
    var chained = 0
    while let token = current, token == .times || token == .divide {
      chained += 1
      guard chained < Self.maximumChain else { return nil }
      position += 1
      guard let right = factor() else { return nil }
      value = token == .times ? .mul([value, right]) : .mul([value, .pow(right, .minusOne)])
    }
    return value
  }

  // factor -> ('+' | '-') factor | power
  private mutating func factor() -> MathExpr? {
    depth += 1
    defer { depth -= 1 }
    guard depth < 64 else { return nil }
    if current == .plus {
      position += 1
      return factor()
    }
    if current == .minus {
      position += 1
      return factor().map(MathExpr.negation)
    }
    return power()
  }

  // power -> atom ('**' factor)?
  private mutating func power() -> MathExpr? {
    guard let base = atom() else { return nil }
    guard current == .power else { return base }
    position += 1
    return factor().map { .pow(base, $0) }
  }

  // atom -> NUMBER | '(' sum ')'; an atom followed by '(' would be a call, which fails in Python.
  private mutating func atom() -> MathExpr? {
    guard let token = current else { return nil }
    position += 1
    let value: MathExpr?
    switch token {
    case .number(let literal): value = LaTeXParser.number(fromDigits: Scalars(text: literal))
    case .open:
      value = sum()
      guard current == .close else { return nil }
      position += 1
    default: return nil
    }
    return current == .open ? nil : value
  }
}
