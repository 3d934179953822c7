// math-verify's anchored extraction patterns: "final answer is … I hope", "final answer … is …", "answer: …".

/// The extraction patterns that start at an anchor phrase (matched case-insensitively).
///
/// Each tries a LaTeX environment sequence and then a plain expression or number after the anchor, as
/// the original regexes do. Where a lookahead (`(?!\s*=)`) rejects a number, the regex engine backtracks
/// into shorter numbers (`answer 20=` yields 2); these scanners enumerate the first 16 expression and 16
/// number candidates in the same order.
enum AnchoredPatterns {
  typealias Match = AnswerExtraction.Match

  /// Priority 0: `(?i:final answer is)\:?\s*{answer}\.?\s?I hope`.
  static func finalAnswerIsIHope(_ text: ScannedText) -> [Match] {
    anchored(text, phrase: "final answer is") { text, after in
      let s = text.s
      let start = s.at(after) == ":" ? after + 1 : after
      let body = s.skippingSpaces(from: start)
      for candidate in latexCandidates(text, at: body, spacesFrom: start) + plainCandidates(text, at: body, spacesFrom: start) {
        if let end = iHope(s, after: candidate.0) { return (end, candidate.1) }
      }
      return nil
    }
  }

  /// Priority 50: `(?i:final answer.{0,100}?)\s+is\:?\s*{latex}` and `…\s+is\:?{expr_or_number}`.
  static func finalAnswerIs(_ text: ScannedText) -> [Match] {
    let latex = anchored(text, phrase: "final answer") { text, after in
      let s = text.s
      for distance in 0...100 {
        guard let colonEnd = isAfterSpaces(s, at: after + distance) else { continue }
        let body = s.skippingSpaces(from: colonEnd)
        if let found = latexCandidates(text, at: body, spacesFrom: colonEnd).first { return found }
      }
      return nil
    }
    let plain = anchored(text, phrase: "final answer") { text, after in
      let s = text.s
      for distance in 0...100 {
        guard let colonEnd = isAfterSpaces(s, at: after + distance) else { continue }
        if let found = plainCandidates(text, at: colonEnd, spacesFrom: colonEnd).first { return found }
      }
      return nil
    }
    return latex + plain
  }

  /// Priority 100 (`answer:`) or 200 (`answer`): the first LaTeX environment within 50 characters, or a
  /// number after the last `=` within 100 characters, or the first number within 50.
  static func answer(_ text: ScannedText, colon: Bool) -> [Match] {
    let phrase = colon ? "answer:" : "answer"
    let latex = anchored(text, phrase: phrase) { text, after in
      let s = text.s
      for distance in 0...50 where after + distance <= s.count {
        if let found = LaTeXEnvironments.sequence(in: text, at: after + distance, context: .plain) {
          return (found.end, .latex(found.groups))
        }
      }
      return nil
    }
    let plain = anchored(text, phrase: phrase) { text, after in
      let s = text.s
      let reach = lineLimit(s, from: after, maximum: 100)
      var distance = reach
      while distance >= 0 {
        if s.at(after + distance) == "=" {
          let next = after + distance + 1
          let body = s.skippingSpaces(from: next)
          for candidate in plainCandidates(text, at: body, spacesFrom: next) where !followedByEquals(s, candidate.0) {
            return candidate
          }
        }
        distance -= 1
      }
      for distance in 0...lineLimit(s, from: after, maximum: 50) {
        for candidate in plainCandidates(text, at: after + distance, spacesFrom: after + distance)
        where !followedByEquals(s, candidate.0) {
          return candidate
        }
      }
      return nil
    }
    return latex + plain
  }

  // MARK: - Helpers

  /// `re.finditer` over the case-insensitive occurrences of `phrase`, each continued by `rest`.
  private static func anchored(
    _ text: ScannedText, phrase: String, _ rest: (ScannedText, Int) -> (Int, AnswerExtraction.Payload)?
  ) -> [Match] {
    let s = text.s
    var matches: [Match] = []
    var index = 0
    let length = phrase.unicodeScalars.count
    while index + length <= s.count {
      if s.hasLiteralIgnoringCase(phrase, at: index), let (end, payload) = rest(text, index + length) {
        matches.append(Match(start: index, end: end, payload: payload))
        index = Swift.max(end, index + 1)
      } else {
        index += 1
      }
    }
    return matches
  }

  /// LaTeX sequences at `index`, or one character earlier when the `\s*` before it can give back a space.
  private static func latexCandidates(_ text: ScannedText, at index: Int, spacesFrom start: Int) -> [(Int, AnswerExtraction.Payload)] {
    var result: [(Int, AnswerExtraction.Payload)] = []
    for position in index > start ? [index, index - 1] : [index] {
      if let found = LaTeXEnvironments.sequence(in: text, at: position, context: .plain) {
        result.append((found.end, .latex(found.groups)))
      }
    }
    return result
  }

  /// `expr_or_number` at `index` (its anchor is `=` or a space, so a space may be given back).
  private static func plainCandidates(_ text: ScannedText, at index: Int, spacesFrom start: Int) -> [(Int, AnswerExtraction.Payload)] {
    var result: [(Int, AnswerExtraction.Payload)] = []
    for position in index > start ? [index, index - 1] : [index] {
      for found in PlainNumberPatterns.expressionCandidates(in: text, at: position, limit: 16) {
        result.append((found.end, .plain(found.match)))
      }
      for found in PlainNumberPatterns.numberCandidates(in: text.s, at: position, limit: 16) {
        result.append((found.end, .plain(found.match)))
      }
    }
    return result
  }

  /// `\s+is\:?` at `index`: the index after it.
  private static func isAfterSpaces(_ s: Scalars, at index: Int) -> Int? {
    guard s.at(index)?.isPythonSpace == true else { return nil }
    let word = s.skippingSpaces(from: index)
    guard s.hasLiteral("is", at: word) else { return nil }
    return s.at(word + 2) == ":" ? word + 3 : word + 2
  }

  /// `\.?\s?I hope` after `index`.
  private static func iHope(_ s: Scalars, after index: Int) -> Int? {
    for takeDot in [true, false] {
      var k = index
      if takeDot { guard s.at(k) == "." else { continue }; k += 1 }
      for takeSpace in [true, false] {
        var m = k
        if takeSpace { guard s.at(m)?.isPythonSpace == true else { continue }; m += 1 }
        if s.hasLiteral("I hope", at: m) { return m + 6 }
      }
    }
    return nil
  }

  /// `(?!\s*=)`.
  private static func followedByEquals(_ s: Scalars, _ index: Int) -> Bool {
    s.at(s.skippingSpaces(from: index)) == "="
  }

  /// How far `.{0,maximum}` reaches from `start` without crossing a newline.
  private static func lineLimit(_ s: Scalars, from start: Int, maximum: Int) -> Int {
    var distance = 0
    while distance < maximum && start + distance < s.count && s[start + distance] != "\n" { distance += 1 }
    return distance
  }
}
