// Reflection: MAYE's reflection analysis — 15 reflection words counted in responses, and the
// five ratios relating reflection to correctness (paper §4.3, Table 2).

/// Counts reflection words and computes the reflection ratios exactly as MAYE's recipe does.
public enum Reflection {
  /// MAYE's 15 reflection words, in MAYE's order.
  public static let words = [
    "re-check", "re-evaluate", "re-examine", "re-think", "recheck", "reevaluate", "reexamine", "reevaluation",
    "rethink", "check again", "think again", "try again", "verify", "wait", "yet",
  ]

  /// Occurrences of each word in `text`, lower-cased, counted as Python's `str.count` counts
  /// (non-overlapping, plain substrings — so "await" and "verifying" count, as in MAYE).
  public static func wordCounts(in text: String) -> [String: Int] {
    let haystack = Array(text.lowercased().utf8)
    var counts: [String: Int] = [:]
    for word in words {
      let needle = Array(word.utf8)
      var count = 0, i = 0
      // ASCII needles cannot match inside a multi-byte UTF-8 sequence, so bytes are safe here.
      while i + needle.count <= haystack.count {
        if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
          count += 1
          i += needle.count
        } else {
          i += 1
        }
      }
      if count > 0 { counts[word] = count }
    }
    return counts
  }

  /// Whether `text` contains any reflection word (MAYE's "reflective" response).
  public static func isReflective(_ text: String) -> Bool { !wordCounts(in: text).isEmpty }

  /// The ratios and word counts of a batch, with MAYE's metric names.
  public struct Analysis: Sendable, Equatable {
    /// `reflection_analysis/<ratio>` → value.
    public var ratios: [String: Double]
    /// `reflection_words/<word>` → occurrences (every word present, zeros included).
    public var wordCounts: [String: Int]
    /// The first reflective and correct response (MAYE logs it as an example), if any.
    public var reflectiveCorrectExample: String?
  }

  /// MAYE's five ratios for responses `texts` with their correctness. With several `ranks`, the
  /// texts are split into contiguous equal parts, the ratios computed per part and averaged (as
  /// MAYE averages per-GPU ratios), and the word counts summed. A ratio with an empty
  /// denominator is 0.
  public static func analyze(texts: [String], correct: [Bool], ranks: Int = 1) -> Analysis {
    let names = ["reflection_ratio", "reflection_ratio_in_correct_answers", "reflection_ratio_in_incorrect_answers",
                 "correct_ratio_in_reflection_texts", "correct_ratio_in_no_reflection_texts"]
    var sums = [Double](repeating: 0, count: names.count)
    var totals: [String: Int] = Dictionary(uniqueKeysWithValues: words.map { ("reflection_words/" + $0, 0) })
    var example: String?
    let parts = Swift.max(1, ranks)
    let size = (texts.count + parts - 1) / parts
    for rank in 0..<parts {
      let range = Swift.min(rank * size, texts.count)..<Swift.min((rank + 1) * size, texts.count)
      var n = 0, reflective = 0, right = 0, both = 0
      for i in range {
        let counts = wordCounts(in: texts[i])
        for (word, count) in counts { totals["reflection_words/" + word, default: 0] += count }
        let isReflective = !counts.isEmpty, isCorrect = correct[i]
        n += 1
        if isReflective { reflective += 1 }
        if isCorrect { right += 1 }
        if isReflective && isCorrect {
          both += 1
          if example == nil { example = texts[i] }
        }
      }
      func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
      let values = [ratio(reflective, n), ratio(both, right), ratio(reflective - both, n - right), ratio(both, reflective),
                    ratio(right - both, n - reflective)]
      for (index, value) in values.enumerated() { sums[index] += value }
    }
    let ratios = Dictionary(uniqueKeysWithValues: names.enumerated().map { ("reflection_analysis/" + $1, sums[$0] / Double(parts)) })
    return Analysis(ratios: ratios, wordCounts: totals, reflectiveCorrectExample: example)
  }
}
