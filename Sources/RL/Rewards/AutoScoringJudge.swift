// MAYE's `AutoScoringJudge` as MAYE calls it: on whole preprocessed sentences, not on boxed contents.

/// The second part of MAYE's judge, `AutoScoringJudge().judge(prediction:answer:)`, as it behaves in MAYE.
///
/// MAYE passes the whole preprocessed sentences and the scorer does not run its own boxed-content
/// extraction, so it compares sentences. What is reproduced, in the scorer's order:
/// 1. identical strings are equal;
/// 2. CJK runs (U+4E00–U+9FFF) are removed unless a side consists only of them (s-173);
/// 3. a side with exactly two `<` becomes the interval `(first, last)`;
/// 4. both sides are split at commas outside `()`/`[]` and each `\pm` item becomes a `+` and a `-` item;
/// 5. the item lists must have equal length and pair up greedily, an item pair being equal when the
///    strings are equal and non-empty, or when both parse as Python floats within 1e-2·1.01 of each
///    other (also after scaling the answer by 1/100 or 100).
///
/// The scorer's sympy branches (`expression_equal`, `equation_equal`, the element-wise interval check)
/// need sympy's LaTeX parser, which raised in the environment that produced the fixture; an exception
/// counts as "not equal" there, so those branches are omitted here. On whole sentences none of them
/// fires anyway (fixture README: true only for identical strings, possibly after CJK removal).
public enum AutoScoringJudge {
  /// MAYE's tolerance for numeric items (MM-Math's 1e-2, widened by the scorer's factor 1.01).
  public static let tolerance = 1e-2 * 1.01

  /// Whether the scorer judges `prediction` equal to `answer` (both already preprocessed by MAYE).
  public static func judge(prediction: String, answer: String) -> Bool {
    if prediction == answer { return true }
    var expected = withoutCJK(Scalars(text: answer))
    var predicted = withoutCJK(Scalars(text: prediction))
    if countLessThanSigns(expected) == 2 { expected = lessThanChainAsInterval(expected) }
    if countLessThanSigns(predicted) == 2 { predicted = lessThanChainAsInterval(predicted) }
    var expectedItems = expandingPlusMinus(splitAtTopLevelCommas(expected))
    var predictedItems = expandingPlusMinus(splitAtTopLevelCommas(predicted))
    guard expectedItems.count == predictedItems.count else { return false }
    var index = -1
    while !expectedItems.isEmpty {
      index = (index + 1) % expectedItems.count
      let item = expectedItems[index]
      guard let match = predictedItems.firstIndex(where: { itemsAreEqual(item, $0) }) else { return false }
      if let first = expectedItems.firstIndex(of: item) { expectedItems.remove(at: first) }
      predictedItems.remove(at: match)
    }
    return true
  }

  /// Drops CJK runs unless the whole text is one (the scorer's `re.fullmatch`/`re.sub` pair).
  static func withoutCJK(_ text: Scalars) -> Scalars {
    if !text.isEmpty && text.allSatisfy(\.isCJKUnifiedIdeograph) { return text }
    return text.filter { !$0.isCJKUnifiedIdeograph }
  }

  static func countLessThanSigns(_ text: Scalars) -> Int { text.reduce(0) { $0 + ($1 == "<" ? 1 : 0) } }

  /// `a < x < b` → `(a, b)`: the scorer keeps the first and the last `<`-separated parts.
  static func lessThanChainAsInterval(_ text: Scalars) -> Scalars {
    let parts = text.split(separator: "<", omittingEmptySubsequences: false)
    let first = parts.first.map(Array.init) ?? []
    let last = parts.last.map(Array.init) ?? []
    return Scalars(text: "(") + first + Scalars(text: ", ") + last + Scalars(text: ")")
  }

  /// Splits at commas outside brackets; each item is stripped, a trailing empty item is dropped.
  static func splitAtTopLevelCommas(_ text: Scalars) -> [String] {
    var depth = 0
    var items: [String] = []
    var start = 0
    for (index, scalar) in text.enumerated() {
      switch scalar {
      case "(", "[": depth += 1
      case ")", "]": depth -= 1
      case "," where depth == 0:
        items.append(Array(text[start..<index]).strippingSpaces().string)
        start = index + 1
      default: break
      }
    }
    if start < text.count { items.append(Array(text[start...]).strippingSpaces().string) }
    return items
  }

  static func expandingPlusMinus(_ items: [String]) -> [String] {
    items.flatMap { item -> [String] in
      let scalars = Scalars(text: item)
      guard scalars.containsLiteral("\\pm") else { return [item] }
      return [scalars.replacingLiteral("\\pm", with: "+").string, scalars.replacingLiteral("\\pm", with: "-").string]
    }
  }

  static func itemsAreEqual(_ expected: String, _ predicted: String) -> Bool {
    if expected == predicted && !expected.isEmpty { return true }
    guard let reference = pythonFloat(expected), let value = pythonFloat(predicted) else { return false }
    return [reference / 100, reference, reference * 100].contains { abs($0 - value) <= tolerance }
  }

  /// Python's `float(text)`: optional sign, decimal digits (underscores between digits), optional
  /// exponent, or `inf`/`infinity`/`nan`; surrounding whitespace allowed. Nil when Python would raise.
  static func pythonFloat(_ text: String) -> Double? {
    let scalars = Scalars(text: text).strippingSpaces()
    var index = 0
    var sign = 1.0
    if let first = scalars.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      index = 1
    }
    let rest = Array(scalars[index...]).string.lowercased()
    if rest == "inf" || rest == "infinity" { return sign * .infinity }
    if rest == "nan" { return .nan }
    var digits = ""
    var sawDigit = false
    var previousWasDigit = false
    var phase = 0  // 0 integer part, 1 fraction, 2 exponent
    var exponentHasDigit = false
    for scalar in scalars[index...] {
      switch scalar {
      case "0"..."9":
        digits.unicodeScalars.append(scalar)
        if phase == 2 { exponentHasDigit = true } else { sawDigit = true }
        previousWasDigit = true
      case "_":
        guard previousWasDigit else { return nil }
        previousWasDigit = false
      case ".":
        guard phase == 0, previousWasDigit || !sawDigit else { return nil }
        digits += "."
        phase = 1
        previousWasDigit = false
      case "e", "E":
        guard phase < 2, sawDigit, previousWasDigit || digits.hasSuffix(".") else { return nil }
        digits += "e"
        phase = 2
        previousWasDigit = false
      case "+", "-":
        guard phase == 2, digits.hasSuffix("e") else { return nil }
        digits.unicodeScalars.append(scalar)
      default:
        return nil
      }
    }
    guard sawDigit, phase != 2 || exponentHasDigit, previousWasDigit || digits.hasSuffix(".") else { return nil }
    return Double(digits).map { sign * $0 }
  }
}
