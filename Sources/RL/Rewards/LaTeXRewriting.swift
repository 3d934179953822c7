// Step 2 of the LaTeX normalization: math-verify's "basic LaTeX" clean-up, one left-to-right pass per rule group.

/// latex2sympy2_extended's basic-LaTeX normalization, written as scanners over the text.
///
/// Each group below is one `re.sub` of the original: at every position the alternatives are tried in
/// the original order, the first that matches is replaced, and scanning resumes after it.
enum LaTeXRewriting {
  static func basic(_ input: Scalars) -> Scalars {
    var text = input
    for (old, new) in [
      ("\\mathrm{T}", "T"), ("\\mathrm{d}", "d"), ("{\\rm d}", "d"),
      ("\\left[\\begin{matrix}", "\\begin{bmatrix}"), ("\\end{matrix}\\right]", "\\end{bmatrix}"),
    ] {
      text = text.replacingLiteral(old, with: new)
    }
    text = substitute(text) { stripDelimiterSize($0, $1, command: "left", delimiters: leftDelimiters) }
    text = substitute(text) { stripDelimiterSize($0, $1, command: "right", delimiters: rightDelimiters) }
    text = substitute(text, permutation)
    text = substitute(text, removable)
    text = substitute(text, replacement)
    text = text.map { $0 == "\n" || $0 == "\t" ? " " : $0 }
    if !text.containsLiteral("matrix") {
      text = substitute(text) { text, index in
        text.hasLiteral("\\\\", at: index) && (text.at(index + 2)?.isASCIILetter ?? false) ? (2, Scalars(text: "\\")) : nil
      }
    }
    return text
  }

  /// A rewrite rule at one position: the length it consumes and its replacement, or nil.
  typealias Rule = (Scalars, Int) -> (length: Int, replacement: Scalars)?

  /// `re.sub` with a hand-written rule: left to right, non-overlapping.
  static func substitute(_ text: Scalars, _ rule: Rule) -> Scalars {
    var result = Scalars()
    result.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if let (length, replacement) = rule(text, index), length > 0 {
        result.append(contentsOf: replacement)
        index += length
      } else {
        result.append(text[index])
        index += 1
      }
    }
    return result
  }

  static let leftDelimiters = [
    "\\{", "{", "\\|", "|", "[", "(", "\\rbracl", "\\lgroup", "\\lbrace", "\\lbrack", "\\vert", "\\lvert",
    "\\lceil", "\\lfloor", "\\langle", "\\llcorner", "\\ulcorner",
  ]
  static let rightDelimiters = [
    "\\}", "}", "\\|", "|", "]", ")", "\\rbrack", "\\rgroup", "\\rbrace", "\\vert", "\\rvert", "\\rceil",
    "\\rfloor", "\\rangle", "\\lrcorner", "\\urcorner",
  ]

  /// `\left(` → `(`, `\mleft\{` → `\{`, and the same for `\right`.
  static func stripDelimiterSize(_ text: Scalars, _ index: Int, command: String, delimiters: [String]) -> (Int, Scalars)? {
    var position = index
    guard text.at(position) == "\\" else { return nil }
    position += 1
    if text.at(position) == "m" && text.hasLiteral("m" + command, at: position) { position += 1 }
    guard text.hasLiteral(command, at: position) else { return nil }
    position += command.unicodeScalars.count
    for delimiter in delimiters where text.hasLiteral(delimiter, at: position) {
      return (position + delimiter.unicodeScalars.count - index, Scalars(text: delimiter))
    }
    return nil
  }

  /// `(n)_{k}` → `\frac{(n)!}{((n)-(k))!}`, the falling-factorial notation.
  static func permutation(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard text[index] == "(" else { return nil }
    func allowed(_ s: Unicode.Scalar) -> Bool {
      s.isASCIILetter || s.isASCIIDigit || "+-*/\\ ".unicodeScalars.contains(s)
    }
    var close = index + 1
    while close < text.count && allowed(text[close]) { close += 1 }
    guard close > index + 1, text.at(close) == ")", text.hasLiteral("_{", at: close + 1) else { return nil }
    var end = close + 3
    while end < text.count && allowed(text[end]) { end += 1 }
    guard end > close + 3, text.at(end) == "}" else { return nil }
    let n = Array(text[(index + 1)..<close]).string
    let k = Array(text[(close + 3)..<end]).string
    return (end + 1 - index, Scalars(text: "\\frac{(\(n))!}{((\(n))-(\(k)))!}"))
  }

  /// Deleted outright: `\mathrm{th}`, `\!` with its spaces, empty `\text{}`, `$`, `\$`, unescaped quotes, `\displaystyle`.
  static func removable(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    if text.hasLiteral("\\mathrm{th}", at: index) { return (11, []) }
    if text.hasLiteral("\\!", at: index) { return (text.skippingSpaces(from: index + 2) - index, []) }
    if text.hasLiteral("\\text", at: index) {
      var position = text.skippingSpaces(from: index + 5)
      if text.at(position) == "{" {
        position = text.skippingSpaces(from: position + 1)
        if text.at(position) == "}" { return (position + 1 - index, []) }
      }
    }
    if text.hasLiteral("\\$", at: index) { return (2, []) }
    if text[index] == "$" { return (1, []) }
    if text[index] == "\"" || text[index] == "'", text.at(index - 1) != "\\" { return (1, []) }
    if text.hasLiteral("\\displaystyle", at: index) { return (13, []) }
    return nil
  }

  /// The named replacements of `to_replace_patterns`, in their original order.
  static func replacement(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    func literal(_ old: String, _ new: String) -> (Int, Scalars)? {
      text.hasLiteral(old, at: index) ? (old.unicodeScalars.count, Scalars(text: new)) : nil
    }
    for suffix in ["rm", "it", "bf"] { if let hit = literal("\\math" + suffix, "\\text") { return hit } }
    for suffix in ["normal", "bf", "it", "rm"] { if let hit = literal("\\text" + suffix, "\\text") { return hit } }
    for prefix in ["d", "t", "c"] { if let hit = literal("\\" + prefix + "frac", "\\frac") { return hit } }
    if text[index].isPythonSpace && text.at(index + 1) == "." { return (2, Scalars(text: " 0.")) }
    if let hit = literal("{.", "{0.") ?? literal("~=", "\\approx") { return hit }
    if let hit = emptyBracedComma(text, index) { return hit }
    if let hit = andOrWord(text, index) ?? andOrText(text, index) { return hit }
    if text[index] == "\\", text.at(index - 1) != "\\", text.at(index + 1)?.isPythonSpace == true { return (2, [" "]) }
    if let hit = literal("infinity", "\\infty") { return hit }
    if let hit = literal(",\\ldots", " ") ?? literal("\\ldots", " ") { return hit }
    for (word, inText, new) in [("percentage", "\\text{percentage}", "%"), ("percent", "\\text{percent}", "%"), ("pct", "\\text{pct}", "%")] {
      if let hit = spacedWord(text, index, word) { return hit }
      if let hit = literal(inText, new) { return hit }
    }
    if text.hasLiteral("inf", at: index), text.at(index - 1) != "\\", !text.hasLiteral("infinity", at: index) {
      return (3, Scalars(text: "\\infty"))
    }
    return literal(" sqrt", "\\sqrt")
  }

  /// `\s*\{\s*,\s*\}` → `,`.
  private static func emptyBracedComma(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    var position = text.skippingSpaces(from: index)
    guard text.at(position) == "{" else { return nil }
    position = text.skippingSpaces(from: position + 1)
    guard text.at(position) == "," else { return nil }
    position = text.skippingSpaces(from: position + 1)
    guard text.at(position) == "}" else { return nil }
    return (position + 1 - index, [","])
  }

  /// `(?<![a-zA-Z])(,?\s*(?:and|or))(?![a-zA-Z])` → `,`.
  private static func andOrWord(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    guard !(text.at(index - 1)?.isASCIILetter ?? false) else { return nil }
    var position = index
    if text[position] == "," { position += 1 }
    position = text.skippingSpaces(from: position)
    for word in ["and", "or"] where text.hasLiteral(word, at: position) {
      let end = position + word.count
      if !(text.at(end)?.isASCIILetter ?? false) { return (end - index, [","]) }
    }
    return nil
  }

  /// `,?\s*\\text{\s*(?:and|or)\s*}` → `,`.
  private static func andOrText(_ text: Scalars, _ index: Int) -> (Int, Scalars)? {
    var position = index
    if text[position] == "," { position += 1 }
    position = text.skippingSpaces(from: position)
    guard text.hasLiteral("\\text{", at: position) else { return nil }
    position = text.skippingSpaces(from: position + 6)
    guard let word = ["and", "or"].first(where: { text.hasLiteral($0, at: position) }) else { return nil }
    position = text.skippingSpaces(from: position + word.count)
    guard text.at(position) == "}" else { return nil }
    return (position + 1 - index, [","])
  }

  /// `\s*\bWORD\b` → `\%`.
  private static func spacedWord(_ text: Scalars, _ index: Int, _ word: String) -> (Int, Scalars)? {
    let start = text.skippingSpaces(from: index)
    guard text.hasLiteral(word, at: start), !(text.at(start - 1)?.isWordCharacter ?? false) else { return nil }
    let end = start + word.count
    guard !(text.at(end)?.isWordCharacter ?? false) else { return nil }
    return (end - index, Scalars(text: "\\%"))
  }
}
