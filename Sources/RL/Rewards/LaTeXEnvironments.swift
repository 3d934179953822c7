// Scanners for math-verify's LaTeX-environment patterns: `$…$`, `$$…$$`, `\[…\]`, `\(…\)`, ` […] `, `\frac{a}{b}`.

/// One LaTeX environment found in the text, with the content math-verify hands to the normalizer.
struct LaTeXGroup: Equatable {
  /// The text inside the delimiters (or the whole `\boxed{…}` for the bare-box pattern).
  var content: Scalars
  /// Whether the group came from the bare `\boxed{.+}` pattern (normalized with ``LaTeXNormalization/BoxedMode/last``).
  var isBareBox: Bool
  /// Whether `%`, `percent` or `pct` followed the environment.
  var isPercent: Bool
}

/// math-verify's `make_latex_env_pattern`, written as deterministic scanners.
///
/// Each environment's content is lazy in the original regex and cannot run past its closing delimiter,
/// so the first closing delimiter ends it (or fails it, when a backslash escapes it). In the `boxed`
/// context the content must also contain `\boxed{` followed by at least one character and a `}`.
/// ``ScannedText`` supplies the next delimiter in O(1), so trying every start position stays linear.
enum LaTeXEnvironments {
  enum Context { case plain, boxed }

  enum Kind: CaseIterable { case displayDollar, displayBracket, inlineDollar, inlineParenthesis, inlineBracket, fraction }

  /// The environment of `kind` starting at `index`: its content range and the index after it.
  static func match(_ kind: Kind, in text: ScannedText, at index: Int, context: Context) -> (content: Range<Int>, end: Int)? {
    let s = text.s
    let contentStart: Int
    let close: Int
    let closeLength: Int
    switch kind {
    case .displayDollar, .displayBracket:
      // `$$…$$` and `\[…\]`: the content is anything but the closer; the first closer ends it unless a
      // backslash escapes it (then the match fails).
      let isDollar = kind == .displayDollar
      guard s.hasLiteral(isDollar ? "$$" : "\\[", at: index), s.at(index - 1) != "\\" else { return nil }
      contentStart = index + 2
      close = (isDollar ? text.nextDoubleDollar : text.nextBracketClose)[min(contentStart, s.count)]
      guard close < s.count, s.at(close - 1) != "\\" else { return nil }
      closeLength = 2
    case .inlineDollar:
      guard s.at(index) == "$", s.at(index - 1) != "\\", !(s.at(index - 1)?.isPythonDigit ?? false) else { return nil }
      contentStart = index + 1
      // Content is `\$` or any character but a newline or `$`: the first unescaped `$` closes.
      guard contentStart < s.count, s[contentStart] != "$" else { return nil }
      close = text.nextDollarOrNewline[contentStart]
      guard close < s.count, s[close] == "$" else { return nil }
      closeLength = 1
    case .inlineParenthesis:
      guard s.hasLiteral("\\(", at: index), s.at(index - 1) != "\\" else { return nil }
      contentStart = index + 2
      close = text.nextParenthesisCloseOrNewline[min(contentStart, s.count)]
      guard close < s.count, s[close] == "\\", s.at(close - 1) != "\\" else { return nil }
      closeLength = 2
    case .inlineBracket:
      guard s.at(index)?.isPythonSpace == true, s.at(index + 1) == "[" else { return nil }
      contentStart = index + 2
      close = text.nextBracketStop[min(contentStart, s.count)]
      guard close < s.count, s[close] == "]", s.at(close + 1)?.isPythonSpace == true else { return nil }
      closeLength = 2
    case .fraction:
      guard context == .plain else { return nil }
      return fraction(in: s, at: index)
    }
    // The lazy content needs at least one character.
    guard close > contentStart else { return nil }
    if context == .boxed && !text.containsBox(contentStart..<close) { return nil }
    return (contentStart..<close, close + closeLength)
  }

  /// `-?\\frac{NUM}{NUM}` with `NUM = -?\d+(?:[.,]\d+)?`.
  private static func fraction(in s: Scalars, at index: Int) -> (content: Range<Int>, end: Int)? {
    var k = index
    if s.at(k) == "-" { k += 1 }
    guard s.hasLiteral("\\frac{", at: k), let top = simpleNumber(s, at: k + 6), s.at(top) == "}", s.at(top + 1) == "{",
      let bottom = simpleNumber(s, at: top + 2), s.at(bottom) == "}"
    else { return nil }
    return (index..<(bottom + 1), bottom + 1)
  }

  private static func simpleNumber(_ s: Scalars, at index: Int) -> Int? {
    var k = index
    if s.at(k) == "-" { k += 1 }
    let digits = k
    while k < s.count && s[k].isPythonDigit { k += 1 }
    guard k > digits else { return nil }
    if let separator = s.at(k), separator == "." || separator == ",", s.at(k + 1)?.isPythonDigit == true {
      var end = k + 1
      while end < s.count && s[end].isPythonDigit { end += 1 }
      if s.at(end) == "}" { return end }
    }
    return k
  }

  /// An environment followed by `\s*` and an optional percent marker (`\%`, `%`, `percent`, `pct`).
  static func environmentWithPercent(in text: ScannedText, at index: Int, context: Context) -> (group: LaTeXGroup, end: Int)? {
    let s = text.s
    for kind in Kind.allCases {
      guard let found = match(kind, in: text, at: index, context: context) else { continue }
      let afterSpaces = s.skippingSpaces(from: found.end)
      let percent = percentLength(s, at: afterSpaces)
      let group = LaTeXGroup(content: Array(s[found.content]), isBareBox: false, isPercent: percent > 0)
      return (group, percent > 0 ? afterSpaces + percent : afterSpaces)
    }
    return nil
  }

  /// `\\?%|[Pp]ercent|[Pp]ercentage|[Pp]ct` (so `percentage` stops after `percent`).
  static func percentLength(_ s: Scalars, at index: Int) -> Int {
    if s.hasLiteral("\\%", at: index) { return 2 }
    if s.at(index) == "%" { return 1 }
    if s.hasLiteral("percent", at: index) || s.hasLiteral("Percent", at: index) { return 7 }
    if s.hasLiteral("pct", at: index) || s.hasLiteral("Pct", at: index) { return 3 }
    return 0
  }

  /// An environment plus up to five more joined by `and`, `or` or `,` (math-verify's `latex_envs_re`).
  static func sequence(in text: ScannedText, at index: Int, context: Context) -> (groups: [LaTeXGroup], end: Int)? {
    let s = text.s
    guard let first = environmentWithPercent(in: text, at: index, context: context) else { return nil }
    var groups = [first.group]
    var position = first.end
    for _ in 0..<5 {
      // The boxed pattern has an extra `\s*` before each optional group, consumed even when the group is absent.
      if context == .boxed { position = s.skippingSpaces(from: position) }
      guard let next = connected(in: text, at: position, context: context) else { break }
      groups.append(next.group)
      position = next.end
    }
    return (groups, position)
  }

  /// `\s*(?:,?and|,?or|,)\s*ENV`.
  private static func connected(in text: ScannedText, at index: Int, context: Context) -> (group: LaTeXGroup, end: Int)? {
    let s = text.s
    let start = s.skippingSpaces(from: index)
    for connector in [",and", "and", ",or", "or", ","] where s.hasLiteral(connector, at: start) {
      let afterConnector = start + connector.unicodeScalars.count
      let environmentStart = s.skippingSpaces(from: afterConnector)
      if let found = environmentWithPercent(in: text, at: environmentStart, context: context) { return found }
      // ` [x] ` needs its leading space: give one back from the greedy `\s*`.
      if environmentStart > afterConnector,
        let found = environmentWithPercent(in: text, at: environmentStart - 1, context: context)
      {
        return found
      }
    }
    return nil
  }
}
