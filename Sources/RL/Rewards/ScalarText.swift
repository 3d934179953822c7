// Unicode-scalar text helpers: the judge indexes text by scalars, as Python indexes `str` by code points.

/// Text as an array of Unicode scalars, the unit Python's `str` and `re` work in.
typealias Scalars = [Unicode.Scalar]

extension Unicode.Scalar {
  /// Python's `\d` for `str` patterns: any Unicode decimal digit (category Nd).
  var isPythonDigit: Bool { properties.numericType == .decimal }

  /// Python's `\s` / `str.isspace()`: ASCII whitespace, the separators U+001C–U+001F and Unicode White_Space.
  var isPythonSpace: Bool {
    switch value {
    case 0x09...0x0D, 0x1C...0x1F, 0x20: return true
    default: return value > 0x7F && properties.isWhitespace
    }
  }

  /// ASCII letter `[a-zA-Z]`.
  var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }

  /// ASCII digit `[0-9]`.
  var isASCIIDigit: Bool { (0x30...0x39).contains(value) }

  /// A CJK Unified Ideograph in the basic block U+4E00–U+9FFF, the range MAYE counts.
  var isCJKUnifiedIdeograph: Bool { (0x4E00...0x9FFF).contains(value) }
}

extension Array where Element == Unicode.Scalar {
  /// The scalars of `text`.
  init(text: String) { self = Array(text.unicodeScalars) }

  /// The scalars as a `String`.
  var string: String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: self)
    return String(view)
  }

  /// The scalar at `index`, or nil past either end (lookahead/lookbehind without bounds checks).
  func at(_ index: Int) -> Unicode.Scalar? { index >= 0 && index < count ? self[index] : nil }

  /// Whether `literal` occurs at `index`.
  func hasLiteral(_ literal: String, at index: Int) -> Bool {
    guard index >= 0 else { return false }
    var position = index
    for scalar in literal.unicodeScalars {
      guard position < count, self[position] == scalar else { return false }
      position += 1
    }
    return true
  }

  /// Whether the scalars `literal` occur at `index`.
  func hasScalars(_ literal: Scalars, at index: Int) -> Bool {
    guard index >= 0, index + literal.count <= count else { return false }
    for offset in literal.indices where self[index + offset] != literal[offset] { return false }
    return true
  }

  /// Whether `literal` occurs at `index`, comparing ASCII letters case-insensitively (Python's `(?i:...)`).
  func hasLiteralIgnoringCase(_ literal: String, at index: Int) -> Bool {
    guard index >= 0 else { return false }
    var position = index
    for scalar in literal.unicodeScalars {
      guard position < count, self[position].asciiLowercased == scalar.asciiLowercased else { return false }
      position += 1
    }
    return true
  }

  /// The first index ≥ `start` where `literal` occurs.
  func firstIndex(ofLiteral literal: String, from start: Int = 0) -> Int? {
    guard let first = literal.unicodeScalars.first else { return nil }
    var index = Swift.max(start, 0)
    while index < count {
      if self[index] == first && hasLiteral(literal, at: index) { return index }
      index += 1
    }
    return nil
  }

  /// Whether `literal` occurs anywhere.
  func containsLiteral(_ literal: String) -> Bool { firstIndex(ofLiteral: literal) != nil }

  /// The index after a run of Python whitespace starting at `index`.
  func skippingSpaces(from index: Int) -> Int {
    var position = index
    while position < count && self[position].isPythonSpace { position += 1 }
    return position
  }

  /// Python's `str.strip()`: drops leading and trailing Python whitespace.
  func strippingSpaces() -> Scalars {
    var low = 0
    var high = count
    while low < high && self[low].isPythonSpace { low += 1 }
    while high > low && self[high - 1].isPythonSpace { high -= 1 }
    return Array(self[low..<high])
  }

  /// Python's `str.replace(old, new)`: every non-overlapping occurrence, left to right.
  func replacingLiteral(_ old: String, with new: String) -> Scalars {
    let oldScalars = Scalars(text: old)
    guard !oldScalars.isEmpty, count >= oldScalars.count else { return self }
    let newScalars = Scalars(text: new)
    var result = Scalars()
    result.reserveCapacity(count)
    var index = 0
    while index < count {
      if self[index] == oldScalars[0] && hasLiteral(old, at: index) {
        result.append(contentsOf: newScalars)
        index += oldScalars.count
      } else {
        result.append(self[index])
        index += 1
      }
    }
    return result
  }
}

extension Unicode.Scalar {
  /// The scalar with ASCII upper-case letters mapped to lower case.
  var asciiLowercased: Unicode.Scalar {
    (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 32) ?? self : self
  }
}
