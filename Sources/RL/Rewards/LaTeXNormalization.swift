// math-verify's LaTeX normalization before parsing (latex2sympy2_extended `normalize_latex`, as configured by math-verify).

/// The normalization math-verify applies to an extracted LaTeX answer before parsing it.
///
/// math-verify 0.9 configures `basic_latex`, `units`, `malformed_operators` and `nits`, with
/// `boxed="all"` (or `"last"` for a bare `\boxed{...}` match). The steps, in order:
/// 1. replace `\boxed{…}`/`\fbox{…}` by their contents (``BoxedContent``);
/// 2. basic LaTeX: drop `\left`/`\right`, `$`, quotes, `\displaystyle`, `\!`; spell `\dfrac` as `\frac`,
///    `\mathrm` as `\text`, `{,}` as `,`, `and`/`or` as `,`, `percent` as `\%`, … (``LaTeXRewriting``);
/// 3. units: a trailing `\text{…}` (with an optional `^2`) and a trailing unit word are removed (``UnitStripping``);
/// 4. nits: a leading `.` gets a `0`, and exactly `0.5` becomes `\frac{1}{2}`;
/// 5. malformed operators: `\frac12` → `\frac{1}{2}`, `\sqrt2` → `\sqrt{2}`, `^(…)` → `^{…}`, `3/4` → `\frac{3}{4}`
///    (``OperatorRepair``).
enum LaTeXNormalization {
  /// Which `\boxed` contents survive step 1.
  enum BoxedMode {
    /// Every box, joined by commas.
    case all
    /// The last box, plus earlier ones close to it or separated by `and`/`or`/`,`/`;`.
    case last
  }

  /// The normalized form of `text`, ready for ``LaTeXParser``.
  static func normalize(_ text: Scalars, boxed: BoxedMode) -> Scalars {
    var result = BoxedContent.extract(from: text, mode: boxed)
    result = LaTeXRewriting.basic(result)
    result = UnitStripping.strip(result)
    if result.first == "." { result.insert("0", at: 0) }
    if result == Scalars(text: "0.5") { result = Scalars(text: "\\frac{1}{2}") }
    result = OperatorRepair.repair(result)
    return result.strippingSpaces()
  }
}

/// Step 1 of ``LaTeXNormalization``: the contents of `\boxed{…}` and `\fbox{…}`, searched from the right.
enum BoxedContent {
  /// latex2sympy2_extended's `extract_boxed_content`; returns `text` unchanged when it has no box.
  static func extract(from text: Scalars, mode: LaTeXNormalization.BoxedMode) -> Scalars {
    var results: [Scalars] = []
    var currentPosition = text.count
    var limit = text.count
    var lastBoxedStart: Int?
    while true {
      let boxed = lastOccurrence(of: "\\boxed", in: text, before: currentPosition)
      let fbox = lastOccurrence(of: "\\fbox", in: text, before: currentPosition)
      guard boxed != nil || fbox != nil else { break }
      let start = Swift.max(boxed ?? -1, fbox ?? -1)
      var next = start + ((boxed ?? -1) > (fbox ?? -1) ? 6 : 5)
      while next < limit && text[next].isPythonSpace { next += 1 }
      guard next < limit else { break }
      guard text[next] == "{" else {
        if results.isEmpty { results.append(Array(text[next...])) }
        break
      }
      guard let close = closingBrace(in: text, opening: next, limit: limit) else {
        if results.isEmpty { results.append(Array(text[next...])) }
        break
      }
      let content = Array(text[(next + 1)..<close]).strippingSpaces()
      if mode == .last, let laterStart = lastBoxedStart,
        !shouldJoin(text, content: content, later: results.last ?? [], end: close, laterStart: laterStart)
      {
        break
      }
      if results.last != content { results.append(content) }
      lastBoxedStart = start
      limit = start
      currentPosition = start
    }
    guard !results.isEmpty else { return text }
    return Array(results.reversed().joined(separator: [","]))
  }

  private static func lastOccurrence(of literal: String, in text: Scalars, before end: Int) -> Int? {
    let length = literal.unicodeScalars.count
    var index = end - length
    while index >= 0 {
      if text.hasLiteral(literal, at: index) { return index }
      index -= 1
    }
    return nil
  }

  private static func closingBrace(in text: Scalars, opening: Int, limit: Int) -> Int? {
    var depth = 1
    var index = opening
    while index + 1 < limit {
      index += 1
      if text[index] == "{" { depth += 1 } else if text[index] == "}" {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    return nil
  }

  /// Whether an earlier box is kept with a later one in `.last` mode: close together, or separated by a
  /// listing word or punctuation and holding something else.
  private static func shouldJoin(_ text: Scalars, content: Scalars, later: Scalars, end: Int, laterStart: Int) -> Bool {
    let between = end + 1 < laterStart ? Array(text[(end + 1)..<laterStart]) : []
    if between.count < 10 { return true }
    return later != content && between.count < 70 && hasListSeparator(between)
  }

  /// `\b(and|or)\b|,|;`.
  private static func hasListSeparator(_ text: Scalars) -> Bool {
    if text.contains(",") || text.contains(";") { return true }
    for word in ["and", "or"] {
      var index = 0
      while let found = text.firstIndex(ofLiteral: word, from: index) {
        let end = found + word.count
        let before = text.at(found - 1).map(\.isWordCharacter) ?? false
        let after = text.at(end).map(\.isWordCharacter) ?? false
        if !before && !after { return true }
        index = found + 1
      }
    }
    return false
  }
}

extension Unicode.Scalar {
  /// Python's `\w`: letters, digits and underscore (Unicode-aware).
  var isWordCharacter: Bool {
    self == "_" || properties.isAlphabetic || properties.numericType != nil
  }
}
