// Scanners for math-verify's plain-text answers: numbers like `1,000.5` or `25%`, and expressions like `3/4`.

/// A plain number or expression found in the text (math-verify's `ExprExtractionConfig`).
enum PlainMatch: Equatable {
  /// A number: its integer part (signs and separators included), decimal part, and percent flag.
  case number(integer: Scalars, decimal: Scalars, isPercent: Bool)
  /// An arithmetic expression such as `3/4` or `(1+2)*3`, to be read with Python syntax.
  case expression(Scalars)
}

/// math-verify's `number_with_anchors` and `expr_with_anchors` patterns, as scanners.
///
/// Both need an anchor before them: the start of the text, a whitespace character or `=`; then an
/// optional `**`. A number may carry one currency sign. An expression must contain an operator and be
/// followed by `.`, `,`, `:`, whitespace, `)`, `$` or the end.
enum PlainNumberPatterns {
  static let currency: Set<Unicode.Scalar> = Set("$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿".unicodeScalars)
  static let operators: Set<Unicode.Scalar> = Set("+-*×/^()÷".unicodeScalars)

  /// The positions where the pattern's body may start after the anchor at `index`, in regex priority order.
  static func bodyStarts(_ s: Scalars, at index: Int) -> [Int] {
    var anchors: [Int] = []
    if index == 0 { anchors.append(0) }
    if let scalar = s.at(index), scalar.isPythonSpace || scalar == "=" { anchors.append(index + 1) }
    return anchors.flatMap { s.hasLiteral("**", at: $0) ? [$0 + 2, $0] : [$0] }
  }

  /// `number_with_anchors` at `index`: the match end and the number.
  static func number(in s: Scalars, at index: Int) -> (end: Int, match: PlainMatch)? {
    numberCandidates(in: s, at: index, limit: 1).first
  }

  /// Every way `number_with_anchors` can match at `index`, in the regex engine's backtracking order
  /// (needed where a lookahead after the number rejects the first choice). At most `limit` are returned.
  static func numberCandidates(in s: Scalars, at index: Int, limit: Int = 64) -> [(end: Int, match: PlainMatch)] {
    var result: [(end: Int, match: PlainMatch)] = []
    for start in bodyStarts(s, at: index) {
      for body in (s.at(start).map(currency.contains) ?? false) ? [start + 1, start] : [start] {
        for (integer, decimal) in numberBodies(s, at: body) {
          let end = decimal?.upperBound ?? integer.upperBound
          let match = { (percent: Bool) in
            PlainMatch.number(integer: Array(s[integer]), decimal: decimal.map { Array(s[$0]) } ?? [], isPercent: percent)
          }
          if let percentEnd = percentSuffix(s, at: end) { result.append((percentEnd, match(true))) }
          result.append((end, match(false)))
          if result.count >= limit { return Array(result.prefix(limit)) }
        }
      }
    }
    return result
  }

  /// The (integer, decimal) spans of the number alternatives at `index`, in backtracking order:
  /// grouped thousands, decimal with `.` or `,`, `.5`, plain integer; longer digit runs first.
  static func numberBodies(_ s: Scalars, at index: Int) -> [(Range<Int>, Range<Int>?)] {
    guard !(s.at(index - 1)?.isPythonDigit ?? false) else { return [] }
    func digitsEnd(from k: Int) -> Int {
      var end = k
      while end < s.count && s[end].isPythonDigit { end += 1 }
      return end
    }
    /// `\.\d+` (or `[.,]\d+`) at `k`: the possible spans, longest first.
    func fractions(at k: Int, separators: Set<Unicode.Scalar>) -> [Range<Int>] {
      guard let separator = s.at(k), separators.contains(separator) else { return [] }
      let end = digitsEnd(from: k + 1)
      return end > k + 1 ? ((k + 2)...end).reversed().map { k..<$0 } : []
    }
    var bodies: [(Range<Int>, Range<Int>?)] = []
    let signEnd = s.at(index) == "-" ? index + 1 : index
    // 1) -?[1-9]\d{0,2}(?:[ ,]\d{3})+ (\.\d+)?
    if let first = s.at(signEnd), ("1"..."9").contains(first) {
      var k = signEnd + 1
      var leading = 0
      while leading < 2, s.at(k)?.isPythonDigit == true { k += 1; leading += 1 }
      var groupEnds: [Int] = []
      while let separator = s.at(k), separator == " " || separator == ",",
        (1...3).allSatisfy({ s.at(k + $0)?.isPythonDigit == true })
      {
        k += 4
        groupEnds.append(k)
      }
      for groupEnd in groupEnds.reversed() {
        for fraction in fractions(at: groupEnd, separators: ["."]) { bodies.append((index..<groupEnd, fraction)) }
        bodies.append((index..<groupEnd, nil))
      }
    }
    let integerEnd = digitsEnd(from: signEnd)
    if integerEnd > signEnd {
      // 2) -?\d+[.,]\d+
      for fraction in fractions(at: integerEnd, separators: [".", ","]) { bodies.append((index..<integerEnd, fraction)) }
    }
    // 3) \.\d+
    for fraction in fractions(at: index, separators: ["."]) { bodies.append((index..<index, fraction)) }
    // 4) -?\d+
    if integerEnd > signEnd {
      for end in ((signEnd + 1)...integerEnd).reversed() { bodies.append((index..<end, nil)) }
    }
    return bodies
  }

  /// `\s*(?:%|[Pp]ercent|\s*[Pp]ercentage|\s*[Pp]ct)`: the end of the suffix, or nil.
  static func percentSuffix(_ s: Scalars, at index: Int) -> Int? {
    let k = s.skippingSpaces(from: index)
    if s.at(k) == "%" { return k + 1 }
    for word in ["percent", "Percent", "pct", "Pct"] where s.hasLiteral(word, at: k) { return k + word.count }
    return nil
  }

  /// `expr_with_anchors` at `index`: `-?\(?-?\d[X]*[OP][X]+\)?` then `(\*\*)?` and a closing character.
  static func expression(in text: ScannedText, at index: Int) -> (end: Int, match: PlainMatch)? {
    expressionCandidates(in: text, at: index, limit: 1).first
  }

  /// Every way `expr_with_anchors` can match at `index`, in backtracking order, at most `limit`.
  static func expressionCandidates(in text: ScannedText, at index: Int, limit: Int = 64) -> [(end: Int, match: PlainMatch)] {
    let s = text.s
    var result: [(end: Int, match: PlainMatch)] = []
    for start in bodyStarts(s, at: index) {
      for (minus, parenthesis, innerMinus) in [(true, true, true), (true, true, false), (true, false, true), (true, false, false),
        (false, true, true), (false, true, false), (false, false, true), (false, false, false)]
      {
        var k = start
        if minus { guard s.at(k) == "-" else { continue }; k += 1 }
        if parenthesis { guard s.at(k) == "(" else { continue }; k += 1 }
        if innerMinus { guard s.at(k) == "-" else { continue }; k += 1 }
        guard s.at(k)?.isPythonDigit == true else { continue }
        for (end, expressionEnd) in expressionTails(text, digit: k, limit: limit - result.count) {
          result.append((end, .expression(Array(s[start..<expressionEnd]))))
        }
        if result.count >= limit { return result }
      }
    }
    return result
  }

  static func isExpressionCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isPythonDigit || scalar == "." || scalar.isPythonSpace || operators.contains(scalar)
  }

  /// The ways `X* OP X+ \)? (\*\*)? closer` can follow the leading digit, greedy choices first: the
  /// operator as late as possible, then `X+` as long as possible. Each is (match end, expression end).
  /// Only cuts where a closer can follow are visited, so the cost is O(log n + results).
  private static func expressionTails(_ text: ScannedText, digit: Int, limit: Int) -> [(Int, Int)] {
    guard limit > 0, digit + 1 <= text.s.count else { return [] }
    let runEnd = text.expressionRunEnd[digit + 1]
    guard let latestCutIndex = text.lastCutIndex(atMost: runEnd) else { return [] }
    var result: [(Int, Int)] = []
    let latestCut = text.expressionCuts[latestCutIndex]
    guard latestCut - 2 >= 0 else { return [] }
    var operatorIndex = text.previousOperator[min(latestCut - 2, text.s.count - 1)]
    while operatorIndex >= digit + 1 {
      var cutIndex = latestCutIndex
      while cutIndex >= 0, text.expressionCuts[cutIndex] >= operatorIndex + 2 {
        for tail in closingTails(text.s, at: text.expressionCuts[cutIndex]) {
          result.append((tail.end, tail.expressionEnd))
          if result.count >= limit { return result }
        }
        cutIndex -= 1
      }
      operatorIndex = operatorIndex > 0 ? text.previousOperator[operatorIndex - 1] : -1
    }
    return result
  }

  /// `\)?(\*\*)?(?:\.|,|:|\s|\)|\$|$)` at `index`: every way it matches, in backtracking order.
  static func closingTails(_ s: Scalars, at index: Int) -> [(expressionEnd: Int, end: Int)] {
    var tails: [(expressionEnd: Int, end: Int)] = []
    for takeParenthesis in [true, false] {
      var k = index
      if takeParenthesis { guard s.at(k) == ")" else { continue }; k += 1 }
      let expressionEnd = k
      for takeStars in [true, false] {
        var m = k
        if takeStars { guard s.hasLiteral("**", at: m) else { continue }; m += 2 }
        guard let closer = s.at(m) else {
          tails.append((expressionEnd, m))
          continue
        }
        if closer == "." || closer == "," || closer == ":" || closer.isPythonSpace || closer == ")" || closer == "$" {
          tails.append((expressionEnd, m + 1))
        }
      }
    }
    return tails
  }
}
