// Training a Qwen2-style byte-level BPE tokenizer from a corpus, merge for merge like tokenizers.

/// Trains a byte-level BPE tokenizer with Qwen2's pipeline (NFC, the Qwen2 split pattern,
/// ByteLevel) and produces the same vocabulary and merges as `tokenizers`' `BpeTrainer`.
///
/// The algorithm and its tie-breaking are `tokenizers` 0.23's, so a corpus trained here and
/// in Python gives byte-identical `tokenizer.json` files (the tests check this):
/// 1. every text is normalized and split into pieces; equal pieces are counted together
///    (special tokens in the corpus are *not* split out, as in `tokenizers`);
/// 2. the vocabulary starts with the special tokens, then all 256 byte-level characters in
///    code-point order (`!` is id 0 when there are no special tokens);
/// 3. the most frequent adjacent pair is merged, repeatedly, until the vocabulary has
///    `vocabularySize` tokens or the best pair occurs fewer than `minimumFrequency` times
///    (or never). Among pairs with equal counts the one with the smallest (left id, right id)
///    wins. Counts are updated incrementally, exactly as `tokenizers` does, including its rare
///    repeated merges when two different pairs spell the same token.
///
/// ```swift
/// let trainer = BPETrainer(vocabularySize: 512, minimumFrequency: 2,
///                          specialTokens: ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
/// let tokenizer = try trainer.train(on: lines)
/// try tokenizer.write(to: directory.appending(path: "tokenizer.json"))
/// ```
///
/// Not supported (none is used by Qwen2): `limit_alphabet`, an initial alphabet other than the
/// 256 bytes, `continuing_subword_prefix`, `end_of_word_suffix` and `max_token_length`.
public struct BPETrainer: Sendable {
  /// The size of the final vocabulary, special tokens and the 256 byte tokens included.
  public var vocabularySize: Int
  /// The number of occurrences a pair needs to be merged (0 and 1 merge any pair seen once).
  public var minimumFrequency: Int
  /// Special tokens: they take the first ids and become special added tokens.
  public var specialTokens: [String]

  /// A trainer; the defaults are those of `tokenizers`' `BpeTrainer`.
  public init(vocabularySize: Int = 30_000, minimumFrequency: Int = 0,
              specialTokens: [String] = [])
  {
    self.vocabularySize = vocabularySize
    self.minimumFrequency = minimumFrequency
    self.specialTokens = specialTokens
  }

  /// Trains on `corpus` (each element is one text, e.g. one line) and returns the tokenizer.
  ///
  /// - Throws: `TokenizerError.invalidTrainerSetting` for a negative size or frequency.
  public func train(on corpus: some Sequence<String>) throws(TokenizerError) -> Tokenizer {
    guard vocabularySize >= 0 else {
      throw .invalidTrainerSetting(name: "vocabularySize", value: vocabularySize,
                                   expected: "at least 0")
    }
    guard minimumFrequency >= 0 else {
      throw .invalidTrainerSetting(name: "minimumFrequency", value: minimumFrequency,
                                   expected: "at least 0")
    }
    let (words, counts) = countWords(in: corpus)
    var vocabulary = TrainingVocabulary()
    for token in specialTokens { vocabulary.add(token) }
    // ByteLevel.characters sorted by code point, as compute_alphabet sorts the alphabet.
    for character in ByteLevel.characters.sorted(by: { $0.value < $1.value }) {
      vocabulary.add(String(character))
    }
    let byteIDs = ByteLevel.characters.map { vocabulary.ids[ExactString(String($0))] ?? 0 }
    var symbols = words.map { word in word.map { byteIDs[Int($0)] } }
    let merges = computeMerges(symbols: &symbols, counts: counts, vocabulary: &vocabulary)

    let modelVocabulary = Dictionary(
      uniqueKeysWithValues: vocabulary.tokens.enumerated().map { (ExactString($1), $0) })
    let mergeList = merges.map { pair -> (left: String, right: String, field: JSONField) in
      (vocabulary.tokens[Int(pair.left)], vocabulary.tokens[Int(pair.right)],
       JSONField(value: nil, path: "model.merges", source: "BPETrainer"))
    }
    let model = try BPEModel(
      vocabulary: modelVocabulary, merges: mergeList, unknownToken: nil, unknownTokenField: nil,
      fusesUnknownTokens: false, ignoresMerges: false, continuingSubwordPrefix: nil,
      endOfWordSuffix: nil)
    let added = specialTokens.map { AddedToken(content: $0, id: 0, isSpecial: true) }
    var settings = Tokenizer.Settings()
    settings.normalizerForms = [.nfc]
    return Tokenizer(model: model, addedTokens: added, settings: settings)
  }

  // MARK: - Steps

  /// The vocabulary being built: id → token and token → id.
  private struct TrainingVocabulary {
    var tokens: [String] = []
    var ids: [ExactString: Int32] = [:]

    /// Adds `token` unless present, and returns its id.
    @discardableResult
    mutating func add(_ token: String) -> Int32 {
      if let id = ids[ExactString(token)] { return id }
      tokens.append(token)
      ids[ExactString(token)] = Int32(tokens.count - 1)
      return Int32(tokens.count - 1)
    }
  }

  /// The distinct pieces of the corpus (as UTF-8 bytes) and how often each occurs.
  private func countWords(in corpus: some Sequence<String>) -> (words: [[UInt8]], counts: [Int]) {
    let normalizer = UnicodeNormalizer(form: .nfc)
    var indexOfWord: [[UInt8]: Int] = [:]
    var words: [[UInt8]] = []
    var counts: [Int] = []
    for text in corpus {
      let scalars = normalizer.normalize(Array(text.unicodeScalars))
      for piece in Qwen2Split(scalars).pieces() {
        var bytes: [UInt8] = []
        for index in piece { UTF8.encode(scalars[index]) { bytes.append($0) } }
        if let index = indexOfWord[bytes] {
          counts[index] += 1
        } else {
          indexOfWord[bytes] = words.count
          words.append(bytes)
          counts.append(1)
        }
      }
    }
    return (words, counts)
  }

  /// A candidate merge in the queue: the most frequent pair first, then the smallest pair.
  private struct Candidate: Comparable {
    var pair: UInt64  // left id << 32 | right id, so integer order is (left, right) order
    var count: Int
    var words: Set<Int32>
    static func < (a: Candidate, b: Candidate) -> Bool {
      a.count != b.count ? a.count > b.count : a.pair < b.pair
    }
    static func == (a: Candidate, b: Candidate) -> Bool {
      a.count == b.count && a.pair == b.pair
    }
  }

  /// Runs the merge loop of `BpeTrainer::do_train` and returns the merges in rank order.
  private func computeMerges(symbols: inout [[Int32]], counts: [Int],
                             vocabulary: inout TrainingVocabulary) -> [(left: Int32, right: Int32)]
  {
    var pairCounts: [UInt64: Int] = [:]
    var whereToUpdate: [UInt64: Set<Int32>] = [:]
    for (index, word) in symbols.enumerated() where word.count > 1 {
      for position in 0..<(word.count - 1) {
        let pair = BPEModel.key(word[position], word[position + 1])
        pairCounts[pair, default: 0] += counts[index]
        whereToUpdate[pair, default: []].insert(Int32(index))
      }
    }
    var queue = PriorityQueue<Candidate>()
    func enqueue(_ updates: inout [UInt64: Set<Int32>]) {
      for (pair, words) in updates {
        let count = pairCounts[pair] ?? 0
        if count > 0 { queue.push(Candidate(pair: pair, count: count, words: words)) }
      }
      updates.removeAll()
    }
    enqueue(&whereToUpdate)

    var merges: [(left: Int32, right: Int32)] = []
    while vocabulary.tokens.count < vocabularySize, var top = queue.pop() {
      let current = pairCounts[top.pair] ?? 0
      if top.count != current {
        // A stale entry: requeue it with its current count.
        top.count = current
        queue.push(top)
        continue
      }
      if top.count < 1 || minimumFrequency > top.count { break }
      let left = Int32(truncatingIfNeeded: top.pair >> 32)
      let right = Int32(truncatingIfNeeded: top.pair & 0xFFFF_FFFF)
      let merged = vocabulary.add(vocabulary.tokens[Int(left)] + vocabulary.tokens[Int(right)])
      merges.append((left, right))
      for wordIndex in top.words {
        let changes = Self.merge(&symbols[Int(wordIndex)], left, right, into: merged)
        for (pair, change) in changes {
          pairCounts[pair, default: 0] += change * counts[Int(wordIndex)]
          if change > 0 { whereToUpdate[pair, default: []].insert(wordIndex) }
        }
      }
      enqueue(&whereToUpdate)
    }
    return merges
  }

  /// Replaces every non-overlapping `left right` in `word`, left to right, by `merged`, and
  /// returns the pair-count changes (`Word::merge`: the pairs it breaks lose one, the pairs it
  /// forms gain one; the merged pair itself is not counted down).
  static func merge(_ word: inout [Int32], _ left: Int32, _ right: Int32, into merged: Int32)
    -> [(pair: UInt64, change: Int)]
  {
    var changes: [(pair: UInt64, change: Int)] = []
    var index = 0
    while index < word.count {
      if word[index] == left, index + 1 < word.count, word[index + 1] == right {
        if index > 0 {
          changes.append((BPEModel.key(word[index - 1], left), -1))
          changes.append((BPEModel.key(word[index - 1], merged), 1))
        }
        word[index] = merged
        word.remove(at: index + 1)
        if index < word.count - 1 {
          changes.append((BPEModel.key(right, word[index + 1]), -1))
          changes.append((BPEModel.key(merged, word[index + 1]), 1))
        }
      }
      index += 1
    }
    return changes
  }
}
