// Reading and writing tokenizer.json: clear errors for malformed files, byte-exact saves.
import Foundation
import Testing

@testable import Models

@Suite("tokenizer.json loading and saving")
struct TokenizerLoadingTests {
  /// The qwen2vl-tiny tokenizer.json as a mutable JSON object.
  static func fixtureDocument() throws -> [String: Any] {
    let data = try Data(contentsOf: TokenizerFixtures.url("qwen2vl-tiny/tokenizer.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// A malformed or unsupported file, and the error it must give.
  struct ErrorCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let edit: @Sendable (inout [String: Any]) -> Void
    let expected: TokenizerError
  }

  static func set(_ path: [String], _ value: Any) -> @Sendable (inout [String: Any]) -> Void {
    nonisolated(unsafe) let value = value
    return { document in
      func assign(_ object: inout [String: Any], _ keys: ArraySlice<String>) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
          object[key] = value
        } else {
          var inner = object[key] as? [String: Any] ?? [:]
          assign(&inner, keys.dropFirst())
          object[key] = inner
        }
      }
      assign(&document, path[...])
    }
  }

  static let source = "mutated/tokenizer.json"
  static func unsupported(_ field: String, _ value: String, _ hint: String) -> TokenizerError {
    .unsupported(source: source, field: field, value: value, hint: hint)
  }
  static func malformed(_ field: String, _ expected: String) -> TokenizerError {
    .malformedField(source: source, field: field, expected: expected)
  }
  static let preTokenizerHint = "rlnb implements Qwen2's pre-tokenizer: Sequence[Split(Qwen2 "
    + "pattern, Isolated), ByteLevel(add_prefix_space: false, use_regex: false)]"

  static let errorCases: [ErrorCase] = [
    ErrorCase(testDescription: "unknown version", edit: set(["version"], "2.0"),
              expected: unsupported("version", "\"2.0\"", "tokenizers writes version \"1.0\"")),
    ErrorCase(testDescription: "truncation set", edit: set(["truncation"], ["max_length": 8]),
              expected: unsupported("truncation", "(an object)",
                                    "set it to null: rlnb encodes whole texts and pads batches itself")),
    ErrorCase(testDescription: "NFKC normalizer", edit: set(["normalizer", "type"], "NFKC"),
              expected: unsupported("normalizer.type", "\"NFKC\"",
                                    "rlnb implements the NFC and NFD normalizers (Qwen2 uses NFC)")),
    ErrorCase(testDescription: "Lowercase inside a Sequence",
              edit: set(["normalizer"], ["type": "Sequence", "normalizers": [["type": "Lowercase"]]]),
              expected: unsupported("normalizer.normalizers[0].type", "\"Lowercase\"",
                                    "rlnb implements the NFC and NFD normalizers (Qwen2 uses NFC)")),
    ErrorCase(testDescription: "normalizer without type", edit: set(["normalizer"], [String: Any]()),
              expected: malformed("normalizer.type", "a string")),
    ErrorCase(testDescription: "null pre-tokenizer", edit: set(["pre_tokenizer"], NSNull()),
              expected: unsupported("pre_tokenizer", "null", preTokenizerHint)),
    ErrorCase(testDescription: "GPT-2 pattern",
              edit: { document in
                var pre = document["pre_tokenizer"] as? [String: Any] ?? [:]
                var parts = pre["pretokenizers"] as? [[String: Any]] ?? []
                parts[0]["pattern"] = ["Regex": "'s|'t| ?\\p{L}+"]
                pre["pretokenizers"] = parts
                document["pre_tokenizer"] = pre
              },
              expected: unsupported("pre_tokenizer.pretokenizers[0].pattern.Regex",
                                    "\"'s|'t| ?\\p{L}+\"", preTokenizerHint)),
    ErrorCase(testDescription: "ByteLevel with a prefix space",
              edit: { document in
                var pre = document["pre_tokenizer"] as? [String: Any] ?? [:]
                var parts = pre["pretokenizers"] as? [[String: Any]] ?? []
                parts[1]["add_prefix_space"] = true
                pre["pretokenizers"] = parts
                document["pre_tokenizer"] = pre
              },
              expected: unsupported("pre_tokenizer.pretokenizers[1].add_prefix_space", "true",
                                    preTokenizerHint)),
    ErrorCase(testDescription: "WordPiece decoder", edit: set(["decoder", "type"], "WordPiece"),
              expected: unsupported("decoder.type", "\"WordPiece\"",
                                    "rlnb implements the ByteLevel decoder (or null)")),
    ErrorCase(testDescription: "template post-processor",
              edit: set(["post_processor"], ["type": "TemplateProcessing"]),
              expected: unsupported("post_processor.type", "\"TemplateProcessing\"",
                                    "rlnb implements the ByteLevel post-processor (or null)")),
    ErrorCase(testDescription: "Unigram model", edit: set(["model", "type"], "Unigram"),
              expected: unsupported("model.type", "\"Unigram\"", "rlnb implements BPE models only")),
    ErrorCase(testDescription: "dropout", edit: set(["model", "dropout"], 0.1),
              expected: unsupported("model.dropout", "(a number)",
                                    "BPE dropout is random; set it to null")),
    ErrorCase(testDescription: "byte fallback", edit: set(["model", "byte_fallback"], true),
              expected: unsupported("model.byte_fallback", "true",
                                    "byte-level BPE never needs byte fallback")),
    ErrorCase(testDescription: "subword prefix",
              edit: set(["model", "continuing_subword_prefix"], "##"),
              expected: unsupported("model.continuing_subword_prefix", "\"##\"",
                                    "set it to null or \"\" as Qwen2 does")),
    ErrorCase(testDescription: "flag of the wrong type", edit: set(["model", "fuse_unk"], 1),
              expected: malformed("model.fuse_unk", "true or false")),
    ErrorCase(testDescription: "missing vocab", edit: set(["model", "vocab"], NSNull()),
              expected: malformed("model.vocab", "an object")),
    ErrorCase(testDescription: "vocab id not an integer", edit: set(["model", "vocab"], ["a": "x"]),
              expected: malformed("model.vocab[\"a\"]", "a non-negative integer id")),
    ErrorCase(testDescription: "missing merges", edit: set(["model", "merges"], NSNull()),
              expected: malformed("model.merges", "an array")),
    ErrorCase(testDescription: "merge with three parts", edit: set(["model", "merges"], ["a b c"]),
              expected: malformed("model.merges[0]",
                                  "a merge, as \"left right\" or [\"left\", \"right\"]")),
    ErrorCase(testDescription: "merge of unknown tokens", edit: set(["model", "merges"], [["a", "Ω"]]),
              expected: .tokenNotInVocabulary(source: source, field: "model.merges[0]", token: "Ω")),
    ErrorCase(testDescription: "merge result missing",
              edit: set(["model", "merges"], ["Ġ a", "q z"]),
              expected: .tokenNotInVocabulary(source: source, field: "model.merges[1]", token: "qz")),
    ErrorCase(testDescription: "unknown token missing", edit: set(["model", "unk_token"], "<unk>"),
              expected: .tokenNotInVocabulary(source: source, field: "model.unk_token",
                                               token: "<unk>")),
    ErrorCase(testDescription: "added token without content",
              edit: set(["added_tokens"], [["id": 600, "special": true]]),
              expected: malformed("added_tokens[0].content", "a string")),
    ErrorCase(testDescription: "negative added token id",
              edit: set(["added_tokens"], [["id": -1, "content": "<x>"]]),
              expected: malformed("added_tokens[0].id", "a non-negative integer id")),
  ]

  @Test("malformed and unsupported files throw an error naming file and field",
        arguments: errorCases)
  func errors(_ errorCase: ErrorCase) throws {
    var document = try Self.fixtureDocument()
    errorCase.edit(&document)
    let data = try JSONSerialization.data(withJSONObject: document)
    #expect(throws: errorCase.expected) { _ = try Tokenizer(jsonData: data, source: Self.source) }
  }

  @Test("error messages name the file and the field, and give a hint for unsupported values")
  func messages() {
    #expect(Self.malformed("model.merges[0]", "a merge").description
            == "mutated/tokenizer.json: model.merges[0]: expected a merge")
    #expect(Self.unsupported("model.type", "\"Unigram\"", "rlnb implements BPE models only")
      .description == "mutated/tokenizer.json: model.type: unsupported value \"Unigram\"\n"
      + "---> HINT: rlnb implements BPE models only")
    #expect(TokenizerError.tokenNotInVocabulary(source: "t.json", field: "model.merges[4]",
                                                token: "a\nb").description
            == "t.json: model.merges[4]: token 'a\\nb' is not in model.vocab")
    #expect(TokenizerError.unknownTokenID(700, vocabularySize: 600).description
            == "unknown token id 700 (the tokenizer has 600 tokens)")
  }

  @Test("invalid JSON and unreadable files are reported with their place")
  func invalidFiles() throws {
    #expect(throws: TokenizerError.invalidJSON(source: "x.json",
                                               reason: "line 2, column 3: expected a string key"))
    {
      _ = try Tokenizer(jsonData: Data("{\n  ,}".utf8), source: "x.json")
    }
    #expect(throws: TokenizerError.malformedField(source: "x.json", field: "(document)",
                                                  expected: "an object"))
    {
      _ = try Tokenizer(jsonData: Data("[]".utf8), source: "x.json")
    }
    let missing = URL(fileURLWithPath: "/nonexistent/rlnb/tokenizer.json")
    do {
      _ = try Tokenizer(contentsOf: missing)
      Issue.record("loading a missing file succeeded")
    } catch {
      guard case .fileAccess(let source, _) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(source == missing.path)
    }
  }

  @Test("decoding an unknown id throws instead of trapping")
  func unknownIDs() throws {
    let tokenizer = try TokenizerFixtures.tokenizer("qwen2vl-tiny")
    #expect(tokenizer.vocabularySize == 600)
    #expect(throws: TokenizerError.unknownTokenID(600, vocabularySize: 600)) {
      _ = try tokenizer.decode([1, 600])
    }
    #expect(throws: TokenizerError.unknownTokenID(-1, vocabularySize: 600)) {
      _ = try tokenizer.decode([-1])
    }
    #expect(tokenizer.token(forID: Int.max) == nil)
  }

  @Test("without a decoder, tokens are joined by spaces as tokenizers does")
  func nullDecoder() throws {
    var document = try Self.fixtureDocument()
    document["decoder"] = NSNull()
    let tokenizer = try Tokenizer(jsonData: JSONSerialization.data(withJSONObject: document))
    let ids = tokenizer.encode("Describe the image.<|im_end|>")
    #expect(ids == [438, 261, 355, 13, 588])
    // Reference: tokenizers 0.23.3 with "decoder": null.
    #expect(try tokenizer.decode(ids) == "Describe Ġthe Ġimage . <|im_end|>")
    #expect(try tokenizer.decode(ids, skippingSpecialTokens: true) == "Describe Ġthe Ġimage .")
  }

  @Test("saving reproduces the files tokenizers itself saved, byte for byte",
        arguments: ["qwen2vl-added-flags", "qwen2vl-nfd", "qwen2vl-no-normalizer",
                    "qwen2vl-sequence-normalizer", "qwen2vl-ignore-merges", "qwen2-unk-fused"])
  func savesLikeTokenizers(_ name: String) throws {
    let url = try TokenizerFixtures.url("tokenizer/variants/\(name).json")
    let tokenizer = try Tokenizer(contentsOf: url)
    #expect(tokenizer.jsonData() == (try Data(contentsOf: url)))
  }

  @Test("string merges load like pair merges and are saved as pairs")
  func stringMerges() throws {
    let strings = try Tokenizer(contentsOf: TokenizerFixtures.url(
      "tokenizer/variants/qwen2vl-string-merges.json"))
    let pairs = try TokenizerFixtures.tokenizer("qwen2vl-tiny")
    #expect(strings.jsonData() == pairs.jsonData())
    #expect(strings.encode("Describe the image.") == [438, 261, 355, 13])
  }

  @Test("the JSON reader keeps strings exactly, escapes and byte order marks included")
  func jsonStrings() throws {
    let text = #"{"a": "\u00e9\ud83d\ude00\n\"", "b": "﻿bom", "c": [1, -2, 3.5, true, null]}"#
    let value = try JSONValue.parse(Data(text.utf8))
    guard case .string(let a) = value["a"], case .string(let b) = value["b"],
      case .array(let c) = value["c"]
    else {
      Issue.record("unexpected shape \(value)")
      return
    }
    #expect(Array(a.unicodeScalars) == ["\u{E9}", "\u{1F600}", "\n", "\""])
    #expect(b.unicodeScalars.first == "\u{FEFF}")
    #expect(c.count == 5)
    if case .integer(let minusTwo) = c[1] { #expect(minusTwo == -2) } else { Issue.record("c[1]") }
    if case .number(let half) = c[2] { #expect(half == 3.5) } else { Issue.record("c[2]") }
    for bad in [#"{"a": "\ud800"}"#, #"{"a": 01}"#, #"{"a": "x"} x"#, "{\"a\": \"\u{01}\"}"] {
      #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(Data(bad.utf8)) }
    }
  }
}
