// Step 3 of the LaTeX normalization: trailing units are removed ("20 \text{ cm}" → "20", "20cm" → "20").

/// math-verify's unit handling: a trailing `\text{…}`/`\mbox{…}` (optionally `^d`), then up to two
/// trailing unit words from latex2sympy2_extended's list. A removal that would leave nothing is skipped.
enum UnitStripping {
  /// latex2sympy2_extended's unit words, in its order. `"integerpoint"` is two words in the original
  /// source joined by a missing comma; it is kept so the behaviour matches.
  static let units: [String] = [
    "integerpoint", "feet", "sue", "digit", "pound", "meal", "edge", "student", "children ticket", "multiple",
    "east", "degree", "mph", "kmph", "ft", "m square", " m east", "sq m", "deg", "mile", "q .", "monkey", "prime",
    "ratio", "profit of rs", "rd", "o", "gm", "p . m", "lb", "tile", "per", "dm", "lt", "gain", "ab", "way", "west",
    "a .", "b .", "c .", "d .", "e .", "f .", "g .", "h .", "t", "h", "no change", "men", "soldier", "pie", "bc",
    "excess", "st", "inches", "noon", "cent", "by", "gal", "kmh", "c", "acre", "rise", "a . m", "th", "π r 2", "sq",
    "mark", "l", "toy", "coin", "sq . m", "gallon", "° f", "profit", "minw", "yr", "women", "am", "pm", "hr",
    "cu cm", "square", "v â € ™", "are", "rupee", "rounds", "cubic", "cc", "mtr", "s", "ohm", "number", "kmph", "day",
    "hour", "minute", "min", "second", "man", "woman", "sec", "cube", "mt", "sq inch", "mp", "∏ cm ³", "hectare",
    "more", "sec", "unit", "cu . m", "cm 2", "rs .", "rs", "kg", "g", "month", "km", "m", "cm", "mm", "apple",
    "liter", "loss", "yard", "pure", "year", "increase", "decrease", "d", "less", "Surface", "litre", "pi sq m",
    "s .", "metre", "meter", "inch",
  ].map { $0 }

  static let unitScalars: [Scalars] = units.map { Scalars(text: $0) }

  static func strip(_ input: Scalars) -> Scalars {
    var text = input
    if let candidate = removingTrailingTextCommand(text)?.strippingSpaces(), !candidate.isEmpty, candidate != text {
      text = candidate
    }
    for _ in 0..<2 {
      if let candidate = removingTrailingUnitWord(text), !candidate.isEmpty, candidate != text { text = candidate }
    }
    return text
  }

  /// `(\\(?:text|mbox){.*?})(\^\d|\{\^\d\})?$` → "" (the leftmost such command reaching the end).
  static func removingTrailingTextCommand(_ text: Scalars) -> Scalars? {
    let end = text.last == "\n" ? text.count - 1 : text.count
    for start in text.indices where text.hasLiteral("\\text{", at: start) || text.hasLiteral("\\mbox{", at: start) {
      let contentStart = start + 6
      // Lazy `.*?`: the first `}` from which an optional `^d` / `{^d}` reaches the end.
      var close = contentStart
      while close < end && text[close] != "\n" {
        if text[close] == "}" {
          let after = close + 1
          if after + 2 == end && text[after] == "^" && text[after + 1].isPythonDigit { return Array(text[..<start]) }
          if after + 4 == end && text.hasLiteral("{^", at: after) && text[after + 2].isPythonDigit && text[after + 3] == "}" {
            return Array(text[..<start])
          }
          if after == end { return Array(text[..<start]) + (end < text.count ? ["\n"] : []) }
        }
        close += 1
      }
    }
    return nil
  }

  /// `(\d|\}|\s)\s*(?:UNIT)(?:s|es)?\s*$` → the first group: a unit word at the very end.
  static func removingTrailingUnitWord(_ text: Scalars) -> Scalars? {
    var end = text.count
    while end > 0 && text[end - 1].isPythonSpace { end -= 1 }
    var best: Int?
    for unitStart in Swift.max(0, end - 24)..<end where isUnitWord(text, from: unitStart, to: end) {
      // The unit follows `\s*` after a digit, `}` or whitespace; the leftmost such start wins.
      var runStart = unitStart
      while runStart > 0 && text[runStart - 1].isPythonSpace { runStart -= 1 }
      var start: Int?
      if runStart > 0, text[runStart - 1].isPythonDigit || text[runStart - 1] == "}" {
        start = runStart - 1
      } else if runStart < unitStart {
        start = runStart
      }
      if let start, start < (best ?? .max) { best = start }
    }
    guard let start = best else { return nil }
    return Array(text[...start])
  }

  /// Whether `text[from..<to]` is a unit word plus an optional `s`/`es`.
  private static func isUnitWord(_ text: Scalars, from start: Int, to end: Int) -> Bool {
    let length = end - start
    for unit in unitScalars where unit.count <= length {
      guard text.hasScalars(unit, at: start) else { continue }
      let rest = length - unit.count
      if rest == 0 { return true }
      if rest == 1 && text[start + unit.count] == "s" { return true }
      if rest == 2 && text.hasLiteral("es", at: start + unit.count) { return true }
    }
    return false
  }
}
