// A text prepared for the extraction scanners: next-occurrence tables that keep every scan linear.

/// The text the extraction patterns run over, with lookup tables built once per text.
///
/// math-verify's regexes are applied at every start position; scanning forward from each start would
/// make junk input quadratic (a response can be 2048 tokens without a sentence break). Each table holds,
/// for every index, the next position where a scan from there must stop, so one scan costs O(1).
final class ScannedText {
  /// The text as Unicode scalars.
  let s: Scalars

  init(_ scalars: Scalars) { s = scalars }

  /// For each index i, the first p ≥ i satisfying `stop` (or `s.count`).
  private func nextTable(_ stop: (Int) -> Bool) -> [Int] {
    var table = Array(repeating: s.count, count: s.count + 1)
    var index = s.count - 1
    while index >= 0 {
      table[index] = stop(index) ? index : table[index + 1]
      index -= 1
    }
    return table
  }

  /// `$$`.
  lazy var nextDoubleDollar = nextTable { self.s[$0] == "$" && self.s.at($0 + 1) == "$" }
  /// `\]`.
  lazy var nextBracketClose = nextTable { self.s[$0] == "\\" && self.s.at($0 + 1) == "]" }
  /// A newline, or a `$` not escaped by a backslash.
  lazy var nextDollarOrNewline = nextTable {
    self.s[$0] == "\n" || (self.s[$0] == "$" && self.s.at($0 - 1) != "\\")
  }
  /// A newline, or `\)`.
  lazy var nextParenthesisCloseOrNewline = nextTable {
    self.s[$0] == "\n" || (self.s[$0] == "\\" && self.s.at($0 + 1) == ")")
  }
  /// A newline, `[` or `]`.
  lazy var nextBracketStop = nextTable { self.s[$0] == "\n" || self.s[$0] == "[" || self.s[$0] == "]" }
  /// `\boxed{`.
  lazy var nextBoxedOpen = nextTable { self.s[$0] == "\\" && self.s.hasLiteral("\\boxed{", at: $0) }
  /// `}`.
  lazy var nextClosingBrace = nextTable { self.s[$0] == "}" }

  /// For each index i, the end of the run of expression characters starting at i.
  lazy var expressionRunEnd: [Int] = {
    var table = Array(repeating: s.count, count: s.count + 1)
    var index = s.count - 1
    while index >= 0 {
      table[index] = PlainNumberPatterns.isExpressionCharacter(s[index]) ? table[index + 1] : index
      index -= 1
    }
    return table
  }()

  /// For each index i, the last operator position ≤ i (or -1).
  lazy var previousOperator: [Int] = {
    var table = Array(repeating: -1, count: s.count)
    var last = -1
    for index in s.indices {
      if PlainNumberPatterns.operators.contains(s[index]) { last = index }
      table[index] = last
    }
    return table
  }()

  /// Positions where an expression may end (`\)?(\*\*)?` then `.`, `,`, `:`, space, `)`, `$` or the end), ascending.
  lazy var expressionCuts: [Int] = (0...s.count).filter { !PlainNumberPatterns.closingTails(s, at: $0).isEmpty }

  /// The largest element of `expressionCuts` that is ≤ `limit`, as an index into it.
  func lastCutIndex(atMost limit: Int) -> Int? {
    var low = 0
    var high = expressionCuts.count
    while low < high {
      let middle = (low + high) / 2
      if expressionCuts[middle] <= limit { low = middle + 1 } else { high = middle }
    }
    return low > 0 ? low - 1 : nil
  }

  /// Whether `s[range]` contains `\boxed{`, at least one character, then `}`.
  func containsBox(_ range: Range<Int>) -> Bool {
    guard range.lowerBound <= s.count else { return false }
    let open = nextBoxedOpen[range.lowerBound]
    guard open + 8 < range.upperBound else { return false }
    return nextClosingBrace[open + 8] < range.upperBound
  }
}
