// PretrainedModel: a Hugging Face model directory as one object — the network, its tokenizer,
// chat format, image processor and generation settings — with the operations notebooks use.
import Foundation
import Tensor

/// The network inside a `PretrainedModel`.
public enum Architecture: Sendable {
  case qwen2(Qwen2Model)
  case qwen2VL(Qwen2VLModel)
}

/// A prompt ready for the model: token ids and, for vision-language models, its images.
public struct PreparedPrompt: Sendable {
  /// Token ids, with every image placeholder expanded to its `<|image_pad|>` tokens.
  public var ids: [Int]
  /// `[patches, values per patch]` for this prompt's images, or nil.
  public var pixelValues: Tensor?
  /// One grid per image, in order.
  public var grids: [VisionGrid]

  /// A prompt of token ids with optional images.
  public init(ids: [Int], pixelValues: Tensor? = nil, grids: [VisionGrid] = []) {
    self.ids = ids
    self.pixelValues = pixelValues
    self.grids = grids
  }
}

/// Parts of a model that `freeze` and `unfreeze` address by name.
public enum ModelPart: String, Sendable, CaseIterable {
  /// Every parameter.
  case all
  /// The vision tower and merger (`visual.*`).
  case vision
  /// The language model (`model.*` and `lm_head`).
  case language
  /// The token embedding (and a tied head).
  case embeddings

  func contains(_ name: String) -> Bool {
    switch self {
    case .all: return true
    case .vision: return name.hasPrefix("visual.")
    case .language: return name.hasPrefix("model.") || name.hasPrefix("lm_head.")
    case .embeddings: return name == "model.embed_tokens.weight"
    }
  }
}

/// A loaded model directory.
public final class PretrainedModel: @unchecked Sendable {
  /// The network.
  public let architecture: Architecture
  /// The tokenizer from `tokenizer.json`, if the directory has one.
  public let tokenizer: Tokenizer?
  /// The chat format (Qwen2 or Qwen2-VL).
  public let chatTemplate: ChatTemplate
  /// The image processor of a vision-language model.
  public let imageProcessor: Qwen2VLImageProcessor?
  /// Stop tokens, padding and sampling defaults.
  public let generation: GenerationConfiguration
  /// The directory it was loaded from, whose auxiliary files `save` copies.
  public let sourceDirectory: String?

  init(architecture: Architecture, tokenizer: Tokenizer?, chatTemplate: ChatTemplate, imageProcessor: Qwen2VLImageProcessor?,
       generation: GenerationConfiguration, sourceDirectory: String?) {
    self.architecture = architecture
    self.tokenizer = tokenizer
    self.chatTemplate = chatTemplate
    self.imageProcessor = imageProcessor
    self.generation = generation
    self.sourceDirectory = sourceDirectory
  }

  /// A model built in code (for instance a small random one for experiments), with a tokenizer
  /// and generation settings; `save` writes the tokenizer next to the weights.
  public convenience init(architecture: Architecture, tokenizer: Tokenizer, generation: GenerationConfiguration = GenerationConfiguration()) {
    let isVision: Bool
    if case .qwen2VL = architecture { isVision = true } else { isVision = false }
    self.init(architecture: architecture, tokenizer: tokenizer, chatTemplate: isVision ? .qwen2VL : .qwen2, imageProcessor: nil,
              generation: generation, sourceDirectory: nil)
  }

  /// Loads `directory`, choosing the architecture from `config.json` (`model_type` qwen2 or
  /// qwen2_vl), with whatever tokenizer, processor and generation files it has.
  public static func load(directory: String) throws -> PretrainedModel {
    let configPath = (directory as NSString).appendingPathComponent("config.json")
    let fields = try JSONFields(contentsOf: configPath)
    let modelType = try fields.optionalString("model_type") ?? ""
    let architecture: Architecture
    switch modelType {
    case "qwen2": architecture = .qwen2(try Qwen2Model.load(directory: directory))
    case "qwen2_vl": architecture = .qwen2VL(try Qwen2VLModel.load(directory: directory))
    default:
      throw ModelError.invalidConfiguration(path: configPath, field: "model_type",
                                            reason: "'\(modelType)' is not supported (rlnb runs qwen2 and qwen2_vl)")
    }
    let file = { (name: String) in (directory as NSString).appendingPathComponent(name) }
    let tokenizer = FileManager.default.fileExists(atPath: file("tokenizer.json"))
      ? try Tokenizer(contentsOf: URL(fileURLWithPath: file("tokenizer.json"))) : nil
    let processor = FileManager.default.fileExists(atPath: file("preprocessor_config.json")) && modelType == "qwen2_vl"
      ? try Qwen2VLImageProcessor(modelDirectory: directory) : nil
    let template: ChatTemplate = modelType == "qwen2_vl" ? .qwen2VL : .qwen2
    let text = architecture.text.configuration
    return PretrainedModel(architecture: architecture, tokenizer: tokenizer, chatTemplate: template, imageProcessor: processor,
                           generation: try GenerationConfiguration(directory: directory, fallback: text), sourceDirectory: directory)
  }

  /// Every weight.
  public var parameters: ParameterStore {
    switch architecture {
    case .qwen2(let model): return model.parameters
    case .qwen2VL(let model): return model.parameters
    }
  }

  /// The tokenizer, or an error saying the directory has none.
  public func requireTokenizer() throws -> Tokenizer {
    guard let tokenizer else { throw ModelError.invalidInput("this model has no tokenizer (no tokenizer.json in its directory)") }
    return tokenizer
  }

  /// The chat `messages` rendered as the model's prompt text (image placeholders unexpanded).
  public func chat(_ messages: [ChatMessage], addingGenerationPrompt: Bool = true) throws -> String {
    try chatTemplate.render(messages, addingGenerationPrompt: addingGenerationPrompt)
  }

  /// Tokenizes `text` and processes `images`, expanding each image placeholder to its pads.
  public func prepare(text: String, images: [Image] = []) throws -> PreparedPrompt {
    let tokenizer = try requireTokenizer()
    guard !images.isEmpty else { return PreparedPrompt(ids: tokenizer.encode(text)) }
    guard let imageProcessor else { throw ModelError.invalidInput("this model takes no images") }
    let processed = try imageProcessor.process(images: images)
    let expanded = try ChatTemplate.expandingVisionPads(in: text, imageGrids: processed.grids)
    let pixels = try wrapTensorError { try Tensor(shape: processed.shape, scalars: processed.pixelValues) }
    return PreparedPrompt(ids: tokenizer.encode(expanded), pixelValues: pixels, grids: processed.grids)
  }

  /// Next-token logits `[length, vocabulary]` for one prompt.
  public func logits(_ prompt: PreparedPrompt) throws -> Tensor {
    let logits: Tensor
    switch architecture {
    case .qwen2(let model):
      logits = try model.logits(ids: IntTensor(shape: [1, prompt.ids.count], values: prompt.ids))
    case .qwen2VL(let model):
      logits = try model.logits(ids: [prompt.ids], pixelValues: prompt.pixelValues, grids: prompt.grids)
    }
    return try wrapTensorError { try logits.squeezed(axis: 0) }
  }

  /// Continues each prompt; stop tokens default to the generation configuration's. `progress`
  /// gets the number of decoding steps so far, and may throw to stop generation (Ctrl-C).
  public func generate(_ prompts: [PreparedPrompt], parameters: SamplingParameters, progress: ((Int) throws -> Void)? = nil) throws -> [GeneratedSequence] {
    var parameters = parameters
    if parameters.stopTokenIDs.isEmpty { parameters.stopTokenIDs = Set(generation.eosTokenIds) }
    let pad = generation.padTokenId ?? generation.eosTokenIds.first ?? 0
    switch architecture {
    case .qwen2(let model):
      guard prompts.allSatisfy({ $0.pixelValues == nil }) else { throw ModelError.invalidInput("this model takes no images") }
      return try model.generate(prompts: prompts.map(\.ids), parameters: parameters, padTokenID: pad, progress: progress)
    case .qwen2VL(let model):
      let pixels = prompts.compactMap(\.pixelValues)
      let joined = pixels.isEmpty ? nil : try wrapTensorError { try Tensor.concatenate(pixels, axis: 0) }
      return try model.generate(prompts: prompts.map(\.ids), pixelValues: joined, grids: prompts.flatMap(\.grids),
                                parameters: parameters, padTokenID: pad, progress: progress)
    }
  }

  /// An independent copy with the same weights (e.g. a frozen reference policy).
  public func copy() throws -> PretrainedModel {
    let architecture: Architecture
    switch self.architecture {
    case .qwen2(let model): architecture = .qwen2(try Qwen2Model(configuration: model.configuration))
    case .qwen2VL(let model): architecture = .qwen2VL(try Qwen2VLModel(configuration: model.configuration))
    }
    let copy = PretrainedModel(architecture: architecture, tokenizer: tokenizer, chatTemplate: chatTemplate, imageProcessor: imageProcessor,
                               generation: generation, sourceDirectory: sourceDirectory)
    try wrapTensorError { try withoutGradient { try copy.parameters.values.copy(from: parameters.values) } }
    for ((_, mine), (_, theirs)) in zip(parameters.parameters, copy.parameters.parameters) { try wrapTensorError { try theirs.setRequiresGrad(mine.requiresGrad) } }
    return copy
  }

  /// Stops (or restarts) gradient computation and optimizer updates for `part`; returns how
  /// many scalar parameters changed state.
  @discardableResult
  public func freeze(_ part: ModelPart, _ frozen: Bool = true) throws -> Int {
    var count = 0
    for (name, tensor) in parameters.parameters where part.contains(name) && tensor.requiresGrad == frozen {
      try wrapTensorError { try tensor.setRequiresGrad(!frozen) }
      count += tensor.count
    }
    return count
  }

  /// Writes the model as a Hugging Face directory: config and weights, plus the tokenizer,
  /// processor, chat template and generation files of the source directory.
  public func save(to directory: String) throws {
    switch architecture {
    case .qwen2(let model): try model.save(to: directory)
    case .qwen2VL(let model): try model.save(to: directory)
    }
    let auxiliary = ["tokenizer.json", "tokenizer_config.json", "preprocessor_config.json", "chat_template.json", "special_tokens_map.json"]
    if let source = sourceDirectory, (source as NSString).standardizingPath != (directory as NSString).standardizingPath {
      for name in auxiliary {
        let from = (source as NSString).appendingPathComponent(name), to = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: from) else { continue }
        try? FileManager.default.removeItem(atPath: to)
        do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
          throw ModelError.fileUnreadable(path: to, reason: "cannot copy \(name): \(error.localizedDescription)")
        }
      }
    } else if let tokenizer, sourceDirectory == nil {
      try tokenizer.write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("tokenizer.json")))
    }
    let generationJSON = try JSONSerialization.data(withJSONObject: generation.json, options: [.sortedKeys, .prettyPrinted])
    try writeAtomically(generationJSON, to: (directory as NSString).appendingPathComponent("generation_config.json"))
  }
}

extension Architecture {
  /// The language model (the whole network for Qwen2).
  public var text: Qwen2Model {
    switch self {
    case .qwen2(let model): return model
    case .qwen2VL(let model): return model.language
    }
  }
}
