// The accuracy judge: MAYE's `judge(prediction, solution)` (mode .maye) and the same judge with its quirks fixed.

/// Decides whether a response's final answer matches a dataset solution.
///
/// ``Mode/maye`` reproduces `MathGenerationDataset.judge` from MAYE's `maye/datasets/math.py`:
/// ``MAYEPreprocessing`` on both texts, then the OR of three parts (``Judgement``):
/// a math-verify-style equivalence (``MathVerify``) with the prediction passed as *gold*, MAYE's
/// ``AutoScoringJudge`` on the whole sentences, and the ``BoxedIntegerRule``.
///
/// ``Mode/default`` is the same pipeline with MAYE's quirks fixed (docs/rewards.md lists each with the
/// fixture cases it changes): no boxed-integer rule (`5^2` ≠ `5^3`); a solution without `boxed` is
/// used whole instead of becoming `""`; the prediction must contain a non-empty `\boxed{…}`;
/// `\boxed {…}` with a space is a box; degree spellings (`30°`, `30\text{degree}`) read as `30^\circ`;
/// a thin space between digit groups (`1\,000`) is a thousands separator.
///
/// ```swift
/// let judge = Judge(mode: .maye)
/// judge.isCorrect(prediction: "Thus the answer is \\boxed{20}.", solution: "\\boxed{20}")  // true
/// judge.evaluate(prediction: "\\boxed{5^2}", solution: "\\boxed{5^3}").verdict               // true (quirk)
/// Judge().isCorrect(prediction: "\\boxed{5^2}", solution: "\\boxed{5^3}")                    // false
/// ```
public struct Judge: Sendable, Hashable {
  /// Which judge to run.
  public enum Mode: String, Sendable, Hashable, CaseIterable {
    /// MAYE's judge, quirks included, so rewards match MAYE's code exactly.
    case maye
    /// MAYE's judge with its documented quirks fixed.
    case `default`
  }

  /// The mode this judge runs in.
  public var mode: Mode

  /// A judge in `mode` (``Mode/default`` unless stated).
  public init(mode: Mode = .default) { self.mode = mode }

  /// Whether `prediction` (a response) answers `solution` (the dataset row's `solution` field).
  public func isCorrect(prediction: String, solution: String) -> Bool {
    evaluate(prediction: prediction, solution: solution).verdict
  }

  /// The verdict with its parts and the preprocessed texts, for logging and tests.
  public func evaluate(prediction: String, solution: String) -> Judgement {
    let predicted = preprocess(prediction, isSolution: false)
    let expected = preprocess(solution, isSolution: true)
    let mathVerify = MathVerify.isEquivalent(gold: predicted, target: expected)
    let autoScoring = AutoScoringJudge.judge(prediction: predicted, answer: expected)
    switch mode {
    case .maye:
      let boxedInteger = BoxedIntegerRule.agrees(prediction: predicted, solution: expected)
      return Judgement(
        verdict: mathVerify || autoScoring || boxedInteger, mathVerify: mathVerify, autoScoringJudge: autoScoring,
        boxedIntegerRule: boxedInteger, preprocessedPrediction: predicted, preprocessedSolution: expected)
    case .default:
      let boxed = Self.hasNonEmptyBox(Scalars(text: predicted))
      return Judgement(
        verdict: boxed && (mathVerify || autoScoring), mathVerify: mathVerify, autoScoringJudge: autoScoring,
        boxedIntegerRule: false, preprocessedPrediction: predicted, preprocessedSolution: expected)
    }
  }

  /// This mode's preprocessing of a response (`isSolution == false`) or a solution.
  public func preprocess(_ text: String, isSolution: Bool) -> String {
    switch mode {
    case .maye:
      return MAYEPreprocessing.preprocess(text)
    case .default:
      let cleaned = Self.repairSpelling(Scalars(text: text))
      var sentence = Scalars(text: MAYEPreprocessing.lastBoxedSentence(of: cleaned.string))
      // A solution written without \boxed is the answer itself.
      if sentence.isEmpty && isSolution { sentence = cleaned.strippingSpaces() }
      return Self.degreesAsCarets(MAYEPreprocessing.applyRewrites(to: sentence)).string
    }
  }

  // MARK: - Default-mode fixes

  /// `\boxed {x}` → `\boxed{x}`, and `1\,000` → `1000` (a thin space between a digit and three digits).
  static func repairSpelling(_ text: Scalars) -> Scalars {
    LaTeXRewriting.substitute(text) { s, index in
      if s.hasLiteral("\\boxed", at: index), s.at(index + 6)?.isPythonSpace == true {
        let brace = s.skippingSpaces(from: index + 6)
        if s.at(brace) == "{" { return (brace + 1 - index, Scalars(text: "\\boxed{")) }
      }
      if s.hasLiteral("\\,", at: index), s.at(index - 1)?.isASCIIDigit == true,
        (2...4).allSatisfy({ s.at(index + $0)?.isASCIIDigit == true }), !(s.at(index + 5)?.isASCIIDigit ?? false)
      {
        return (2, [])
      }
      return nil
    }
  }

  /// `30\circ` and `30°` → `30^\circ`: MAYE's own rewrite drops the caret, which math-verify cannot read.
  static func degreesAsCarets(_ text: Scalars) -> Scalars {
    LaTeXRewriting.substitute(text) { s, index in
      let length = s.hasLiteral("\\circ", at: index) ? 5 : s[index] == "°" ? 1 : 0
      guard length > 0 else { return nil }
      var before = index - 1
      while before >= 0 && s[before].isPythonSpace { before -= 1 }
      if s.at(before) == "^" || (s.at(before) == "{" && s.at(before - 1) == "^") { return nil }
      return (length, Scalars(text: "^\\circ"))
    }
  }

  /// Whether some `\boxed{…}` closes and holds more than whitespace.
  static func hasNonEmptyBox(_ text: Scalars) -> Bool {
    var from = 0
    while let start = text.firstIndex(ofLiteral: "\\boxed{", from: from) {
      var depth = 1
      var index = start + 7
      while index < text.count && depth > 0 {
        if text[index] == "{" { depth += 1 } else if text[index] == "}" { depth -= 1 }
        index += 1
      }
      if depth == 0 && !Array(text[(start + 7)..<(index - 1)]).strippingSpaces().isEmpty { return true }
      from = start + 1
    }
    return false
  }
}

/// A judge's verdict with its three parts, as MAYE ORs them.
public struct Judgement: Sendable, Hashable {
  /// The final verdict.
  public var verdict: Bool
  /// math-verify-style equivalence of the preprocessed texts (prediction as gold, as MAYE passes them).
  public var mathVerify: Bool
  /// MAYE's `AutoScoringJudge` on the whole preprocessed sentences.
  public var autoScoringJudge: Bool
  /// MAYE's boxed-integer regex rule (always false in ``Judge/Mode/default``, which drops it).
  public var boxedIntegerRule: Bool
  /// The prediction after preprocessing.
  public var preprocessedPrediction: String
  /// The solution after preprocessing.
  public var preprocessedSolution: String
}

/// `judge(prediction, solution, mode:)`: whether the response's answer matches the solution.
public func judge(_ prediction: String, _ solution: String, mode: Judge.Mode = .default) -> Bool {
  Judge(mode: mode).isCorrect(prediction: prediction, solution: solution)
}

/// The math-verify-style part of the judge: `verify(parse(gold), parse(target))`.
public enum MathVerify {
  /// Whether math-verify 0.9 would find the answers in `gold` and `target` equivalent. MAYE passes the
  /// prediction as `gold`; the rules are not symmetric (assignments, relations against sets).
  public static func isEquivalent(gold: String, target: String) -> Bool {
    MathEquivalence.verify(gold: AnswerExtraction.parse(gold), target: AnswerExtraction.parse(target))
  }
}
