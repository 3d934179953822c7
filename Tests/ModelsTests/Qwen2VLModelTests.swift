// Tests of Qwen2-VL against transformers' outputs for the qwen2vl-tiny fixture.
import Foundation
import Testing
@testable import Models
@testable import Tensor

/// The parts of qwen2vl-tiny's reference_outputs.json these tests use.
struct Qwen2VLReference: Decodable {
  struct Prompt: Decodable {
    let name: String
    let input_ids: [Int]
    let image_grid_thw: [[Int]]?
    let position_ids: [[Int]]
    let mrope_position_deltas: [Int]
    let last_logits_all: [Float]
    let greedy_new_ids: [Int]
    let greedy_step_logits_first16: [[Float]]
    let greedy_positions_fed: [Int]
    let images: [String]?
    let vision_output_first16: [Float]?
    let vision_output_sum: Double?
    let debug_vision: DebugVision?

    var grids: [VisionGrid] { (image_grid_thw ?? []).map { VisionGrid(temporal: $0[0], height: $0[1], width: $0[2]) } }
  }
  struct DebugVision: Decodable {
    let patch_embed_row0_first8: [Float]
    let after_block_0_row0_first8: [Float]
    let after_block_1_row0_first8: [Float]
    let vision_rope_hw_first16: [[Int]]
  }
  struct Batch: Decodable {
    let order: [String]
    let input_ids: [[Int]]
    let attention_mask: [[Int]]
    let position_ids: [[[Int]]]
    let mrope_position_deltas: [Int]
    let last_logits_first16: [[Float]]
  }
  let prompts: [Prompt]
  let batched_left_padded: Batch

  static func load() throws -> Qwen2VLReference {
    let path = try fixtureDirectory("qwen2vl-tiny") + "/reference_outputs.json"
    return try JSONDecoder().decode(Qwen2VLReference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

@Suite struct Qwen2VLModelTests {
  let model: Qwen2VLModel
  let reference: Qwen2VLReference

  init() throws {
    model = try Qwen2VLModel.load(directory: fixtureDirectory("qwen2vl-tiny"))
    reference = try Qwen2VLReference.load()
  }

  @Test func configurationReadsNestedTransformers5Layout() {
    let c = model.configuration
    #expect(c.text.mropeSection == [4, 6, 6] && c.text.ropeTheta == 1_000_000 && c.text.vocabularySize == 600)
    #expect(c.vision.embedDim == 64 && c.vision.depth == 2 && c.vision.headCount == 4 && c.vision.outputSize == 128)
    #expect(c.imageTokenId == 598 && c.visionStartTokenId == 595)
  }

  @Test func ropeIndexMatchesGetRopeIndex() throws {
    for prompt in reference.prompts {
      let (positions, deltas) = try model.ropeIndex(ids: [prompt.input_ids], grids: prompt.grids)
      #expect(positions.map { $0[0] } == prompt.position_ids, "\(prompt.name)")
      #expect(deltas == prompt.mrope_position_deltas, "\(prompt.name)")
    }
    let batch = reference.batched_left_padded
    let grids = batch.order.flatMap { name in reference.prompts.first { $0.name == name }?.grids ?? [] }
    let (positions, deltas) = try model.ropeIndex(ids: batch.input_ids, attentionMask: batch.attention_mask, grids: grids)
    #expect(positions == batch.position_ids)
    #expect(deltas == batch.mrope_position_deltas)
  }

  @Test func textOnlyPromptMatchesLogitsAndGreedyDecoding() throws {
    let prompt = try #require(reference.prompts.first { $0.name == "text_only" })
    let logits = try withoutGradient { try model.logits(ids: [prompt.input_ids]) }
    expectClose(try logits.selected(axis: 1, index: -1).reshaped([-1]).scalars, prompt.last_logits_all, absolute: 1e-4, relative: 0, "text-only logits")
    var parameters = SamplingParameters()
    parameters.temperature = 0
    parameters.maxNewTokens = prompt.greedy_new_ids.count
    let generated = try model.generate(prompts: [prompt.input_ids], parameters: parameters)
    #expect(generated[0].tokens == prompt.greedy_new_ids)
  }

  /// Pixel values `[patches, 1176]` of a prompt's images, from the image processor.
  func pixelValues(_ prompt: Qwen2VLReference.Prompt) throws -> Tensor {
    let directory = try fixtureDirectory("qwen2vl-tiny")
    let processor = try Qwen2VLImageProcessor(modelDirectory: directory)
    let output = try processor.process(imageFiles: (prompt.images ?? []).map { directory + "/" + $0 })
    #expect(output.grids == prompt.grids)
    return try Tensor(shape: output.shape, scalars: output.pixelValues)
  }

  @Test func visionTowerMatchesTransformers() throws {
    for prompt in reference.prompts where prompt.images?.isEmpty == false {
      var blocks: [Tensor] = []
      let features = try withoutGradient { try model.vision(pixelValues: pixelValues(prompt), grids: prompt.grids, blockOutputs: &blocks) }
      expectClose(try features.reshaped([-1]).sliced(axis: 0, end: 16).scalars, try #require(prompt.vision_output_first16),
                  absolute: 1e-4, relative: 0, "\(prompt.name) vision output")
      let sum = features.scalars.reduce(0.0) { $0 + Double($1) }
      #expect(Swift.abs(sum - (prompt.vision_output_sum ?? .nan)) < 1e-2, "\(prompt.name) vision sum \(sum)")
      let debug = try #require(prompt.debug_vision)
      let expected = [debug.patch_embed_row0_first8, debug.after_block_0_row0_first8, debug.after_block_1_row0_first8]
      #expect(blocks.count == expected.count)
      for (index, (output, values)) in zip(blocks, expected).enumerated() {
        expectClose(try output.selected(axis: 0, index: 0).sliced(axis: 0, end: 8).scalars, values,
                    absolute: 1e-4, relative: 0, "\(prompt.name) block output \(index)")
      }
      let coordinates = VisionTower.patchCoordinates(grids: prompt.grids, mergeSize: 2).prefix(16).map { [$0.row, $0.column] }
      #expect(Array(coordinates) == debug.vision_rope_hw_first16)
    }
  }

  @Test func imagePromptsMatchLogitsAndGreedyDecoding() throws {
    for prompt in reference.prompts where prompt.images?.isEmpty == false {
      let pixels = try pixelValues(prompt)
      let logits = try withoutGradient { try model.logits(ids: [prompt.input_ids], pixelValues: pixels, grids: prompt.grids) }
      expectClose(try logits.selected(axis: 1, index: -1).reshaped([-1]).scalars, prompt.last_logits_all, absolute: 1e-4, relative: 0,
                  "\(prompt.name) logits")
      var parameters = SamplingParameters()
      parameters.temperature = 0
      parameters.maxNewTokens = prompt.greedy_new_ids.count
      let generated = try model.generate(prompts: [prompt.input_ids], pixelValues: pixels, grids: prompt.grids, parameters: parameters)
      #expect(generated[0].tokens == prompt.greedy_new_ids, "\(prompt.name) greedy")
    }
  }

  @Test func leftPaddedBatchWithImagesMatchesUnbatched() throws {
    let batch = reference.batched_left_padded
    let prompts = batch.order.compactMap { name in reference.prompts.first { $0.name == name } }
    let pixels = try Tensor.concatenate(prompts.filter { $0.images?.isEmpty == false }.map(pixelValues), axis: 0)
    let grids = prompts.flatMap(\.grids)
    let logits = try withoutGradient { try model.logits(ids: batch.input_ids, attentionMask: batch.attention_mask, pixelValues: pixels, grids: grids) }
    #expect(logits.scalars.allSatisfy { $0.isFinite })
    for (row, expected) in batch.last_logits_first16.enumerated() {
      let last = try logits.selected(axis: 0, index: row).selected(axis: 0, index: -1).sliced(axis: 0, end: 16)
      expectClose(last.scalars, expected, absolute: 1e-4, relative: 0, "batched row \(row)")
    }
    var parameters = SamplingParameters()
    parameters.temperature = 0
    parameters.maxNewTokens = 12
    let generated = try model.generate(prompts: prompts.map(\.input_ids), pixelValues: pixels, grids: grids, parameters: parameters, padTokenID: 586)
    for (result, prompt) in zip(generated, prompts) { #expect(result.tokens == prompt.greedy_new_ids, "batched greedy \(prompt.name)") }
  }

  @Test func placeholderAndImageCountsMustAgree() throws {
    let prompt = try #require(reference.prompts.first { $0.name == "image1" })
    #expect(throws: ModelError.self) { try model.ropeIndex(ids: [prompt.input_ids], grids: []) }
    #expect(throws: ModelError.self) { try model.ropeIndex(ids: [prompt.input_ids], grids: prompt.grids + prompt.grids) }
    #expect(throws: ModelError.self) { try model.embeddings(ids: [prompt.input_ids], imageFeatures: nil) }
  }

  @Test func saveAndLoadRoundTripKeepsEveryWeight() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-vl-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try model.save(to: directory)
    let loaded = try Qwen2VLModel.load(directory: directory)
    #expect(loaded.configuration == model.configuration)
    #expect(loaded.parameters.values.scalars == model.parameters.values.scalars)
  }
}
