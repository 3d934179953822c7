// Qwen2Model+Checkpoint: loading from and saving to Hugging Face model directories.
import Foundation
import Tensor

extension Qwen2Model {
  /// Loads a `Qwen2ForCausalLM` directory: `config.json` (transformers 4 or 5 layout) and its
  /// safetensors weights (single file or shards; F32, F16 or BF16).
  /// - Throws: `ModelError` naming the file and field, or listing every missing, unexpected
  ///   and wrongly shaped weight at once. A half-loaded model is never returned.
  public static func load(directory: String) throws -> Qwen2Model {
    let configPath = (directory as NSString).appendingPathComponent("config.json")
    let fields = try JSONFields(contentsOf: configPath)
    if let modelType = try fields.optionalString("model_type"), modelType != "qwen2" {
      throw ModelError.invalidConfiguration(path: configPath, field: "model_type", reason: "expected 'qwen2', got '\(modelType)' (use load_model for other architectures)")
    }
    let model = try Qwen2Model(configuration: TextConfiguration(fields: fields))
    // A tied head may still be stored; transformers ignores it, and so do we.
    let ignorable: Set<String> = model.configuration.tieWordEmbeddings ? ["lm_head.weight"] : []
    try model.parameters.load(from: CheckpointReader(directory: directory), alternatives: qwenAlternativeNames, ignoring: ignorable)
    return model
  }

  /// The `config.json` object of this model, in the transformers-4 layout that transformers 4
  /// and 5 both load.
  public var configurationJSON: [String: Any] {
    let c = configuration
    var json: [String: Any] = [
      "architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2",
      "hidden_size": c.hiddenSize, "intermediate_size": c.intermediateSize, "num_hidden_layers": c.layerCount,
      "num_attention_heads": c.headCount, "num_key_value_heads": c.keyValueHeadCount, "vocab_size": c.vocabularySize,
      "rms_norm_eps": Double(c.rmsNormEps), "rope_theta": c.ropeTheta, "tie_word_embeddings": c.tieWordEmbeddings,
      "max_position_embeddings": c.maxPositionEmbeddings, "hidden_act": "silu", "use_sliding_window": false,
      "max_window_layers": c.layerCount, "attention_dropout": 0.0, "initializer_range": 0.02, "use_cache": true,
      "torch_dtype": "float32",
    ]
    json["bos_token_id"] = c.bosTokenId ?? NSNull()
    json["eos_token_id"] = c.eosTokenIds.count == 1 ? c.eosTokenIds[0] : (c.eosTokenIds.isEmpty ? NSNull() : c.eosTokenIds) as Any
    json["pad_token_id"] = c.padTokenId ?? NSNull()
    return json
  }

  /// Writes `config.json` and the weights (as `model.safetensors`, or shards past
  /// `maximumShardBytes`) into `directory`, which transformers can load with
  /// `AutoModelForCausalLM.from_pretrained`. A tied head is not stored, as transformers does.
  public func save(to directory: String, dtype: SafeTensorsDType = .float32, maximumShardBytes: Int = 5 << 30) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let config = try JSONSerialization.data(withJSONObject: configurationJSON, options: [.sortedKeys, .prettyPrinted])
    try writeAtomically(config, to: (directory as NSString).appendingPathComponent("config.json"))
    try CheckpointWriter.write(parameters.parameters, to: directory, dtype: dtype, maximumShardBytes: maximumShardBytes)
  }
}
