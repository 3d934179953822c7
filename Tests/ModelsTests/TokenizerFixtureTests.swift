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

  static func json(_ path: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url(path)))
  }

  static func tokenizer(_ folder: String) throws -> Tokenizer {
    try Tokenizer(contentsOf: url(folder + "/tokenizer.json"))
  }

  /// The hex string of `bytes`, as the fixtures write `utf8_hex`.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }

  /// `[Any]` of JSON numbers as `[Int]`.
  static func ints(_ value: Any?) throws -> [Int] {
    try #require(value as? [Any]).map { try #require(($0 as? NSNumber)?.intValue) }
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
    let reference = try #require(
      TokenizerFixtures.json(testCase.folder + "/reference_outputs.json") as? [String: Any])
    let tests = try #require(reference["tokenizer_tests"] as? [[String: Any]])
    let entry = tests[testCase.index]
    let text = try #require(entry["text"] as? String)
    let tokenizer = try TokenizerFixtures.tokenizer(testCase.folder)
    #expect(TokenizerFixtures.hex(text.utf8) == entry["utf8_hex"] as? String)
    let ids = tokenizer.encode(text)
    #expect(ids == (try TokenizerFixtures.ints(entry["ids"])))
    #expect(ids.map { tokenizer.token(forID: $0) ?? "?" } == entry["tokens"] as? [String])
    #expect(try tokenizer.decode(ids) == entry["decoded"] as? String)
  }

  @Test("the fixture prompts encode to their input_ids")
  func promptsEncode() throws {
    for folder in ["qwen2-tiny", "qwen2vl-tiny"] {
      let reference = try #require(
        TokenizerFixtures.json(folder + "/reference_outputs.json") as? [String: Any])
      let tokenizer = try TokenizerFixtures.tokenizer(folder)
      let prompts = try #require(reference["prompts"] as? [[String: Any]])
      #expect(prompts.count == 3)
      for prompt in prompts where prompt["text"] != nil {
        let text = try #require(prompt["text"] as? String)
        #expect(tokenizer.encode(text) == (try TokenizerFixtures.ints(prompt["input_ids"])))
      }
    }
  }

  @Test("special token ids match the fixtures")
  func specialTokens() throws {
    for folder in ["qwen2-tiny", "qwen2vl-tiny"] {
      let reference = try #require(
        TokenizerFixtures.json(folder + "/reference_outputs.json") as? [String: Any])
      let specials = try #require(reference["special_tokens"] as? [String: Any])
      let tokenizer = try TokenizerFixtures.tokenizer(folder)
      #expect(tokenizer.addedTokens.count == specials.count)
      for (content, id) in specials {
        let expected = try #require((id as? NSNumber)?.intValue)
        #expect(tokenizer.id(forToken: content) == expected)
        #expect(tokenizer.token(forID: expected) == content)
        #expect(tokenizer.isSpecialToken(id: expected))
      }
    }
  }
}
