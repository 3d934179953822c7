// The model as a language value: a loaded Hugging Face directory with its tokenizer and chat format.

import Foundation
import Lang
import Models

/// A model in the language (`type(m) == "model"`), made by `load_model(dir)` or `m.copy()`.
///
/// It wraps a `PretrainedModel`; the RL bindings pass it as the policy or the reference.
public final class ModelObject: NativeObject {
  /// The network, tokenizer, chat format and generation settings.
  public let model: PretrainedModel

  /// Wraps a loaded model.
  public init(_ model: PretrainedModel) {
    self.model = model
  }

  /// `model`.
  public var typeName: String { "model" }

  /// `<model qwen2_vl: 5.2M parameters from "dir">`.
  public func describe(nested: Bool) -> String {
    let kind = architectureName
    let count = model.parameters.values.count
    let size = count >= 1_000_000 ? String(format: "%.2fM", Double(count) / 1e6) : "\(count)"
    let source = model.sourceDirectory.map { " from \(Format.quoted($0))" } ?? ""
    return "<model \(kind): \(size) parameters\(source)>"
  }

  /// `architecture config tokenizer path num_parameters num_trainable`.
  public var fieldNames: [String] { ["architecture", "config", "tokenizer", "path", "num_parameters", "num_trainable"] }

  /// The architecture (`qwen2` or `qwen2_vl`), the main configuration values as a record, the
  /// tokenizer (nil when the directory has none), the source directory, and the number of
  /// scalar parameters (all, and those not frozen).
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "architecture": return .string(architectureName)
    case "config": return .record(ModelConfigRecord.make(model))
    case "tokenizer":
      return model.tokenizer.map { .native(TokenizerObject($0, source: model.sourceDirectory.map { ($0 as NSString).appendingPathComponent("tokenizer.json") })) } ?? .nil
    case "path": return model.sourceDirectory.map { .string($0) } ?? .nil
    case "num_parameters": return .number(Double(model.parameters.parameterCount))
    case "num_trainable":
      return .number(Double(model.parameters.parameters.reduce(0) { $0 + ($1.tensor.requiresGrad ? $1.tensor.count : 0) }))
    default: return nil
    }
  }

  /// `qwen2` or `qwen2_vl`, config.json's `model_type`.
  var architectureName: String {
    switch model.architecture {
    case .qwen2: "qwen2"
    case .qwen2VL: "qwen2_vl"
    }
  }

  /// The model methods (`ModelMethods.table`, in ModelMethods.swift).
  public var methods: [String: Builtin] { ModelMethods.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A Qwen2 or Qwen2-VL model loaded from a Hugging Face directory (load_model(dir)).
    m.chat(messages) renders a prompt; m.prepare(text, images: [...]) tokenizes it with its
    images; m.logits(prompt) and m.generate(prompt, temperature: 0) run it, where a prompt is a
    prepared record, token ids (m.tokenizer.encode(text)) or a string; m.copy() makes an
    independent copy (a reference policy); m.parameters() shows the weights.
    """
  }
}

extension Value {
  /// The model object this value holds, if it is a model.
  public var modelObject: ModelObject? {
    if case .native(let object as ModelObject) = self { return object }
    return nil
  }
}

/// `m.config`: the main values of config.json under their Hugging Face names (the vision
/// tower's under `vision_config`), plus the stop and pad tokens of generation_config.json.
enum ModelConfigRecord {
  static func make(_ model: PretrainedModel) -> Record {
    let text = model.architecture.text.configuration
    func number(_ n: Int) -> Value { .number(Double(n)) }
    var pairs: [(String, Value)] = [
      ("vocab_size", number(text.vocabularySize)),
      ("hidden_size", number(text.hiddenSize)),
      ("intermediate_size", number(text.intermediateSize)),
      ("num_hidden_layers", number(text.layerCount)),
      ("num_attention_heads", number(text.headCount)),
      ("num_key_value_heads", number(text.keyValueHeadCount)),
      ("head_dim", number(text.headDim)),
      ("rms_norm_eps", .number(Double("\(text.rmsNormEps)") ?? Double(text.rmsNormEps))),  // 1e-06, not 9.99999997e-07
      ("rope_theta", .number(text.ropeTheta)),
      ("max_position_embeddings", number(text.maxPositionEmbeddings)),
      ("tie_word_embeddings", .bool(text.tieWordEmbeddings)),
      ("eos_token_id", .list(List(model.generation.eosTokenIds.map(number)))),
      ("pad_token_id", model.generation.padTokenId.map(number) ?? .nil),
    ]
    if let section = text.mropeSection { pairs.append(("mrope_section", .list(List(section.map(number))))) }
    if case .qwen2VL(let network) = model.architecture {
      let vision = network.configuration.vision
      pairs += [
        ("image_token_id", number(network.configuration.imageTokenId)),
        ("vision_start_token_id", number(network.configuration.visionStartTokenId)),
        ("vision_end_token_id", number(network.configuration.visionEndTokenId)),
        ("vision_config", .record(Record([
          ("depth", number(vision.depth)),
          ("embed_dim", number(vision.embedDim)),
          ("num_heads", number(vision.headCount)),
          ("mlp_ratio", .number(vision.mlpRatio)),
          ("patch_size", number(vision.patchSize)),
          ("temporal_patch_size", number(vision.temporalPatchSize)),
          ("spatial_merge_size", number(vision.spatialMergeSize)),
          ("hidden_size", number(vision.outputSize)),
        ]))),
      ]
    }
    return Record(pairs)
  }
}
