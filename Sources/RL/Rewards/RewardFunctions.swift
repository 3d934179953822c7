// MAYE's per-response reward functions: accuracy, format and language, as float32 values.

/// The values MAYE adds into a response's score (`maye/rlhf/rewards.py` and `maye/datasets/math.py`).
///
/// Each returns the `Float` (float32) MAYE stores in its reward tensors.
public enum RewardFunctions {
  /// `accuracy_reward`: 1 when the judge accepts the response's final answer, else 0.
  public static func accuracyReward(response: String, solution: String, mode: Judge.Mode = .default) -> Float {
    Judge(mode: mode).isCorrect(prediction: response, solution: solution) ? 1 : 0
  }

  /// `format_reward`: 1 when `pattern` matches exactly once, else 0.
  ///
  /// MAYE's rule is `len(re.findall(r"<think>.*?</think>", text, re.DOTALL)) == 1`; it is the default.
  public static func formatReward(response: String, pattern: FormatPattern = .think) -> Float {
    pattern.matchCount(in: response) == 1 ? 1 : 0
  }

  /// `language_reward`: −0.1 × (CJK Unified Ideographs U+4E00–U+9FFF) / (Unicode scalars), as float32.
  ///
  /// Counts scalars like Python's `len(str)` (not grapheme clusters), and kana or hangul are not
  /// counted. MAYE computes in float64 and stores float32; an empty response scores 0.
  public static func languageReward(response: String) -> Float {
    var total = 0
    var ideographs = 0
    for scalar in response.unicodeScalars {
      total += 1
      if scalar.isCJKUnifiedIdeograph { ideographs += 1 }
    }
    guard total > 0 else { return 0 }
    return Float(-0.1 * Double(ideographs) / Double(total))
  }
}

/// What the format reward looks for: an opening and a closing marker with anything between.
public struct FormatPattern: Sendable, Hashable {
  /// The opening marker, e.g. `<think>`.
  public var open: String
  /// The closing marker, e.g. `</think>`.
  public var close: String

  /// A pattern `open.*?close` matched across lines.
  public init(open: String, close: String) {
    self.open = open
    self.close = close
  }

  /// MAYE's `<think>.*?</think>`.
  public static let think = FormatPattern(open: "<think>", close: "</think>")

  /// The number of non-overlapping matches of `open.*?close` (DOTALL), as `re.findall` counts them.
  public func matchCount(in text: String) -> Int {
    let scalars = Scalars(text: text)
    let openLength = open.unicodeScalars.count
    let closeLength = close.unicodeScalars.count
    guard openLength > 0 || closeLength > 0 else { return scalars.count + 1 }
    var count = 0
    var index = 0
    while index <= scalars.count, let start = openLength == 0 ? index : scalars.firstIndex(ofLiteral: open, from: index) {
      let searchFrom = start + openLength
      guard let end = closeLength == 0 ? searchFrom : scalars.firstIndex(ofLiteral: close, from: searchFrom) else { break }
      count += 1
      // An empty match advances by one, as Python's finditer does.
      index = end + closeLength > start ? end + closeLength : start + 1
    }
    return count
  }
}
