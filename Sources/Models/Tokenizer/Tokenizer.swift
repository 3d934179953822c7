// The tokenizer: encodes text to ids and decodes ids to text exactly like Hugging Face `tokenizers`.
import Foundation

/// A byte-level BPE tokenizer read from a Hugging Face `tokenizer.json`, laid out like Qwen2's.
///
/// Encoding follows `tokenizers` step by step:
/// 1. added tokens that are not normalized (all special tokens) are split out of the raw text,
///    longest match first;
/// 2. the text between them is normalized (NFC for Qwen2) and normalized added tokens are
///    split out of it;
/// 3. each remaining run is cut by the Qwen2 split pattern (`Qwen2Split`), each piece is
///    spelled in the byte-level alphabet and merged by the BPE model.
///
/// No BOS or EOS is added (Qwen2's post-processor adds nothing). Decoding maps ids to tokens,
/// tokens to bytes, and bytes to text, replacing invalid UTF-8 with U+FFFD.
///
/// ```swift
/// let tokenizer = try Tokenizer(contentsOf: modelDirectory.appending(path: "tokenizer.json"))
/// let ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>")   // [510, 84, 82, 257, …]
/// let text = try tokenizer.decode(ids, skippingSpecialTokens: true)  // "user\nhi"
/// ```
///
/// A `Tokenizer` is immutable apart from an internal cache, and safe to share across tasks.
public struct Tokenizer: Sendable {
  let model: BPEModel
  let addedVocabulary: AddedVocabulary
  /// The normalizers applied in order (empty for `"normalizer": null`).
  let normalizers: [UnicodeNormalizer]
  /// The pipeline settings as read, kept so that `jsonData()` writes them back.
  let settings: Settings

  /// The parts of `tokenizer.json` that do not change ids but are written back on save.
  struct Settings: Sendable {
    /// The `normalizer` field: `nil` for null, otherwise the forms (a Sequence when
    /// `isSequence`).
    var normalizerForms: [UnicodeNormalizer.Form]?
    var normalizerIsSequence = false
    /// `pre_tokenizer.pretokenizers[1]` (ByteLevel) flags.
    var preTokenizerByteLevel = ByteLevelFlags()
    /// The `post_processor` and `decoder` fields: `nil` for null, otherwise ByteLevel flags.
    var postProcessor: ByteLevelFlags? = ByteLevelFlags()
    var decoder: ByteLevelFlags? = ByteLevelFlags()
  }

  /// The three flags `tokenizers` writes for every ByteLevel component.
  struct ByteLevelFlags: Sendable, Equatable {
    var addPrefixSpace = false
    var trimOffsets = false
    var useRegex = false
  }

  init(model: BPEModel, addedTokens: [AddedToken], settings: Settings) {
    let normalizers = (settings.normalizerForms ?? []).map(UnicodeNormalizer.init(form:))
    self.model = model
    self.normalizers = normalizers
    self.settings = settings
    self.addedVocabulary = AddedVocabulary(addedTokens, modelVocabulary: model.vocabulary,
                                           normalizers: normalizers)
  }

  // MARK: - Vocabulary

  /// The number of distinct tokens: the BPE vocabulary plus added tokens not already in it.
  public var vocabularySize: Int {
    model.vocabulary.count + addedVocabulary.idsByContent.keys.filter {
      model.vocabulary[$0] == nil
    }.count
  }

  /// The added tokens (special tokens such as `<|im_end|>` among them) with their ids.
  public var addedTokens: [AddedToken] { addedVocabulary.tokens }

  /// The id of a token (a BPE vocabulary entry in byte-level spelling, or an added token).
  public func id(forToken token: String) -> Int? {
    addedVocabulary.idsByContent[ExactString(token)] ?? model.vocabulary[ExactString(token)]
  }

  /// The token an id stands for, or `nil` for an unknown id.
  ///
  /// For a normalized added token this is its normalized content, as in `tokenizers`.
  public func token(forID id: Int) -> String? {
    addedVocabulary.decodedContent(forID: id) ?? model.tokensByID[id]
  }

  /// True when `id` is a special added token (dropped when decoding with
  /// `skippingSpecialTokens`).
  public func isSpecialToken(id: Int) -> Bool {
    guard let token = token(forID: id) else { return false }
    return addedVocabulary.specialContents.contains(ExactString(token))
  }

  // MARK: - Encoding

  /// The token ids of `text`, exactly as `tokenizers`' `encode(text).ids` gives them.
  public func encode(_ text: String) -> [Int] {
    var ids: [Int] = []
    ids.reserveCapacity(text.utf8.count / 3 + 1)
    let scalars = Array(text.unicodeScalars)
    for raw in addedVocabulary.split(scalars[...], with: addedVocabulary.rawMatcher) {
      if let id = raw.id {
        ids.append(id)
        continue
      }
      var normalized = Array(scalars[raw.range])
      for normalizer in normalizers { normalized = normalizer.normalize(normalized) }
      for part in addedVocabulary.split(normalized[...], with: addedVocabulary.normalizedMatcher) {
        if let id = part.id {
          ids.append(id)
        } else {
          encodePlainText(normalized[part.range], into: &ids)
        }
      }
    }
    return ids
  }

  /// Splits normalized text with the Qwen2 pattern and runs BPE on each piece.
  private func encodePlainText(_ scalars: ArraySlice<Unicode.Scalar>, into ids: inout [Int]) {
    guard !scalars.isEmpty else { return }
    let split = Qwen2Split(Array(scalars))
    let base = scalars.startIndex
    var bytes: [UInt8] = []
    for piece in split.pieces() {
      bytes.removeAll(keepingCapacity: true)
      for index in piece {
        let scalar = scalars[base + index]
        if scalar.isASCII {
          bytes.append(UInt8(scalar.value))
        } else {
          UTF8.encode(scalar) { bytes.append($0) }
        }
      }
      model.tokenize(bytes, into: &ids)
    }
  }

  // MARK: - Decoding

  /// The text of `ids`, as `tokenizers`' `decode(ids, skip_special_tokens:)` gives it.
  ///
  /// With the ByteLevel decoder the tokens' bytes are concatenated and decoded as UTF-8, each
  /// maximal invalid subsequence becoming one U+FFFD (Rust's `from_utf8_lossy`). Without a
  /// decoder the tokens are joined by spaces, as `tokenizers` does.
  ///
  /// - Throws: `TokenizerError.unknownTokenID` for an id that is neither in the vocabulary nor
  ///   an added token. (`tokenizers` silently drops such ids; a sampled id beyond the
  ///   tokenizer's vocabulary is a bug worth hearing about.)
  public func decode(_ ids: [Int], skippingSpecialTokens: Bool = false) throws(TokenizerError)
    -> String
  {
    var tokens: [String] = []
    tokens.reserveCapacity(ids.count)
    for id in ids {
      guard let token = token(forID: id) else {
        throw .unknownTokenID(id, vocabularySize: vocabularySize)
      }
      if skippingSpecialTokens && addedVocabulary.specialContents.contains(ExactString(token)) {
        continue
      }
      tokens.append(token)
    }
    guard settings.decoder != nil else { return tokens.joined(separator: " ") }
    var bytes: [UInt8] = []
    for token in tokens { bytes.append(contentsOf: ByteLevel.bytes(ofToken: token)) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
