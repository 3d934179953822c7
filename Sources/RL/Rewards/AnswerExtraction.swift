// math-verify's `parse`: find candidate answers by priority, normalize and parse them, keep a string fallback.

/// One item of a parsed answer list: a parsed expression, or the string of the first match.
enum AnswerItem: Hashable, Sendable {
  /// A parsed expression (a sympy object in math-verify).
  case expression(MathExpr)
  /// The normalized string of the first match (math-verify's `fallback_mode="first_match"`).
  case text(String)
}

/// math-verify 0.9's `parse(text)` with its default configuration (LaTeX and plain-expression extraction).
///
/// Candidate matches come in priority groups, tried in order until one yields a parsed expression:
/// - 0: `final answer is … I hope`;
/// - 50: `final answer … is …`, LaTeX environments containing `\boxed{…}`, and a bare `\boxed{…}`;
/// - 100: `answer: …`; 200: `answer …` (the first LaTeX environment or number within 50 characters);
/// - 300: any LaTeX environment (`$…$`, `\[…\]`, `\frac{a}{b}`, …), plain expression or number.
/// Within a group the match ending last is tried first. The answer list is the parsed expression (if
/// any) followed by the normalized string of the first match found, as math-verify returns both.
struct AnswerExtraction {
  /// A candidate match and how to extract it.
  struct Match {
    var start: Int
    var end: Int
    var payload: Payload
  }

  enum Payload {
    case latex([LaTeXGroup])
    case plain(PlainMatch)
  }

  /// Texts longer than this are judged unparseable, bounding the scanners' work on junk
  /// (math-verify gives up after a 5-second timeout, returning an empty list).
  static let maximumLength = 16_384

  /// The parsed answer list for `text`.
  static func parse(_ text: String) -> [AnswerItem] {
    let s = Scalars(text: text)
    guard s.count <= maximumLength else { return [] }
    let scanned = ScannedText(s)
    var fallbacks: [String] = []
    for matches in priorityGroups(scanned) {
      // Python's stable `sorted(key=(end, -start), reverse=True)`: ends descending, then starts ascending.
      let ordered = matches().enumerated().sorted { a, b in
        if a.element.end != b.element.end { return a.element.end > b.element.end }
        if a.element.start != b.element.start { return a.element.start < b.element.start }
        return a.offset < b.offset
      }
      for (_, match) in ordered {
        // A number sympy cannot read (`-05`) raises inside math-verify's parse, which then returns [].
        guard let (expression, fallback) = extract(match.payload) else { return [] }
        if !fallback.isEmpty { fallbacks.append(fallback) }
        if let expression { return [.expression(expression)] + (fallbacks.first.map { [.text($0)] } ?? []) }
      }
    }
    return fallbacks.first.map { [.text($0)] } ?? []
  }

  /// The matches of each priority level, in level order, computed only when reached.
  static func priorityGroups(_ text: ScannedText) -> [() -> [Match]] {
    let s = text.s
    return [
      { AnchoredPatterns.finalAnswerIsIHope(text) },
      { AnchoredPatterns.finalAnswerIs(text) + boxedEnvironments(text) + bareBox(s) },
      { AnchoredPatterns.answer(text, colon: true) },
      { AnchoredPatterns.answer(text, colon: false) },
      {
        findAll(s) { LaTeXEnvironments.sequence(in: text, at: $0, context: .plain).map { ($0.end, .latex($0.groups)) } }
          + findAll(s) { PlainNumberPatterns.expression(in: text, at: $0).map { ($0.end, .plain($0.match)) } }
          + findAll(s) { PlainNumberPatterns.number(in: s, at: $0).map { ($0.end, .plain($0.match)) } }
      },
    ]
  }

  /// `re.finditer`: leftmost matches, each search resuming where the previous match ended.
  static func findAll(_ s: Scalars, _ matchAt: (Int) -> (Int, Payload)?) -> [Match] {
    var matches: [Match] = []
    var index = 0
    while index <= s.count {
      if let (end, payload) = matchAt(index) {
        matches.append(Match(start: index, end: end, payload: payload))
        index = Swift.max(end, index + 1)
      } else {
        index += 1
      }
    }
    return matches
  }

  /// LaTeX environments that contain `\boxed{…}`, possibly several joined by `and`/`or`/`,`.
  static func boxedEnvironments(_ text: ScannedText) -> [Match] {
    findAll(text.s) { LaTeXEnvironments.sequence(in: text, at: $0, context: .boxed).map { ($0.end, .latex($0.groups)) } }
  }

  /// `\\boxed{.+}` (DOTALL, greedy): from the first `\boxed{` to the last `}` after it.
  static func bareBox(_ s: Scalars) -> [Match] {
    guard let lastBrace = s.lastIndex(of: "}") else { return [] }
    var from = 0
    while let start = s.firstIndex(ofLiteral: "\\boxed{", from: from) {
      if lastBrace >= start + 8 {
        let group = LaTeXGroup(content: Array(s[start...lastBrace]), isBareBox: true, isPercent: false)
        return [Match(start: start, end: lastBrace + 1, payload: .latex([group]))]
      }
      from = start + 1
    }
    return []
  }

  /// A match's parsed expression (as its canonical text) and its fallback string.
  static func extract(_ payload: Payload) -> (MathExpr?, String)? {
    switch payload {
    case .latex(let groups):
      var expressions: [MathExpr?] = []
      var strings: [String] = []
      for group in groups {
        let normalized = LaTeXNormalization.normalize(group.content, boxed: group.isBareBox ? .last : .all)
        strings.append(normalized.string)
        let parsed = parseLaTeX(normalized)
        expressions.append(group.isPercent ? parsed.map { .percent($0) } : parsed)
      }
      guard let first = expressions.first else { return (nil, "") }
      if expressions.count > 1, expressions.allSatisfy({ $0 != nil }) {
        let elements = expressions.compactMap { $0 }.flatMap { expression -> [MathExpr] in
          if case .finiteSet(let items) = expression { return items }
          return [expression]
        }
        return (LaTeXParser.finiteSet(elements), strings.joined(separator: " and "))
      }
      return (first, strings[0])
    case .plain(.number(let integer, let decimal, let isPercent)):
      var digits = Array(integer.filter { $0 != "," && $0 != " " }.drop(while: { $0 == "0" }))
      if digits.isEmpty { digits = ["0"] }
      let text = digits + decimal.map { $0 == "," ? "." : $0 }
      guard let number = LaTeXParser.groupedNumber(integer: integer, decimal: decimal) else { return nil }
      return (isPercent ? .percent(number) : number, text.string)
    case .plain(.expression(let text)):
      let python = text.map { $0 == "\n" ? " " : $0 }.replacingLiteral("^", with: "**")
      return (PythonExpression.parse(python), text.string)
    }
  }

  /// latex2sympy on normalized LaTeX; on failure, math-verify retries with the part after the last `=`.
  static func parseLaTeX(_ latex: Scalars) -> MathExpr? {
    if let value = LaTeXParser.parse(latex) { return value }
    guard !latex.contains(","), !latex.contains(";") else { return nil }
    var parts: [Scalars] = [[]]
    for (index, scalar) in latex.enumerated() {
      let previous = latex.at(index - 1)
      if scalar == "=", previous != "\\", previous != "<", previous != "!", previous != ">" {
        parts.append([])
      } else {
        parts[parts.count - 1].append(scalar)
      }
    }
    guard parts.count > 2, let last = parts.last else { return nil }
    return LaTeXParser.parse(last)
  }
}
