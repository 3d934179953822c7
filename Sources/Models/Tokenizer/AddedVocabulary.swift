// Added and special tokens: their ids, and how they are found in text before anything else.

/// A token added on top of the BPE vocabulary, such as `<|im_start|>`, as `added_tokens` lists it.
public struct AddedToken: Sendable, Equatable {
  /// The token's text.
  public var content: String
  /// Its id.
  public var id: Int
  /// Special tokens are dropped by `decode(_:skippingSpecialTokens: true)`.
  public var isSpecial: Bool
  /// Whether the token is matched in normalized text (true) or in the raw input (false).
  public var isNormalized: Bool
  /// Whether the match swallows the whitespace before the token.
  public var stripsLeft: Bool
  /// Whether the match swallows the whitespace after the token.
  public var stripsRight: Bool
  /// Whether the token only matches when it is not part of a longer word.
  public var isSingleWord: Bool

  /// An added token; the flags default to those of a special token such as `<|im_end|>`.
  public init(content: String, id: Int, isSpecial: Bool = true, isNormalized: Bool = false,
              stripsLeft: Bool = false, stripsRight: Bool = false, isSingleWord: Bool = false)
  {
    self.content = content
    self.id = id
    self.isSpecial = isSpecial
    self.isNormalized = isNormalized
    self.stripsLeft = stripsLeft
    self.stripsRight = stripsRight
    self.isSingleWord = isSingleWord
  }

  /// Equal as `tokenizers` compares added tokens: every field but the id.
  func hasSameSettings(as other: AddedToken) -> Bool {
    content == other.content && isSpecial == other.isSpecial
      && isNormalized == other.isNormalized && stripsLeft == other.stripsLeft
      && stripsRight == other.stripsRight && isSingleWord == other.isSingleWord
  }
}

/// The added tokens of a tokenizer and the two matchers that split them out of text.
///
/// Ids are assigned as `tokenizers` assigns them when it loads a file: tokens are added one by
/// one in file order; a token already in the vocabulary keeps that id, and a new one gets the
/// next id after the BPE vocabulary or after the largest added id. The `id` written in the file
/// is only checked by `tokenizers` (with a warning), so a file whose ids disagree encodes with
/// the ids assigned here, exactly like `tokenizers`.
struct AddedVocabulary: Sendable {
  /// The tokens in file order, with their assigned ids.
  private(set) var tokens: [AddedToken] = []
  /// Content → id.
  private(set) var idsByContent: [ExactString: Int] = [:]
  /// Id → token (the last token given that id).
  private(set) var tokensByID: [Int: AddedToken] = [:]
  /// The contents of special tokens.
  private(set) var specialContents: Set<ExactString> = []
  /// Normalized tokens whose content the normalizers change, by id: `tokenizers` decodes (and
  /// `id_to_token` returns) this normalized form, so `café` written in NFD decodes as NFC.
  private(set) var decodedContents: [Int: String] = [:]
  /// Matchers over raw text (non-normalized tokens) and over normalized text.
  private(set) var rawMatcher = TokenMatcher()
  private(set) var normalizedMatcher = TokenMatcher()

  /// Adds the tokens of `added_tokens`, in order, and builds the matchers.
  init(_ declared: [AddedToken], modelVocabulary: [ExactString: Int],
       normalizers: [UnicodeNormalizer])
  {
    var specials: [AddedToken] = []
    var classics: [AddedToken] = []
    for token in declared {
      if token.isSpecial, !token.content.isEmpty, !specialContents.contains(ExactString(token.content)) {
        specials.append(token)
        specialContents.insert(ExactString(token.content))
      }
      if token.content.isEmpty || tokensByID.values.contains(where: { $0.hasSameSettings(as: token) })
      {
        continue
      }
      let id: Int
      if let known = idsByContent[ExactString(token.content)] ?? modelVocabulary[ExactString(token.content)] {
        id = known
      } else if let largest = idsByContent.values.max(),
        largest >= modelVocabulary.count || modelVocabulary.isEmpty
      {
        id = largest + 1
      } else {
        id = modelVocabulary.count
      }
      var assigned = token
      assigned.id = id
      idsByContent[ExactString(token.content)] = id
      tokensByID[id] = assigned
      if token.isNormalized, !normalizers.isEmpty {
        var scalars = Array(token.content.unicodeScalars)
        for normalizer in normalizers { scalars = normalizer.normalize(scalars) }
        let normalized = String(String.UnicodeScalarView(scalars))
        if ExactString(normalized) == ExactString(token.content) {
          decodedContents[id] = nil
        } else {
          decodedContents[id] = normalized
        }
      }
      tokens.append(assigned)
      if !specialContents.contains(ExactString(token.content)) { classics.append(assigned) }
    }
    for token in specials + classics {
      guard let id = idsByContent[ExactString(token.content)] else { continue }
      if token.isNormalized {
        var pattern = Array(token.content.unicodeScalars)
        for normalizer in normalizers { pattern = normalizer.normalize(pattern) }
        normalizedMatcher.insert(pattern, id: id)
      } else {
        rawMatcher.insert(Array(token.content.unicodeScalars), id: id)
      }
    }
  }

  /// The text `decode` uses for an added token id, or `nil` when `id` is not an added token.
  func decodedContent(forID id: Int) -> String? {
    decodedContents[id] ?? tokensByID[id]?.content
  }

  /// Splits `text` into runs of plain text (`id == nil`) and added tokens, honouring each
  /// token's single-word and strip flags exactly as `tokenizers`' `find_matches` does.
  func split(_ text: ArraySlice<Unicode.Scalar>, with matcher: TokenMatcher)
    -> [(range: Range<Int>, id: Int?)]
  {
    guard !matcher.isEmpty else { return [(text.indices, nil)] }
    var splits: [(range: Range<Int>, id: Int?)] = []
    var offset = text.startIndex
    for match in matcher.matches(in: text) {
      var start = match.range.lowerBound
      var stop = match.range.upperBound
      guard let token = tokensByID[match.id] else { continue }
      if token.isSingleWord {
        let wordBefore = start > text.startIndex && Self.isWordScalar(text[start - 1])
        let wordAfter = stop < text.endIndex && Self.isWordScalar(text[stop])
        if wordBefore || wordAfter { continue }
      }
      if token.stripsLeft {
        var newStart = start
        while newStart > text.startIndex, text[newStart - 1].properties.isWhitespace {
          newStart -= 1
        }
        // Whitespace the previous match already took stays with it.
        start = max(newStart, offset)
      }
      if token.stripsRight {
        while stop < text.endIndex, text[stop].properties.isWhitespace { stop += 1 }
      }
      if offset < start { splits.append((offset..<start, nil)) }
      splits.append((start..<stop, match.id))
      offset = stop
    }
    if offset != text.endIndex { splits.append((offset..<text.endIndex, nil)) }
    return splits
  }

  /// Rust regex `\w`: Alphabetic, marks, decimal digits, connector punctuation, join controls.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    if properties.isAlphabetic || properties.isJoinControl { return true }
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
      return true
    default:
      return false
    }
  }
}

/// A leftmost-longest matcher over a set of token strings (the aho-corasick automaton
/// `tokenizers` builds with `MatchKind::LeftmostLongest`), written as a trie over scalars.
struct TokenMatcher: Sendable {
  private struct Node: Sendable {
    var children: [UInt32: Int32] = [:]
    var id: Int? = nil
  }
  private var nodes = [Node()]

  /// True when there is nothing to match.
  var isEmpty: Bool { nodes.count == 1 }

  /// Adds a pattern; for a duplicate pattern the first one added wins, as in aho-corasick.
  mutating func insert(_ pattern: [Unicode.Scalar], id: Int) {
    guard !pattern.isEmpty else { return }
    var node = 0
    for scalar in pattern {
      if let child = nodes[node].children[scalar.value] {
        node = Int(child)
      } else {
        nodes.append(Node())
        nodes[node].children[scalar.value] = Int32(nodes.count - 1)
        node = nodes.count - 1
      }
    }
    if nodes[node].id == nil { nodes[node].id = id }
  }

  /// The non-overlapping leftmost-longest matches in `text`, in order.
  func matches(in text: ArraySlice<Unicode.Scalar>) -> [(range: Range<Int>, id: Int)] {
    var found: [(range: Range<Int>, id: Int)] = []
    var start = text.startIndex
    while start < text.endIndex {
      var node = 0
      var best: (end: Int, id: Int)? = nil
      var index = start
      while index < text.endIndex, let child = nodes[node].children[text[index].value] {
        node = Int(child)
        index += 1
        if let id = nodes[node].id { best = (index, id) }
      }
      if let best {
        found.append((start..<best.end, best.id))
        start = best.end
      } else {
        start += 1
      }
    }
    return found
  }
}
