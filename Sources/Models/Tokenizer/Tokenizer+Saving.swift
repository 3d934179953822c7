// Writing tokenizer.json in exactly the layout and formatting `tokenizers` 0.23 uses.
import Foundation

extension Tokenizer {
  /// The `tokenizer.json` text for this tokenizer, byte for byte as `tokenizers`' `save` writes
  /// it: fields in its order, vocabulary by id, merges as `["left", "right"]` pairs in rank
  /// order, two-space indentation and no trailing newline.
  public func jsonData() -> Data {
    var text = ""
    Self.render(document, indent: 0, into: &text)
    return Data(text.utf8)
  }

  /// Writes `tokenizer.json` to `url` (replacing any file there).
  public func write(to url: URL) throws(TokenizerError) {
    do {
      try jsonData().write(to: url, options: .atomic)
    } catch {
      throw .fileAccess(source: url.path, reason: "cannot write (\(error.localizedDescription))")
    }
  }

  // MARK: - The document

  /// A JSON value whose object members keep their order.
  indirect enum OrderedJSON {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])
  }

  private var document: OrderedJSON {
    let added = addedVocabulary.tokensByID.sorted { $0.key < $1.key }.map { id, token in
      OrderedJSON.object([
        ("id", .int(id)), ("content", .string(token.content)),
        ("single_word", .bool(token.isSingleWord)), ("lstrip", .bool(token.stripsLeft)),
        ("rstrip", .bool(token.stripsRight)), ("normalized", .bool(token.isNormalized)),
        ("special", .bool(token.isSpecial)),
      ])
    }
    return .object([
      ("version", .string("1.0")), ("truncation", .null), ("padding", .null),
      ("added_tokens", .array(added)), ("normalizer", normalizerDocument),
      ("pre_tokenizer", .object([
        ("type", .string("Sequence")),
        ("pretokenizers", .array([
          .object([
            ("type", .string("Split")), ("pattern", .object([("Regex", .string(Qwen2Split.pattern))])),
            ("behavior", .string("Isolated")), ("invert", .bool(false)),
          ]),
          Self.byteLevelDocument(settings.preTokenizerByteLevel),
        ])),
      ])),
      ("post_processor", settings.postProcessor.map(Self.byteLevelDocument) ?? .null),
      ("decoder", settings.decoder.map(Self.byteLevelDocument) ?? .null),
      ("model", modelDocument),
    ])
  }

  private var normalizerDocument: OrderedJSON {
    guard let forms = settings.normalizerForms else { return .null }
    let each = forms.map { OrderedJSON.object([("type", .string($0.rawValue))]) }
    if settings.normalizerIsSequence || each.count != 1 {
      return .object([("type", .string("Sequence")), ("normalizers", .array(each))])
    }
    return each[0]
  }

  private static func byteLevelDocument(_ flags: ByteLevelFlags) -> OrderedJSON {
    .object([
      ("type", .string("ByteLevel")), ("add_prefix_space", .bool(flags.addPrefixSpace)),
      ("trim_offsets", .bool(flags.trimOffsets)), ("use_regex", .bool(flags.useRegex)),
    ])
  }

  private var modelDocument: OrderedJSON {
    let optional = { (text: String?) in text.map(OrderedJSON.string) ?? .null }
    let vocabulary = model.vocabulary.sorted { $0.value < $1.value }.map {
      ($0.key.string, OrderedJSON.int($0.value))
    }
    let merges = model.orderedMerges.map { OrderedJSON.array([.string($0.0), .string($0.1)]) }
    return .object([
      ("type", .string("BPE")), ("dropout", .null), ("unk_token", optional(model.unknownToken)),
      ("continuing_subword_prefix", optional(model.continuingSubwordPrefix)),
      ("end_of_word_suffix", optional(model.endOfWordSuffix)),
      ("fuse_unk", .bool(model.fusesUnknownTokens)), ("byte_fallback", .bool(false)),
      ("ignore_merges", .bool(model.ignoresMerges)),
      ("vocab", .object(vocabulary)), ("merges", .array(merges)),
    ])
  }

  // MARK: - serde_json's pretty printer

  static func render(_ value: OrderedJSON, indent: Int, into text: inout String) {
    switch value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .int(let number): text += String(number)
    case .string(let string): appendEscaped(string, to: &text)
    case .array(let elements):
      guard !elements.isEmpty else { return text += "[]" }
      text += "[\n"
      for (index, element) in elements.enumerated() {
        text += String(repeating: "  ", count: indent + 1)
        render(element, indent: indent + 1, into: &text)
        text += index + 1 < elements.count ? ",\n" : "\n"
      }
      text += String(repeating: "  ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else { return text += "{}" }
      text += "{\n"
      for (index, (key, member)) in members.enumerated() {
        text += String(repeating: "  ", count: indent + 1)
        appendEscaped(key, to: &text)
        text += ": "
        render(member, indent: indent + 1, into: &text)
        text += index + 1 < members.count ? ",\n" : "\n"
      }
      text += String(repeating: "  ", count: indent) + "}"
    }
  }

  /// serde_json's escaping: quote, backslash and control characters only; short forms for
  /// \b \t \n \f \r, `\u00xx` (lowercase hex) for the rest; everything else as UTF-8.
  static func appendEscaped(_ string: String, to text: inout String) {
    text += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{08}": text += "\\b"
      case "\u{0C}": text += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
