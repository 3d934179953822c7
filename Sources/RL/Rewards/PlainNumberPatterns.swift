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
    for start in bodyStarts(s, at: index) {
      for body in (s.at(start).map(currency.contains) ?? false) ? [start + 1, start] : [start] {
        if let found = numberBody(s, at: body) { return found }
      }
    }
    return nil
  }

  /// The number alternatives: grouped thousands, decimal with `.` or `,`, `.5`, plain integer.
  static func numberBody(_ s: Scalars, at index: Int) -> (end: Int, match: PlainMatch)? {
    guard !(s.at(index - 1)?.isPythonDigit ?? false) else { return nil }
    func digits(from k: Int) -> Int {
      var end = k
      while end < s.count && s[end].isPythonDigit { end += 1 }
      return end
    }
    let signEnd = s.at(index) == "-" ? index + 1 : index
    var integerEnd: Int?
    var decimal: Range<Int>?
    // 1) -?[1-9]\d{0,2}(?:[ ,]\d{3})+ (\.\d+)?
    if let first = s.at(signEnd), ("1"..."9").contains(first) {
      var k = signEnd + 1
      var leading = 0
      while leading < 2, s.at(k)?.isPythonDigit == true { k += 1; leading += 1 }
      var groups = 0
      while let separator = s.at(k), separator == " " || separator == ",",
        (1...3).allSatisfy({ s.at(k + $0)?.isPythonDigit == true })
      {
        k += 4
        groups += 1
      }
      if groups > 0 {
        integerEnd = k
        if s.at(k) == ".", s.at(k + 1)?.isPythonDigit == true { decimal = k..<digits(from: k + 1) }
      }
    }
    // 2) -?\d+[.,]\d+   4) -?\d+
    if integerEnd == nil {
      let end = digits(from: signEnd)
      if end > signEnd {
        integerEnd = end
        if let separator = s.at(end), separator == "." || separator == ",", s.at(end + 1)?.isPythonDigit == true {
          decimal = end..<digits(from: end + 1)
        }
      }
    }
    // 3) \.\d+
    if integerEnd == nil, s.at(index) == ".", s.at(index + 1)?.isPythonDigit == true {
      let end = digits(from: index + 1)
      let percent = percentSuffix(s, at: end)
      return (percent ?? end, .number(integer: [], decimal: Array(s[index..<end]), isPercent: percent != nil))
    }
    guard let integerEnd else { return nil }
    let end = decimal?.upperBound ?? integerEnd
    let percent = percentSuffix(s, at: end)
    return (
      percent ?? end,
      .number(integer: Array(s[index..<integerEnd]), decimal: decimal.map { Array(s[$0]) } ?? [], isPercent: percent != nil)
    )
  }

  /// `\s*(?:%|[Pp]ercent|\s*[Pp]ercentage|\s*[Pp]ct)`: the end of the suffix, or nil.
  static func percentSuffix(_ s: Scalars, at index: Int) -> Int? {
    let k = s.skippingSpaces(from: index)
    if s.at(k) == "%" { return k + 1 }
    for word in ["percent", "Percent", "pct", "Pct"] where s.hasLiteral(word, at: k) { return k + word.count }
    return nil
  }

  /// `expr_with_anchors` at `index`: `-?\(?-?\d[X]*[OP][X]+\)?` then `(\*\*)?` and a closing character.
  static func expression(in s: Scalars, at index: Int) -> (end: Int, match: PlainMatch)? {
    for start in bodyStarts(s, at: index) {
      for (minus, parenthesis, innerMinus) in [(true, true, true), (true, true, false), (true, false, true), (true, false, false),
        (false, true, true), (false, true, false), (false, false, true), (false, false, false)]
      {
        var k = start
        if minus { guard s.at(k) == "-" else { continue }; k += 1 }
        if parenthesis { guard s.at(k) == "(" else { continue }; k += 1 }
        if innerMinus { guard s.at(k) == "-" else { continue }; k += 1 }
        guard s.at(k)?.isPythonDigit == true else { continue }
        if let found = expressionTail(s, bodyStart: start, digit: k) { return found }
      }
    }
    return nil
  }

  private static func isExpressionCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isPythonDigit || scalar == "." || scalar.isPythonSpace || operators.contains(scalar)
  }

  /// Finds the greedy-first split `X* OP X+` after the leading digit, then the optional `)`, `**` and closer.
  private static func expressionTail(_ s: Scalars, bodyStart: Int, digit: Int) -> (end: Int, match: PlainMatch)? {
    var runEnd = digit + 1
    while runEnd < s.count && isExpressionCharacter(s[runEnd]) { runEnd += 1 }
    // The largest cut k (end of X+) whose tail matches; X* is greedy, so the operator is the last one before k-1.
    var cut = runEnd
    while cut >= digit + 3 {
      if let tail = closingTail(s, at: cut) {
        var operatorIndex = cut - 2
        while operatorIndex >= digit + 1 && !operators.contains(s[operatorIndex]) { operatorIndex -= 1 }
        if operatorIndex >= digit + 1 {
          return (tail.end, .expression(Array(s[bodyStart..<tail.expressionEnd])))
        }
      }
      cut -= 1
    }
    return nil
  }

  /// `\)?(\*\*)?(?:\.|,|:|\s|\)|\$|$)` at `index`.
  private static func closingTail(_ s: Scalars, at index: Int) -> (expressionEnd: Int, end: Int)? {
    for takeParenthesis in [true, false] {
      var k = index
      if takeParenthesis { guard s.at(k) == ")" else { continue }; k += 1 }
      let expressionEnd = k
      for takeStars in [true, false] {
        var m = k
        if takeStars { guard s.hasLiteral("**", at: m) else { continue }; m += 2 }
        guard let closer = s.at(m) else { return (expressionEnd, m) }
        if closer == "." || closer == "," || closer == ":" || closer.isPythonSpace || closer == ")" || closer == "$" {
          return (expressionEnd, m + 1)
        }
      }
    }
    return nil
  }
}
