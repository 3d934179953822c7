// BPETrainer against tokenizers' BpeTrainer: the same corpus gives byte-identical tokenizer.json.
import Foundation
import Testing

@testable import Models

@Suite("BPE trainer")
struct TokenizerTrainerTests {
  struct Configuration: Sendable, CustomTestStringConvertible {
    let name: String
    let vocabularySize: Int
    let minimumFrequency: Int
    let specialTokens: [String]
    var testDescription: String { name }
  }

  /// The CONFIGS of make_trainer_reference.py.
  static let configurations = [
    Configuration(name: "vocab400-min2-specials", vocabularySize: 400, minimumFrequency: 2,
                  specialTokens: ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]),
    Configuration(name: "vocab1200-min0", vocabularySize: 1200, minimumFrequency: 0,
                  specialTokens: []),
    Configuration(name: "vocab5000-min3-exhausted", vocabularySize: 5000, minimumFrequency: 3,
                  specialTokens: ["!"]),
  ]

  static func corpus() throws -> [String] {
    try TokenizerFixtures.decode([String].self, "tokenizer/trainer/corpus.json")
  }

  static func train(_ configuration: Configuration) throws -> Tokenizer {
    let trainer = BPETrainer(vocabularySize: configuration.vocabularySize,
                             minimumFrequency: configuration.minimumFrequency,
                             specialTokens: configuration.specialTokens)
    return try trainer.train(on: corpus())
  }

  @Test("the saved tokenizer.json is byte-identical to tokenizers' for the same corpus",
        arguments: configurations)
  func matchesTokenizers(_ configuration: Configuration) throws {
    let trained = try Self.train(configuration)
    let reference = try Data(contentsOf: TokenizerFixtures.url(
      "tokenizer/trainer/\(configuration.name).json"))
    let ours = trained.jsonData()
    if ours != reference {
      let lines = String(decoding: ours, as: UTF8.self).split(separator: "\n")
      let expected = String(decoding: reference, as: UTF8.self).split(separator: "\n")
      let first = (0..<min(lines.count, expected.count)).first { lines[$0] != expected[$0] }
        ?? min(lines.count, expected.count)
      let ourLine = first < lines.count ? String(lines[first]) : "<end>"
      let theirLine = first < expected.count ? String(expected[first]) : "<end>"
      Issue.record("first difference at line \(first + 1): \(ourLine) vs \(theirLine)")
    }
    #expect(ours == reference)
  }

  @Test("a trained tokenizer saves, loads back and round-trips the corpus",
        arguments: configurations)
  func roundTrips(_ configuration: Configuration) throws {
    let trained = try Self.train(configuration)
    let directory = FileManager.default.temporaryDirectory
      .appending(path: "rlnb-trainer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appending(path: "tokenizer.json")
    try trained.write(to: file)
    let loaded = try Tokenizer(contentsOf: file)
    #expect(loaded.vocabularySize == trained.vocabularySize)
    #expect(loaded.vocabularySize <= max(configuration.vocabularySize, 256))
    let reference = try Tokenizer(contentsOf: TokenizerFixtures.url(
      "tokenizer/trainer/\(configuration.name).json"))
    for line in try Self.corpus() {
      let ids = loaded.encode(line)
      #expect(ids == trained.encode(line))
      #expect(ids == reference.encode(line))
      if !line.unicodeScalars.contains("\u{301}") {  // NFC changes "cafe\u{301}"
        #expect(try loaded.decode(ids) == line)
      }
    }
    #expect(loaded.jsonData() == trained.jsonData())
  }

  @Test("special tokens take the first ids and are special added tokens")
  func specialTokens() throws {
    let trained = try Self.train(Self.configurations[0])
    #expect(trained.id(forToken: "<|endoftext|>") == 0)
    #expect(trained.id(forToken: "<|im_end|>") == 2)
    #expect(trained.id(forToken: "!") == 3)
    #expect(trained.addedTokens.map(\.content) == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
    #expect(trained.encode("<|im_start|>hi<|im_end|>").first == 1)
    #expect(try trained.decode([1, 2], skippingSpecialTokens: true) == "")
  }

  @Test("merging a word reports the pair-count changes tokenizers' Word::merge reports")
  func wordMerge() {
    // "h e l l o" with l l → ll (ids: h 0, e 1, l 2, o 3, ll 4), as in tokenizers' test.
    var word: [Int32] = [0, 1, 2, 2, 3]
    let changes = BPETrainer.merge(&word, 2, 2, into: 4)
    #expect(word == [0, 1, 4, 3])
    #expect(changes.map(\.pair) == [BPEModel.key(1, 2), BPEModel.key(1, 4),
                                    BPEModel.key(2, 3), BPEModel.key(4, 3)])
    #expect(changes.map(\.change) == [-1, 1, -1, 1])
    var run: [Int32] = [2, 2, 2, 2, 2]
    _ = BPETrainer.merge(&run, 2, 2, into: 4)
    #expect(run == [4, 4, 2])
  }

  @Test("negative settings are rejected with a message naming them")
  func invalidSettings() {
    #expect(throws: TokenizerError.invalidTrainerSetting(
      name: "vocabularySize", value: -1, expected: "at least 0"))
    {
      _ = try BPETrainer(vocabularySize: -1).train(on: ["a"])
    }
    let error = TokenizerError.invalidTrainerSetting(name: "minimumFrequency", value: -2,
                                                     expected: "at least 0")
    #expect(error.description == "bpe trainer: minimumFrequency is -2, expected at least 0")
    #expect(throws: error) { _ = try BPETrainer(minimumFrequency: -2).train(on: ["a"]) }
  }

  @Test("an empty corpus gives the 256 byte tokens and no merges")
  func emptyCorpus() throws {
    let trained = try BPETrainer(vocabularySize: 1000).train(on: [String]())
    #expect(trained.vocabularySize == 256)
    #expect(trained.id(forToken: "!") == 0)
    #expect(trained.encode("hi") == [trained.id(forToken: "h"), trained.id(forToken: "i")])
  }
}
