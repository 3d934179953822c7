// The Qwen2 pre-tokenizer split pattern, as a hand-written scanner over Unicode scalars.

/// Splits text into the pieces that Qwen2's pre-tokenizer regex matches.
///
/// The pattern, from every Qwen2 / Qwen2-VL `tokenizer.json`:
///
///     (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|
///     \s*[\r\n]+|\s+(?!\S)|\s+
///
/// `tokenizers` runs it with Oniguruma, leftmost-first, each match starting where the last one
/// ended. Some alternative matches at every position, so the matches tile the text and the
/// `Isolated` split behaviour keeps exactly them. The scanner tries the seven alternatives in
/// order, resolving the greedy quantifiers and the lookahead the way the backtracking engine
/// does (see `matchEnd(at:)`).
///
/// Character classes follow Oniguruma as built into `tokenizers` 0.23 (Unicode 16.0): `\p{L}`
/// and `\p{N}` are the general categories L* and N*, `\s` is the White_Space property, and the
/// case-insensitive `s` also matches U+017F (ſ, whose case fold is `s`). Swift's tables are
/// newer (Unicode 17 in Swift 6.3), so scalars assigned after 16.0 count as unassigned here,
/// which is how Oniguruma sees them. The tests check all 1,114,112 scalars against classes
/// exported from `tokenizers`.
struct Qwen2Split {
  /// The regex string this scanner implements, exactly as `tokenizer.json` stores it.
  static let pattern =
    #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

  /// The classes the pattern distinguishes.
  enum ScalarClass: UInt8 {
    case letter, number, whitespace, other
  }

  /// The class of one scalar, with Unicode pinned to Oniguruma's 16.0.
  static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
    let value = scalar.value
    if value < 0x80 { return asciiClasses[Int(value)] }
    let properties = scalar.properties
    if properties.isWhitespace { return .whitespace }
    let category: ScalarClass
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      category = .letter
    case .decimalNumber, .letterNumber, .otherNumber:
      category = .number
    default:
      return .other
    }
    guard let age = properties.age, age.major < 16 || (age.major == 16 && age.minor == 0) else {
      return .other
    }
    return category
  }

  private static let asciiClasses: [ScalarClass] = (0..<128).map { value in
    switch value {
    case 0x09...0x0D, 0x20: return .whitespace
    case 0x30...0x39: return .number
    case 0x41...0x5A, 0x61...0x7A: return .letter
    default: return .other
    }
  }

  /// The scalars being split and their classes.
  private let scalars: [UInt32]
  private let classes: [ScalarClass]

  /// Prepares `scalars` for splitting.
  init(_ scalars: [Unicode.Scalar]) {
    self.scalars = scalars.map(\.value)
    self.classes = scalars.map(Self.classify)
  }

  /// The pieces, as ranges of scalar indices that tile `0..<count`.
  func pieces() -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    while start < scalars.count {
      let end = matchEnd(at: start)
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  private func isLineBreak(_ index: Int) -> Bool {
    scalars[index] == 0x0A || scalars[index] == 0x0D
  }

  /// The lowercase ASCII letter a scalar folds to for `(?i:…)`, or 0.
  private func folded(_ index: Int) -> UInt32 {
    guard index < scalars.count else { return 0 }
    let value = scalars[index]
    if value == 0x17F { return 0x73 }  // ſ folds to s
    if (0x41...0x5A).contains(value) { return value + 0x20 }
    return value < 0x80 ? value : 0
  }

  /// The end of the match starting at `i` (always > `i`).
  private func matchEnd(at i: Int) -> Int {
    let n = scalars.count
    // 1. (?i:'s|'t|'re|'ve|'m|'ll|'d)
    if scalars[i] == 0x27 {
      switch folded(i + 1) {
      case 0x73, 0x74, 0x6D, 0x64: return i + 2  // s t m d
      case 0x72, 0x76: if folded(i + 2) == 0x65 { return i + 3 }  // re ve
      case 0x6C: if folded(i + 2) == 0x6C { return i + 3 }  // ll
      default: break
      }
    }
    // 2. [^\r\n\p{L}\p{N}]?\p{L}+ — the optional prefix is any non-letter, non-number scalar
    //    except CR/LF; \p{L}+ is greedy and nothing follows it, so it takes the whole run.
    var letters = -1
    if classes[i] == .letter {
      letters = i
    } else if classes[i] != .number, !isLineBreak(i), i + 1 < n, classes[i + 1] == .letter {
      letters = i + 1
    }
    if letters >= 0 {
      var end = letters + 1
      while end < n, classes[end] == .letter { end += 1 }
      return end
    }
    // 3. \p{N} — one scalar only, so digits are split one by one.
    if classes[i] == .number { return i + 1 }
    // 4. ' ?[^\s\p{L}\p{N}]+[\r\n]*' — only U+0020 may lead.
    var first = i
    if scalars[i] == 0x20, i + 1 < n, classes[i + 1] == .other { first = i + 1 }
    if classes[first] == .other {
      var end = first + 1
      while end < n, classes[end] == .other { end += 1 }
      while end < n, isLineBreak(end) { end += 1 }
      return end
    }
    // Here scalars[i] is whitespace: find the whole run and its last line break.
    var runEnd = i
    var lastLineBreak = -1
    while runEnd < n, classes[runEnd] == .whitespace {
      if isLineBreak(runEnd) { lastLineBreak = runEnd }
      runEnd += 1
    }
    // 5. \s*[\r\n]+ — \s* backs off until [\r\n]+ can match, which first happens at the last
    //    line break of the run; that break is followed by non-line-break whitespace or the end.
    if lastLineBreak >= 0 { return lastLineBreak + 1 }
    // 6. \s+(?!\S) — the run up to the end of the text, or all but its last scalar, so that
    //    the last space can lead the next word (" world").
    if runEnd == n { return n }
    if runEnd - i >= 2 { return runEnd - 1 }
    // 7. \s+ — a single whitespace scalar before non-whitespace.
    return runEnd
  }
}
