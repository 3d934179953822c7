// Tests of the Qwen2 decoder against transformers' outputs for the qwen2-tiny fixture.
import Foundation
import Testing
@testable import Models
@testable import Tensor

/// The fixture directory `name` inside the test bundle.
func fixtureDirectory(_ name: String) throws -> String {
  let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return url.appendingPathComponent(name).path
}

/// The parts of qwen2-tiny's reference_outputs.json these tests use.
struct Qwen2Reference: Decodable {
  struct Prompt: Decodable {
    let text: String
    let input_ids: [Int]
    let last_logits_all: [Float]
    let last_logsumexp: Float
    let greedy_new_ids: [Int]
    let greedy_step_logits_first16: [[Float]]
    let debug_hidden_last_pos_first8: [String: [Float]]?
    let all_positions_logits_first8: [[Float]]?
  }
  let prompts: [Prompt]

  static func load() throws -> Qwen2Reference {
    let path = try fixtureDirectory("qwen2-tiny") + "/reference_outputs.json"
    return try JSONDecoder().decode(Qwen2Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

@Suite struct Qwen2ModelTests {
  let model: Qwen2Model
  let reference: Qwen2Reference

  init() throws {
    model = try Qwen2Model.load(directory: fixtureDirectory("qwen2-tiny"))
    reference = try Qwen2Reference.load()
  }

  @Test func configurationIsReadFromTransformers5Layout() {
    let c = model.configuration
    #expect(c.hiddenSize == 128 && c.layerCount == 4 && c.headCount == 4 && c.keyValueHeadCount == 2)
    #expect(c.ropeTheta == 10000 && c.tieWordEmbeddings && c.eosTokenIds == [509] && c.rmsNormEps == 1e-6)
    #expect(model.parameters.parameterCount == 1_050_752)  // the "S" size of BASELINES.md
  }

  @Test func lastPositionLogitsMatchTransformers() throws {
    for prompt in reference.prompts {
      let ids = try IntTensor(shape: [1, prompt.input_ids.count], values: prompt.input_ids)
      let logits = try withoutGradient { try model.logits(ids: ids) }
      let last = try logits.selected(axis: 1, index: -1).reshaped([-1])
      expectClose(last.scalars, prompt.last_logits_all, absolute: 1e-4, relative: 0, "logits of \(prompt.text)")
      #expect(Swift.abs(try last.logSumExp(axis: 0).item() - prompt.last_logsumexp) < 1e-4)
    }
  }

  @Test func everyLayerAndPositionMatches() throws {
    let prompt = reference.prompts[0]
    let ids = try IntTensor(shape: [1, prompt.input_ids.count], values: prompt.input_ids)
    var outputs: [Tensor] = []
    let hidden = try withoutGradient { try model.hiddenStates(embeddings: model.embed(ids), layerOutputs: &outputs) }
    let debug = try #require(prompt.debug_hidden_last_pos_first8)
    let keys = ["embeddings", "after_layer_1", "after_layer_2", "after_layer_3", "after_layer_4_final_norm_applied"]
    let expected = try keys.map { try #require(debug[$0], "fixture lacks \($0)") }
    #expect(outputs.count == expected.count)
    for (index, (output, values)) in zip(outputs, expected).enumerated() {
      let lastFirst8 = try output.selected(axis: 1, index: -1).reshaped([-1]).sliced(axis: 0, end: 8)
      expectClose(lastFirst8.scalars, values, absolute: 1e-4, relative: 0, "hidden state \(index)")
    }
    let allLogits = try withoutGradient { try model.logits(hiddenStates: hidden) }
    for (position, values) in (prompt.all_positions_logits_first8 ?? []).enumerated() {
      let first8 = try allLogits.selected(axis: 1, index: position).reshaped([-1]).sliced(axis: 0, end: 8)
      expectClose(first8.scalars, values, absolute: 1e-4, relative: 0, "logits at position \(position)")
    }
  }

  /// Greedy decoding by full recomputation and with the KV cache: both must give transformers'
  /// 16 tokens (every top-1/top-2 margin is ≥ 0.036, far above float noise).
  @Test func greedyContinuationsMatchWithAndWithoutCache() throws {
    for prompt in reference.prompts {
      var sequence = prompt.input_ids
      for _ in 0..<prompt.greedy_new_ids.count {
        let logits = try withoutGradient { try model.logits(ids: IntTensor(shape: [1, sequence.count], values: sequence)) }
        sequence.append(try logits.selected(axis: 1, index: -1).argmax(axis: -1).item())
      }
      #expect(Array(sequence.dropFirst(prompt.input_ids.count)) == prompt.greedy_new_ids, "full recompute: \(prompt.text)")

      let cache = try KVCache(configuration: model.configuration, batch: 1, capacity: 64)
      var next = try IntTensor(shape: [1, prompt.input_ids.count], values: prompt.input_ids)
      var generated: [Int] = []
      for step in 0..<prompt.greedy_new_ids.count {
        let logits = try withoutGradient { try model.logits(ids: next, cache: cache) }.selected(axis: 1, index: -1).reshaped([-1])
        expectClose(try logits.sliced(axis: 0, end: 16).scalars, prompt.greedy_step_logits_first16[step], absolute: 1e-4, relative: 0,
                    "cached step \(step)")
        let token = try logits.argmax().item()
        generated.append(token)
        next = try IntTensor(shape: [1, 1], values: [token])
      }
      #expect(generated == prompt.greedy_new_ids, "KV cache: \(prompt.text)")
    }
  }

  /// A left-padded batch gives each row the logits it has alone (positions from the mask).
  @Test func leftPaddedBatchMatchesUnbatchedRows() throws {
    let prompts = reference.prompts.map(\.input_ids)
    let width = prompts.map(\.count).max() ?? 0
    let pad = 509
    let ids = prompts.map { [Int](repeating: pad, count: width - $0.count) + $0 }
    let mask = prompts.map { [Int](repeating: 0, count: width - $0.count) + [Int](repeating: 1, count: $0.count) }
    let logits = try withoutGradient {
      try model.logits(ids: IntTensor(shape: [prompts.count, width], values: ids.flatMap { $0 }), attentionMask: mask,
                       positions: .from(attentionMask: mask))
    }
    #expect(logits.scalars.allSatisfy { $0.isFinite })
    for (row, prompt) in reference.prompts.enumerated() {
      let last = try logits.selected(axis: 0, index: row).selected(axis: 0, index: -1)
      expectClose(last.scalars, prompt.last_logits_all, absolute: 1e-4, relative: 0, "row \(row)")
    }
  }

  @Test func saveAndLoadRoundTripIsBitExact() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-qwen2-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try model.save(to: directory)
    let loaded = try Qwen2Model.load(directory: directory)
    #expect(loaded.configuration == model.configuration)
    #expect(loaded.parameters.values.scalars == model.parameters.values.scalars)
    // Shards: a small limit splits the weights over several files with an index.
    let sharded = directory + "-sharded"
    defer { try? FileManager.default.removeItem(atPath: sharded) }
    try model.save(to: sharded, maximumShardBytes: 1 << 20)
    #expect(FileManager.default.fileExists(atPath: sharded + "/model.safetensors.index.json"))
    #expect(try Qwen2Model.load(directory: sharded).parameters.values.scalars == model.parameters.values.scalars)
  }

  @Test func bfloat16CheckpointLoadsWithRoundedWeights() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-bf16-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try model.save(to: directory, dtype: .bfloat16)
    let loaded = try Qwen2Model.load(directory: directory)
    let original = model.parameters.values.scalars, rounded = loaded.parameters.values.scalars
    for (a, b) in zip(original, rounded) where Swift.abs(a - b) > Swift.abs(a) * 1.0 / 256 {
      Issue.record("bf16 value \(b) is not the rounding of \(a)")
      break
    }
    #expect(rounded.allSatisfy { $0.bitPattern & 0xFFFF == 0 })
  }
}
