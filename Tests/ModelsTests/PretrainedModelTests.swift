// Tests of the model-directory facade: loading both architectures, prompts with images,
// copies, freezing, saving, and transformers-4 configuration layouts.
import Foundation
import Testing
@testable import Models
@testable import Tensor

@Suite struct PretrainedModelTests {
  @Test func visionLanguagePromptIsPreparedLikeTheProcessor() throws {
    let directory = try fixtureDirectory("qwen2vl-tiny")
    let model = try PretrainedModel.load(directory: directory)
    let reference = try Qwen2VLReference.load()
    let prompt = try #require(reference.prompts.first { $0.name == "image1" })
    let text = try model.chat([.user([.image(source: "image1.png"), .text("Describe the image.")])])
    let prepared = try model.prepare(text: text, images: [Image(contentsOfPNGFile: directory + "/image1.png")])
    #expect(prepared.ids == prompt.input_ids)
    #expect(prepared.grids == prompt.grids)
    let logits = try withoutGradient { try model.logits(prepared) }
    expectClose(try logits.selected(axis: 0, index: -1).scalars, prompt.last_logits_all, absolute: 1e-4, relative: 0, "facade logits")
    #expect(model.generation.eosTokenIds == [588, 586] && model.generation.padTokenId == 586)
    var parameters = SamplingParameters()
    parameters.temperature = 0
    parameters.maxNewTokens = 4
    #expect(try model.generate([prepared], parameters: parameters)[0].tokens == Array(prompt.greedy_new_ids.prefix(4)))
  }

  @Test func copiesAreIndependentAndFreezingSelectsParts() throws {
    let model = try PretrainedModel.load(directory: fixtureDirectory("qwen2vl-tiny"))
    let copy = try model.copy()
    #expect(copy.parameters.values.scalars == model.parameters.values.scalars)
    try withoutGradient { try copy.parameters.values.fill(with: 0) }
    #expect(model.parameters.values.scalars.contains { $0 != 0 })
    guard case .qwen2VL(let network) = model.architecture else {
      Issue.record("qwen2vl-tiny should load as Qwen2-VL")
      return
    }
    let visionCount = VisionTower.parameterShapes(for: network.configuration.vision).reduce(0) { $0 + $1.shape.reduce(1, *) }
    #expect(try model.freeze(.vision) == visionCount)
    #expect(model.parameters["visual.blocks.0.attn.qkv.weight"]?.requiresGrad == false)
    #expect(model.parameters["model.norm.weight"]?.requiresGrad == true)
    #expect(try model.copy().parameters["visual.merger.ln_q.bias"]?.requiresGrad == false)
    #expect(try model.freeze(.vision, false) == visionCount)
  }

  @Test func savedDirectoryLoadsBackWithItsTokenizerAndSettings() throws {
    let model = try PretrainedModel.load(directory: fixtureDirectory("qwen2-tiny"))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-saved-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try model.save(to: directory)
    let loaded = try PretrainedModel.load(directory: directory)
    #expect(loaded.parameters.values.scalars == model.parameters.values.scalars)
    #expect(loaded.tokenizer?.encode("Swift can make") == model.tokenizer?.encode("Swift can make"))
    #expect(loaded.generation == model.generation)
  }

  /// The transformers-4 layouts: Qwen2 with top-level `rope_theta` and `torch_dtype`, Qwen2-VL
  /// with flat text fields and `rope_scaling: {type: mrope}`, and in-memory weight names.
  @Test func transformers4LayoutsLoadToTheSameModel() throws {
    let source = try fixtureDirectory("qwen2vl-tiny")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-v4-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let original = try Qwen2VLModel.load(directory: source)
    var config = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source + "/config.json"))) as? [String: Any])
    let text = try #require(config.removeValue(forKey: "text_config") as? [String: Any])
    for (key, value) in text where key != "rope_parameters" { config[key] = value }
    config["rope_theta"] = 1_000_000.0
    config["rope_scaling"] = ["type": "mrope", "mrope_section": [4, 6, 6]]
    config["torch_dtype"] = "bfloat16"
    try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: directory + "/config.json"))
    // Weights under transformers 4.52-4.57's in-memory names, in bf16.
    let renamed = original.parameters.parameters.map { (name: String, tensor: Tensor) in
      (name: name.hasPrefix("model.") ? "model.language_model." + name.dropFirst(6) : "model." + name, tensor: tensor)
    }
    try CheckpointWriter.write(renamed, to: directory, dtype: .bfloat16)
    let loaded = try Qwen2VLModel.load(directory: directory)
    #expect(loaded.configuration == original.configuration)
    expectClose(loaded.parameters.values.scalars, original.parameters.values.scalars, absolute: 1e-6, relative: 1.0 / 128, "bf16 weights")
  }

  @Test func unsupportedArchitecturesAreNamed() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-arch-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(#"{"model_type": "llama"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/config.json"))
    #expect(throws: ModelError.invalidConfiguration(path: directory + "/config.json", field: "model_type",
                                                    reason: "'llama' is not supported (rlnb runs qwen2 and qwen2_vl)")) {
      try PretrainedModel.load(directory: directory)
    }
  }
}
