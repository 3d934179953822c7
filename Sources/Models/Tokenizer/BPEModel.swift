// The BPE model: vocabulary, ranked merges, and the merge loop that turns one piece into ids.
import Synchronization

/// A byte-level BPE model, applied to one pre-tokenized piece at a time.
///
/// The merge loop is `tokenizers`' `Word::merge_all`: every adjacent pair that has a merge goes
/// into a min-heap ordered by (rank, position); the top is applied if it is still current, and
/// the pairs it forms with its neighbours are pushed. This is what makes "aaa" with the merge
/// `a a` give `aa a`, and it reproduces `tokenizers` even when two different merges produce
/// the same token.
final class BPEModel: Sendable {
  /// Token → id, as in `model.vocab`.
  let vocabulary: [ExactString: Int]
  /// Id → token.
  let tokensByID: [Int: String]
  /// (left id, right id) → (rank, merged id).
  let mergeTable: [UInt64: MergeTarget]
  /// The unknown token, used for characters missing from the vocabulary.
  let unknownToken: String?
  /// Whether consecutive unknown characters become one unknown token.
  let fusesUnknownTokens: Bool
  /// Whether a piece that is itself a vocabulary entry skips the merges (Llama 3 style).
  let ignoresMerges: Bool
  /// `continuing_subword_prefix` and `end_of_word_suffix` as read (only `null` or `""` are
  /// supported; they are kept so that a saved file says what the loaded one said).
  let continuingSubwordPrefix: String?, endOfWordSuffix: String?

  /// The id of the byte-level character for each byte, or -1 when it is not in the vocabulary.
  private let byteIDs: [Int32]
  private let unknownTokenID: Int32?
  /// Piece → ids, like `tokenizers`' BPE cache (which also stops growing at 10,000 entries).
  private let cache = Mutex([[UInt8]: [Int32]]())
  private static let cacheCapacity = 10_000

  /// Where a merge leads.
  struct MergeTarget: Sendable {
    /// The merge's position in `model.merges`; lower ranks apply first.
    var rank: Int32
    /// The id of the merged token.
    var id: Int32
  }

  /// Builds the model, resolving every merge to ids.
  ///
  /// A merge whose parts or result are missing from the vocabulary is an error, as in
  /// `tokenizers`. When the same pair is listed twice, the later rank wins (the Rust loader
  /// collects the list into a hash map).
  init(vocabulary: [ExactString: Int], merges: [(left: String, right: String, field: JSONField)],
       unknownToken: String?, unknownTokenField: JSONField?, fusesUnknownTokens: Bool,
       ignoresMerges: Bool, continuingSubwordPrefix: String?, endOfWordSuffix: String?)
    throws(TokenizerError)
  {
    var table: [UInt64: MergeTarget] = [:]
    table.reserveCapacity(merges.count)
    for (rank, merge) in merges.enumerated() {
      guard let left = vocabulary[ExactString(merge.left)] else {
        throw .tokenNotInVocabulary(source: merge.field.source, field: merge.field.path,
                                    token: merge.left)
      }
      guard let right = vocabulary[ExactString(merge.right)] else {
        throw .tokenNotInVocabulary(source: merge.field.source, field: merge.field.path,
                                    token: merge.right)
      }
      guard let merged = vocabulary[ExactString(merge.left + merge.right)] else {
        throw .tokenNotInVocabulary(source: merge.field.source, field: merge.field.path,
                                    token: merge.left + merge.right)
      }
      table[Self.key(Int32(left), Int32(right))] = MergeTarget(rank: Int32(rank),
                                                               id: Int32(merged))
    }
    if let unknownToken, vocabulary[ExactString(unknownToken)] == nil, let unknownTokenField {
      throw .tokenNotInVocabulary(source: unknownTokenField.source,
                                  field: unknownTokenField.path, token: unknownToken)
    }
    self.vocabulary = vocabulary
    self.tokensByID = Dictionary(vocabulary.map { ($0.value, $0.key.string) },
                                 uniquingKeysWith: { first, _ in first })
    self.mergeTable = table
    self.unknownToken = unknownToken
    self.unknownTokenID = unknownToken.flatMap { vocabulary[ExactString($0)] }.map(Int32.init)
    self.fusesUnknownTokens = fusesUnknownTokens
    self.ignoresMerges = ignoresMerges
    self.continuingSubwordPrefix = continuingSubwordPrefix
    self.endOfWordSuffix = endOfWordSuffix
    self.byteIDs = ByteLevel.characters.map { character in
      vocabulary[ExactString(String(character))].map(Int32.init) ?? -1
    }
  }

  /// The merges in rank order, as `(left, right)` token pairs.
  var orderedMerges: [(String, String)] {
    mergeTable.sorted { $0.value.rank < $1.value.rank }.compactMap { key, _ in
      guard let left = tokensByID[Int(key >> 32)], let right = tokensByID[Int(key & 0xFFFF_FFFF)]
      else { return nil }
      return (left, right)
    }
  }

  static func key(_ left: Int32, _ right: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
  }

  /// Appends the ids of one piece, given as raw UTF-8 bytes, to `ids`.
  func tokenize(_ piece: [UInt8], into ids: inout [Int]) {
    if ignoresMerges, let id = vocabulary[ExactString(ByteLevel.spell(piece))] {
      ids.append(id)
      return
    }
    if let cached = cache.withLock({ $0[piece] }) {
      for id in cached { ids.append(Int(id)) }
      return
    }
    let word = merge(symbolsOf: piece)
    for id in word { ids.append(Int(id)) }
    cache.withLock { cache in
      if cache.count < Self.cacheCapacity { cache[piece] = word }
    }
  }

  /// The initial symbols of a piece: one per byte, with `tokenizers`' unknown-token handling
  /// (missing characters are dropped when there is no unknown token).
  private func initialSymbols(_ piece: [UInt8]) -> [Int32] {
    var symbols: [Int32] = []
    symbols.reserveCapacity(piece.count)
    var pendingUnknown = false
    for byte in piece {
      let id = byteIDs[Int(byte)]
      if id >= 0 {
        if pendingUnknown, let unknownTokenID { symbols.append(unknownTokenID) }
        pendingUnknown = false
        symbols.append(id)
      } else if let unknownTokenID {
        if pendingUnknown && !fusesUnknownTokens { symbols.append(unknownTokenID) }
        pendingUnknown = true
      }
    }
    if pendingUnknown, let unknownTokenID { symbols.append(unknownTokenID) }
    return symbols
  }

  private struct Candidate: Comparable {
    var rank: Int32
    var position: Int
    var id: Int32
    static func < (a: Candidate, b: Candidate) -> Bool {
      a.rank != b.rank ? a.rank < b.rank : a.position < b.position
    }
    static func == (a: Candidate, b: Candidate) -> Bool {
      a.rank == b.rank && a.position == b.position
    }
  }

  /// Runs the merge loop on one piece and returns its token ids.
  private func merge(symbolsOf piece: [UInt8]) -> [Int32] {
    var ids = initialSymbols(piece)
    let count = ids.count
    guard count > 1 else { return ids }
    // A doubly linked list over `ids`; a merged-away symbol is marked with removed = true.
    var previous = (0..<count).map { $0 - 1 }
    var next = (0..<count).map { $0 + 1 < count ? $0 + 1 : -1 }
    var removed = [Bool](repeating: false, count: count)
    var queue = PriorityQueue<Candidate>()
    for position in 0..<(count - 1) {
      if let target = mergeTable[Self.key(ids[position], ids[position + 1])] {
        queue.push(Candidate(rank: target.rank, position: position, id: target.id))
      }
    }
    while let top = queue.pop() {
      let position = top.position
      guard !removed[position], next[position] >= 0 else { continue }
      let right = next[position]
      // Skip entries made stale by an earlier merge at this position.
      guard let target = mergeTable[Self.key(ids[position], ids[right])], target.id == top.id
      else { continue }
      ids[position] = top.id
      removed[right] = true
      next[position] = next[right]
      if next[right] >= 0 { previous[next[right]] = position }
      let before = previous[position]
      if before >= 0, let target = mergeTable[Self.key(ids[before], ids[position])] {
        queue.push(Candidate(rank: target.rank, position: before, id: target.id))
      }
      let after = next[position]
      if after >= 0, let target = mergeTable[Self.key(ids[position], ids[after])] {
        queue.push(Candidate(rank: target.rank, position: position, id: target.id))
      }
    }
    var result: [Int32] = []
    result.reserveCapacity(count)
    for position in 0..<count where !removed[position] { result.append(ids[position]) }
    return result
  }
}
