// The fixtures' tokenizer_tests: every string encodes to transformers' ids and decodes back.
import Foundation
import Testing

@testable import Models

/// Reads the files under `Tests/ModelsTests/Fixtures`, copied from shared/fixtures.
enum TokenizerFixtures {
  static func url(_ path: String) throws -> URL {
    let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return root.appending(path: path)
  }

  /// Decodes a fixture with `JSONDecoder` (not `JSONSerialization`, which drops a leading
  /// U+FEFF from strings on Linux).
  static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(contentsOf: url(path)))
  }

  static func tokenizer(_ folder: String) throws -> Tokenizer {
    try Tokenizer(contentsOf: url(folder + "/tokenizer.json"))
  }

  /// The hex string of `bytes`, as the fixtures write `utf8_hex`.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }

}

/// The parts of a fixture's `reference_outputs.json` the tokenizer tests read.
struct TokenizerReferenceOutputs: Decodable {
  struct TokenizerTest: Decodable {
    let text: String
    let utf8Hex: String
    let ids: [Int]
    let tokens: [String]
    let decoded: String
    enum CodingKeys: String, CodingKey {
      case text, ids, tokens, decoded
      case utf8Hex = "utf8_hex"
    }
  }
  struct Prompt: Decodable {
    let text: String?
    let inputIDs: [Int]
    enum CodingKeys: String, CodingKey {
      case text
      case inputIDs = "input_ids"
    }
  }
  let tokenizerTests: [TokenizerTest]
  let specialTokens: [String: Int]
  let prompts: [Prompt]
  enum CodingKeys: String, CodingKey {
    case prompts
    case tokenizerTests = "tokenizer_tests"
    case specialTokens = "special_tokens"
  }

  static func load(_ folder: String) throws -> TokenizerReferenceOutputs {
    try TokenizerFixtures.decode(Self.self, folder + "/reference_outputs.json")
  }
}

@Suite("Fixture tokenizer_tests")
struct TokenizerFixtureTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let folder: String
    let index: Int
    var testDescription: String { "\(folder) #\(index)" }
  }

  static let cases: [Case] = (0..<6).map { Case(folder: "qwen2-tiny", index: $0) }
    + (0..<5).map { Case(folder: "qwen2vl-tiny", index: $0) }

  @Test("every fixture string encodes to the reference ids and decodes back", arguments: cases)
  func encodesAndDecodes(_ testCase: Case) throws {
    let entry = try TokenizerReferenceOutputs.load(testCase.folder).tokenizerTests[testCase.index]
    let tokenizer = try TokenizerFixtures.tokenizer(testCase.folder)
    #expect(TokenizerFixtures.hex(entry.text.utf8) == entry.utf8Hex)
    let ids = tokenizer.encode(entry.text)
    #expect(ids == entry.ids)
    #expect(ids.map { tokenizer.token(forID: $0) ?? "?" } == entry.tokens)
    let decoded = try tokenizer.decode(ids)
    #expect(Array(decoded.unicodeScalars) == Array(entry.decoded.unicodeScalars))
  }

  @Test("the fixture prompts encode to their input_ids")
  func promptsEncode() throws {
    for folder in ["qwen2-tiny", "qwen2vl-tiny"] {
      let tokenizer = try TokenizerFixtures.tokenizer(folder)
      let prompts = try TokenizerReferenceOutputs.load(folder).prompts
      #expect(prompts.count == 3)
      for prompt in prompts {
        guard let text = prompt.text else { continue }  // Qwen2-VL prompts are chats
        #expect(tokenizer.encode(text) == prompt.inputIDs)
      }
    }
  }

  @Test("special token ids match the fixtures")
  func specialTokens() throws {
    for folder in ["qwen2-tiny", "qwen2vl-tiny"] {
      let specials = try TokenizerReferenceOutputs.load(folder).specialTokens
      let tokenizer = try TokenizerFixtures.tokenizer(folder)
      #expect(tokenizer.addedTokens.count == specials.count)
      for (content, expected) in specials {
        #expect(tokenizer.id(forToken: content) == expected)
        #expect(tokenizer.token(forID: expected) == content)
        #expect(tokenizer.isSpecialToken(id: expected))
      }
    }
  }
}
