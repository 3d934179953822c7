// Reading tokenizer.json: every field rlnb understands, and a clear error for everything else.
import Foundation

extension Tokenizer {
  /// Loads the `tokenizer.json` at `url`.
  ///
  /// - Throws: `TokenizerError` naming the file and the field when the file is unreadable,
  ///   malformed, or uses a `tokenizers` feature rlnb does not implement.
  public init(contentsOf url: URL) throws(TokenizerError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .fileAccess(source: url.path, reason: "cannot read (\(error.localizedDescription))")
    }
    try self.init(jsonData: data, source: url.path)
  }

  /// Loads a tokenizer from the contents of a `tokenizer.json`; `source` names it in errors.
  ///
  /// Supported, which covers every Qwen2 and Qwen2-VL release:
  /// - `model`: BPE with `vocab`, and `merges` as `"a b"` strings or `["a", "b"]` pairs;
  ///   `unk_token`, `fuse_unk` and `ignore_merges`; `dropout`, `continuing_subword_prefix` and
  ///   `end_of_word_suffix` only when null (or `""`), `byte_fallback` only when false;
  /// - `added_tokens` with their `special`, `normalized`, `lstrip`, `rstrip` and
  ///   `single_word` flags;
  /// - `normalizer`: null, NFC, NFD, or a Sequence of them;
  /// - `pre_tokenizer`: Sequence[Split(the Qwen2 pattern, Isolated),
  ///   ByteLevel(add_prefix_space: false, use_regex: false)];
  /// - `post_processor` and `decoder`: null or ByteLevel;
  /// - `truncation` and `padding`: null.
  public init(jsonData: Data, source: String = "tokenizer.json") throws(TokenizerError) {
    let root = try JSONField.parse(jsonData, source: source)
    _ = try root.members()
    let version = try root.member("version")
    if !version.isNull, try version.string() != "1.0" {
      throw version.unsupported(Self.quote(try version.string()),
                                hint: "tokenizers writes version \"1.0\"")
    }
    for name in ["truncation", "padding"] {
      let field = try root.member(name)
      if !field.isNull {
        throw field.unsupported("(an object)", hint: "set it to null: rlnb encodes whole texts "
                                  + "and pads batches itself")
      }
    }
    var settings = Settings()
    (settings.normalizerForms, settings.normalizerIsSequence) =
      try Self.readNormalizer(root.member("normalizer"))
    settings.preTokenizerByteLevel = try Self.readPreTokenizer(root.member("pre_tokenizer"))
    settings.postProcessor = try Self.readByteLevel(root.member("post_processor"),
                                                    role: "post-processor")
    settings.decoder = try Self.readByteLevel(root.member("decoder"), role: "decoder")
    let model = try Self.readModel(root.member("model"))
    let addedTokens = try Self.readAddedTokens(root.member("added_tokens"))
    self.init(model: model, addedTokens: addedTokens, settings: settings)
  }

  static func quote(_ text: String) -> String { "\"" + text + "\"" }

  // MARK: - Components

  private static func readNormalizer(_ field: JSONField) throws(TokenizerError)
    -> (forms: [UnicodeNormalizer.Form]?, isSequence: Bool)
  {
    if field.isNull { return (nil, false) }
    let type = try field.member("type").string()
    if type == "Sequence" {
      var forms: [UnicodeNormalizer.Form] = []
      for element in try field.member("normalizers").elements() {
        guard let inner = try readNormalizer(element).forms, inner.count == 1 else {
          throw element.unsupported("(a nested or null normalizer)",
                                    hint: "a Sequence may hold NFC and NFD normalizers only")
        }
        forms += inner
      }
      return (forms, true)
    }
    guard let form = UnicodeNormalizer.Form(rawValue: type) else {
      throw try field.member("type").unsupported(
        quote(type), hint: "rlnb implements the NFC and NFD normalizers (Qwen2 uses NFC)")
    }
    return ([form], false)
  }

  private static func readPreTokenizer(_ field: JSONField) throws(TokenizerError)
    -> ByteLevelFlags
  {
    let hint = "rlnb implements Qwen2's pre-tokenizer: Sequence[Split(Qwen2 pattern, Isolated), "
      + "ByteLevel(add_prefix_space: false, use_regex: false)]"
    if field.isNull { throw field.unsupported("null", hint: hint) }
    let type = try field.member("type")
    guard try type.string() == "Sequence" else {
      throw type.unsupported(quote(try type.string()), hint: hint)
    }
    let parts = try field.member("pretokenizers").elements()
    guard parts.count == 2 else {
      throw try field.member("pretokenizers").unsupported("(\(parts.count) pre-tokenizers)",
                                                          hint: hint)
    }
    let split = parts[0]
    let splitType = try split.member("type")
    guard try splitType.string() == "Split" else {
      throw splitType.unsupported(quote(try splitType.string()), hint: hint)
    }
    let pattern = try split.member("pattern").member("Regex")
    guard !pattern.isNull else {
      throw try split.member("pattern").unsupported("(a literal string pattern)", hint: hint)
    }
    guard try pattern.string() == Qwen2Split.pattern else {
      throw pattern.unsupported(quote(try pattern.string()), hint: hint)
    }
    let behavior = try split.member("behavior")
    guard try behavior.string() == "Isolated" else {
      throw behavior.unsupported(quote(try behavior.string()), hint: hint)
    }
    let invert = try split.member("invert")
    guard try !invert.bool(default: false) else { throw invert.unsupported("true", hint: hint) }
    guard let flags = try readByteLevel(parts[1], role: "pre-tokenizer") else {
      throw parts[1].unsupported("null", hint: hint)
    }
    if flags.addPrefixSpace {
      throw try parts[1].member("add_prefix_space").unsupported("true", hint: hint)
    }
    if flags.useRegex {
      throw try parts[1].member("use_regex").unsupported("true", hint: hint)
    }
    return flags
  }

  private static func readByteLevel(_ field: JSONField, role: String) throws(TokenizerError)
    -> ByteLevelFlags?
  {
    if field.isNull { return nil }
    let type = try field.member("type")
    guard try type.string() == "ByteLevel" else {
      throw type.unsupported(quote(try type.string()),
                             hint: "rlnb implements the ByteLevel \(role) (or null)")
    }
    return ByteLevelFlags(
      addPrefixSpace: try field.member("add_prefix_space").bool(default: true),
      trimOffsets: try field.member("trim_offsets").bool(default: true),
      useRegex: try field.member("use_regex").bool(default: true))
  }

  private static func readModel(_ field: JSONField) throws(TokenizerError) -> BPEModel {
    _ = try field.members()
    let type = try field.member("type")
    if !type.isNull, try type.string() != "BPE" {
      throw type.unsupported(quote(try type.string()), hint: "rlnb implements BPE models only")
    }
    let dropout = try field.member("dropout")
    if !dropout.isNull {
      throw dropout.unsupported("(a number)", hint: "BPE dropout is random; set it to null")
    }
    let byteFallback = try field.member("byte_fallback")
    if try byteFallback.bool(default: false) {
      throw byteFallback.unsupported("true", hint: "byte-level BPE never needs byte fallback")
    }
    var affixes: [String?] = []
    for name in ["continuing_subword_prefix", "end_of_word_suffix"] {
      let affix = try field.member(name)
      let value = try affix.optionalString()
      if let value, !value.isEmpty {
        throw affix.unsupported(quote(value), hint: "set it to null or \"\" as Qwen2 does")
      }
      affixes.append(value)
    }
    let vocabularyField = try field.member("vocab")
    var vocabulary: [ExactString: Int] = [:]
    let entries = try vocabularyField.members()
    vocabulary.reserveCapacity(entries.count)
    for (token, value) in entries {
      if case .integer(let id) = value, id >= 0, id <= Int(Int32.max) {
        vocabulary[ExactString(token)] = id
      } else {
        throw vocabularyField.child(value, path: "[" + quote(token) + "]")
          .malformed("a non-negative integer id")
      }
    }
    let unknownField = try field.member("unk_token")
    return try BPEModel(
      vocabulary: vocabulary, merges: try readMerges(field.member("merges")),
      unknownToken: try unknownField.optionalString(), unknownTokenField: unknownField,
      fusesUnknownTokens: try field.member("fuse_unk").bool(default: false),
      ignoresMerges: try field.member("ignore_merges").bool(default: false),
      continuingSubwordPrefix: affixes[0], endOfWordSuffix: affixes[1])
  }

  /// Merges as `"a b"` strings (the hub's Qwen files) or `["a", "b"]` pairs (tokenizers ≥ 0.20).
  private static func readMerges(_ field: JSONField) throws(TokenizerError)
    -> [(left: String, right: String, field: JSONField)]
  {
    var merges: [(left: String, right: String, field: JSONField)] = []
    let expected = "a merge, as \"left right\" or [\"left\", \"right\"]"
    for element in try field.elements() {
      switch element.value {
      case .string(let line):
        // Like tokenizers: skip "#version" lines, split on single spaces, need two parts.
        if line.hasPrefix("#version") { continue }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw element.malformed(expected) }
        merges.append((String(parts[0]), String(parts[1]), element))
      case .array(let pair):
        guard pair.count == 2, case .string(let left) = pair[0], case .string(let right) = pair[1]
        else { throw element.malformed(expected) }
        merges.append((left, right, element))
      default:
        throw element.malformed(expected)
      }
    }
    return merges
  }

  private static func readAddedTokens(_ field: JSONField) throws(TokenizerError) -> [AddedToken] {
    if field.isNull { return [] }
    var tokens: [AddedToken] = []
    for element in try field.elements() {
      let isSpecial = try element.member("special").bool(default: false)
      tokens.append(AddedToken(
        content: try element.member("content").string(),
        id: try element.member("id").tokenID(),
        isSpecial: isSpecial,
        isNormalized: try element.member("normalized").bool(default: !isSpecial),
        stripsLeft: try element.member("lstrip").bool(default: false),
        stripsRight: try element.member("rstrip").bool(default: false),
        isSingleWord: try element.member("single_word").bool(default: false)))
    }
    return tokens
  }
}
