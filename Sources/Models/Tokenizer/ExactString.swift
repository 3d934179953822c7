// A string key compared by its exact bytes, as tokenizers compares token strings.

/// A string that is equal only to the same sequence of scalars.
///
/// Swift's `String ==` and `String` hashing follow canonical equivalence, so `"é"` (U+00E9) and
/// `"e\u{301}"` are the same dictionary key; in `tokenizers` they are different tokens. Every
/// token table is keyed by `ExactString` for that reason.
struct ExactString: Hashable, Sendable, ExpressibleByStringLiteral {
  /// The string itself.
  let string: String

  init(_ string: String) {
    self.string = string
  }

  init(stringLiteral value: String) {
    self.string = value
  }

  static func == (lhs: ExactString, rhs: ExactString) -> Bool {
    lhs.string.utf8.elementsEqual(rhs.string.utf8)
  }

  func hash(into hasher: inout Hasher) {
    var string = string
    string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
