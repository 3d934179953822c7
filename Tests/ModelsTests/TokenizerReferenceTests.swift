// Exact agreement with Python `tokenizers` on the tables make_tokenizer_vectors.py generated.
import Foundation
import Testing

@testable import Models

@Suite("Reference tables from tokenizers 0.23.3")
struct TokenizerReferenceTests {
  /// vectors.json, as make_tokenizer_vectors.py writes it.
  struct Vectors: Decodable {
    struct EncodeRow: Decodable {
      let text: String
      let ids: [Int]
    }
    struct DecodeRow: Decodable {
      let ids: [Int]
      let skipSpecialTokens: Bool
      let text: String
      enum CodingKeys: String, CodingKey {
        case ids, text
        case skipSpecialTokens = "skip_special_tokens"
      }
    }
    let tokenizersVersion: String
    let addedFlagsIDs: [String: Int]
    let encode: [String: [EncodeRow]]
    let decode: [String: [DecodeRow]]
    enum CodingKeys: String, CodingKey {
      case encode, decode
      case tokenizersVersion = "tokenizers_version"
      case addedFlagsIDs = "added_flags_ids"
    }
  }

  static func vectors() throws -> Vectors {
    try TokenizerFixtures.decode(Vectors.self, "tokenizer/vectors.json")
  }

  static let encodeNames = [
    "qwen2-tiny", "qwen2vl-tiny", "qwen2vl-string-merges", "qwen2vl-no-normalizer",
    "qwen2vl-nfd", "qwen2vl-sequence-normalizer", "qwen2vl-ignore-merges",
    "qwen2vl-added-flags", "qwen2-unk", "qwen2-unk-fused",
  ]

  static func tokenizer(named name: String) throws -> Tokenizer {
    if name == "qwen2-tiny" || name == "qwen2vl-tiny" { return try TokenizerFixtures.tokenizer(name) }
    return try Tokenizer(contentsOf: TokenizerFixtures.url("tokenizer/variants/\(name).json"))
  }

  @Test("the tables were made by tokenizers 0.23.3, the fixtures' version")
  func tableVersion() throws {
    #expect(try Self.vectors().tokenizersVersion == "0.23.3")
  }

  @Test("encode gives tokenizers' ids for every string", arguments: encodeNames)
  func encode(_ name: String) throws {
    let tokenizer = try Self.tokenizer(named: name)
    let rows = try #require(try Self.vectors().encode[name])
    #expect(rows.count >= 250)
    for row in rows {
      #expect(tokenizer.encode(row.text) == row.ids, "text: \(TokenizerError.quoted(row.text))")
    }
  }

  @Test("strings survive encode → decode unless normalization changed them")
  func roundTrip() throws {
    let tokenizer = try TokenizerFixtures.tokenizer("qwen2vl-tiny")
    let rows = try #require(try Self.vectors().encode["qwen2vl-tiny"])
    let normalizer = UnicodeNormalizer(form: .nfc)
    for row in rows {
      let text = row.text
      let decoded = try tokenizer.decode(tokenizer.encode(text))
      let nfc = String(String.UnicodeScalarView(normalizer.normalize(Array(text.unicodeScalars))))
      #expect(Array(decoded.unicodeScalars) == Array(nfc.unicodeScalars),
              "text: \(TokenizerError.quoted(text))")
    }
  }

  @Test("decode matches tokenizers, invalid UTF-8 and skipped special tokens included",
        arguments: ["qwen2-tiny", "qwen2vl-tiny", "qwen2vl-added-flags"])
  func decode(_ name: String) throws {
    let tokenizer = try Self.tokenizer(named: name)
    let rows = try #require(try Self.vectors().decode[name])
    #expect(rows.count >= 200)
    for row in rows {
      let decoded = try tokenizer.decode(row.ids, skippingSpecialTokens: row.skipSpecialTokens)
      #expect(Array(decoded.unicodeScalars) == Array(row.text.unicodeScalars), "ids: \(row.ids)")
    }
  }

  @Test("added tokens get the ids tokenizers assigns, whatever the file says")
  func addedTokenIDs() throws {
    let tokenizer = try Self.tokenizer(named: "qwen2vl-added-flags")
    for (content, id) in try Self.vectors().addedFlagsIDs {
      #expect(tokenizer.id(forToken: content) == id, "\(content)")
    }
    #expect(tokenizer.id(forToken: "Hello") == 605)  // the file says 9999
    #expect(!tokenizer.isSpecialToken(id: 600) && tokenizer.isSpecialToken(id: 601))
  }

  @Test("NFC and NFD match tokenizers' Unicode 9.0 normalizers on every probe")
  func normalization() throws {
    let text = try String(contentsOf: TokenizerFixtures.url("tokenizer/normalization.txt"),
                          encoding: .utf8)
    let nfc = UnicodeNormalizer(form: .nfc)
    let nfd = UnicodeNormalizer(form: .nfd)
    func scalars(_ field: Substring) -> [Unicode.Scalar] {
      field.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
    }
    var probes = 0
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3 else { continue }
      let input = scalars(fields[0])
      #expect(nfc.normalize(input) == scalars(fields[1]), "NFC of \(fields[0])")
      #expect(nfd.normalize(input) == scalars(fields[2]), "NFD of \(fields[0])")
      probes += 1
    }
    #expect(probes > 10_000)
  }

  @Test("\\p{L}, \\p{N} and \\s classify all 1,114,112 scalars as tokenizers' Oniguruma does")
  func characterClasses() throws {
    let classes = try TokenizerFixtures.decode([String: [[Int]]].self, "tokenizer/classes.json")
    var expected = [Qwen2Split.ScalarClass](repeating: .other, count: 0x110000)
    for (name, scalarClass) in [("letter", Qwen2Split.ScalarClass.letter),
                                ("number", .number), ("whitespace", .whitespace)]
    {
      for range in try #require(classes[name]) {
        for value in range[0]...range[1] { expected[value] = scalarClass }
      }
    }
    var mismatches: [String] = []
    for value in 0..<0x110000 {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      if Qwen2Split.classify(scalar) != expected[value] {
        mismatches.append(String(value, radix: 16))
      }
    }
    #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(10))")
  }
}
