// MAYE's `preprocess`: the last sentence that mentions `boxed`, then its degree/sqrt/unit rewrites.

/// MAYE's text preprocessing, applied to both the response and the dataset's `solution` before judging.
///
/// It mirrors `MathGenerationDataset.preprocess` in MAYE's `maye/datasets/math.py`:
/// 1. split the text into sentences at `.`, `!` or `?` when that character has no digit on either side
///    (the Python pattern `(?<!\d)[.!?](?!\d)`, so `3.5` stays whole);
/// 2. keep the last sentence (stripped) that contains the substring `boxed`, or `""` when none does;
/// 3. apply MAYE's literal rewrites, in MAYE's order (``rewrites``).
///
/// Because the solution goes through the same steps, a solution without `boxed` becomes `""`;
/// that is one of the quirks ``Judge/Mode/maye`` reproduces.
public enum MAYEPreprocessing {
  /// MAYE's `latex_main_body_rule_process` rewrites, applied in this order with Python's `str.replace`.
  ///
  /// Degree spellings become `\circ` *without* a caret, which math-verify cannot read
  /// (`30\text{degree}` → `30\circ`); that is why those spellings are judged wrong in MAYE.
  public static let rewrites: [(pattern: String, replacement: String)] = [
    ("\\text{circ}", "\\circ"), ("\\text{degree}", "\\circ"), ("\\{circ}", "\\circ"), ("\\{degree}", "\\circ"),
    ("\\textcirc", "\\circ"), ("\\textdegree", "\\circ"), ("\\text{circles}", "\\circ"), ("\\textcircles", "\\circ"),
    ("\\text{o}", "\\circ"), ("\\texto", "\\circ"), ("\\bigcirc", "\\circ"), ("\\bullet", "\\circ"),
    ("{sqrt}", "\\sqrt"), ("{radical}", "\\sqrt"), ("{°}", "\\circ"), ("\\,\\text{cm}", "cm"),
  ]

  /// The full preprocessing: the last `boxed` sentence with the rewrites applied.
  public static func preprocess(_ text: String) -> String {
    applyRewrites(to: Scalars(text: lastBoxedSentence(of: text))).string
  }

  /// Splits `text` at `.`, `!`, `?` not adjacent to a digit, like `re.split(r"(?<!\d)[.!?](?!\d)", text)`.
  public static func sentences(of text: String) -> [String] {
    let scalars = Scalars(text: text)
    var pieces: [String] = []
    var start = 0
    for index in scalars.indices where isSentenceEnd(scalars, at: index) {
      pieces.append(Array(scalars[start..<index]).string)
      start = index + 1
    }
    pieces.append(Array(scalars[start...]).string)
    return pieces
  }

  /// The last stripped sentence containing `boxed`, or `""` (MAYE's `extract_last_boxed_sentence`).
  public static func lastBoxedSentence(of text: String) -> String {
    var last = ""
    for sentence in sentences(of: text) {
      let cleaned = Scalars(text: sentence).strippingSpaces()
      if cleaned.containsLiteral("boxed") { last = cleaned.string }
    }
    return last
  }

  static func applyRewrites(to text: Scalars) -> Scalars {
    rewrites.reduce(text) { $0.replacingLiteral($1.pattern, with: $1.replacement) }
  }

  private static func isSentenceEnd(_ scalars: Scalars, at index: Int) -> Bool {
    let scalar = scalars[index]
    guard scalar == "." || scalar == "!" || scalar == "?" else { return false }
    if let previous = scalars.at(index - 1), previous.isPythonDigit { return false }
    if let next = scalars.at(index + 1), next.isPythonDigit { return false }
    return true
  }
}
