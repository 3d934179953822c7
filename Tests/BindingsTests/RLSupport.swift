// Support for the RL binding tests: an interpreter holding a tiny random policy and a toy dataset.

import Bindings
import Foundation
import Lang
import Models
import Tensor

/// The repository's test fixtures (shared with ModelsTests and RLTests rather than copied again).
let repositoryFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

/// A random two-layer Qwen2 (hidden 32) with the qwen2-tiny tokenizer: fast enough to sample,
/// score and update in milliseconds.
func tinyPolicy(seed: UInt64 = 1) throws -> PretrainedModel {
  let tokenizer = try Tokenizer(contentsOf: repositoryFixtures.appendingPathComponent("RLTests/Fixtures/qwen2-tiny/tokenizer.json"))
  let configuration = TextConfiguration(hiddenSize: 32, intermediateSize: 64, layerCount: 2, headCount: 2, keyValueHeadCount: 1,
                                        vocabularySize: 512, ropeTheta: 10000, tieWordEmbeddings: true)
  let model = try Qwen2Model(configuration: configuration)
  var generator = RandomGenerator(seed: seed)
  try model.initializeRandomly(standardDeviation: 0.05, generator: &generator)
  return PretrainedModel(architecture: .qwen2(model), tokenizer: tokenizer, generation: GenerationConfiguration(eosTokenIds: [509], padTokenId: 509))
}

/// An interpreter with `policy` (a tiny random model) and `data` (the path of a 16-row text-only
/// MAYE file whose answer is always 7) defined, working in a scratch directory.
func rlInterpreter() throws -> (interpreter: Interpreter, directory: URL, output: () -> String) {
  let directory = try scratchDirectory()
  let rows = (0..<16).map { #"{"id": "q\#($0)", "question": "What is \#($0) + 7 - \#($0)?", "answer": "7", "solution": "\\boxed{7}"}"# }
  try rows.joined(separator: "\n").write(to: directory.appendingPathComponent("toy.jsonl"), atomically: true, encoding: .utf8)
  let interpreter = try Startup.makeInterpreter()
  interpreter.workingDirectory = directory.path
  final class Sink { var text = "" }
  let sink = Sink()
  interpreter.output = { sink.text += $0 }
  interpreter.define("policy", .native(ModelObject(try tinyPolicy())))
  interpreter.define("data", .string(directory.appendingPathComponent("toy.jsonl").path))
  return (interpreter, directory, { sink.text })
}

extension Interpreter {
  /// Runs `source` and returns the value of its last expression.
  @discardableResult
  func value(_ source: String) throws -> Value { try run(source, file: "t.rlnb") ?? .nil }

  /// The number a program computes.
  func number(_ source: String) throws -> Double {
    guard case .number(let n) = try value(source) else { throw LangError.message("not a number: \(source)") }
    return n
  }
}

/// The message of the error `source` raises, or nil when it runs.
func errorMessage(_ interpreter: Interpreter, _ source: String) -> String? {
  do {
    try interpreter.run(source, file: "t.rlnb")
    return nil
  } catch {
    return error.message
  }
}
