// MAYE's regex fallback: the integer right after `\boxed{`, followed by `^` or the end, must be equal.

/// The third part of MAYE's judge: `re.search(r"\\boxed\{(\d*?)(?:\^|$)", text)` on both sides.
///
/// The digits directly after the first `\boxed{` that is followed by a digit run and then `^` or the end
/// of the text are compared as strings. Both sides must match. This is what makes `\boxed{5^2}` equal to
/// `\boxed{5^3}` in MAYE (same leading integer before `^`); ``Judge/Mode/default`` drops the rule.
public enum BoxedIntegerRule {
  /// The captured digit string of MAYE's pattern in `text`, or nil when the pattern does not match.
  public static func leadingInteger(in text: String) -> String? {
    let scalars = Scalars(text: text)
    var searchFrom = 0
    while let start = scalars.firstIndex(ofLiteral: "\\boxed{", from: searchFrom) {
      var end = start + 7
      while end < scalars.count && scalars[end].isPythonDigit { end += 1 }
      // Python's `$` without MULTILINE matches at the end or before a final newline.
      let atEnd = end == scalars.count || (end == scalars.count - 1 && scalars[end] == "\n")
      if atEnd || scalars[end] == "^" { return Array(scalars[(start + 7)..<end]).string }
      searchFrom = start + 1
    }
    return nil
  }

  /// Whether both preprocessed texts match the pattern with the same digit string.
  public static func agrees(prediction: String, solution: String) -> Bool {
    guard let predicted = leadingInteger(in: prediction), let expected = leadingInteger(in: solution) else {
      return false
    }
    return predicted == expected
  }
}
