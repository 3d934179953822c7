// TextConfiguration: the Qwen2 decoder's hyperparameters, from config.json in either layout.

/// The hyperparameters of a Qwen2-style decoder (the text model of Qwen2 and Qwen2-VL).
public struct TextConfiguration: Sendable, Equatable {
  /// Width of the residual stream (`hidden_size`).
  public var hiddenSize: Int
  /// Width of the SwiGLU MLP (`intermediate_size`).
  public var intermediateSize: Int
  /// Number of decoder layers (`num_hidden_layers`).
  public var layerCount: Int
  /// Query heads (`num_attention_heads`).
  public var headCount: Int
  /// Key/value heads (`num_key_value_heads`; equal to `headCount` when absent, i.e. no GQA).
  public var keyValueHeadCount: Int
  /// Vocabulary rows of the embedding (may exceed the tokenizer's vocabulary).
  public var vocabularySize: Int
  /// RMSNorm epsilon (`rms_norm_eps`).
  public var rmsNormEps: Float
  /// RoPE base θ (`rope_theta`, or `rope_parameters.rope_theta` in transformers 5).
  public var ropeTheta: Double
  /// M-RoPE split of the rotary frequencies over (t, h, w), Qwen2-VL only; sums to headDim/2.
  public var mropeSection: [Int]?
  /// Whether `lm_head` reuses `embed_tokens` (no `lm_head.weight` is stored).
  public var tieWordEmbeddings: Bool
  /// The longest position the model was trained for.
  public var maxPositionEmbeddings: Int
  /// Token ids from config.json (generation_config.json may override them).
  public var bosTokenId: Int?
  public var eosTokenIds: [Int]
  public var padTokenId: Int?

  /// Per-head width: hidden / heads (Qwen2 stores no separate `head_dim`).
  public var headDim: Int { hiddenSize / headCount }

  /// Creates a configuration; `validate` checks the combination.
  public init(
    hiddenSize: Int, intermediateSize: Int, layerCount: Int, headCount: Int, keyValueHeadCount: Int,
    vocabularySize: Int, rmsNormEps: Float = 1e-6, ropeTheta: Double = 10000, mropeSection: [Int]? = nil,
    tieWordEmbeddings: Bool = true, maxPositionEmbeddings: Int = 32768,
    bosTokenId: Int? = nil, eosTokenIds: [Int] = [], padTokenId: Int? = nil
  ) {
    self.hiddenSize = hiddenSize
    self.intermediateSize = intermediateSize
    self.layerCount = layerCount
    self.headCount = headCount
    self.keyValueHeadCount = keyValueHeadCount
    self.vocabularySize = vocabularySize
    self.rmsNormEps = rmsNormEps
    self.ropeTheta = ropeTheta
    self.mropeSection = mropeSection
    self.tieWordEmbeddings = tieWordEmbeddings
    self.maxPositionEmbeddings = maxPositionEmbeddings
    self.bosTokenId = bosTokenId
    self.eosTokenIds = eosTokenIds
    self.padTokenId = padTokenId
  }

  /// Reads the text fields of `fields` (the top level of a Qwen2 config, or the `text_config`
  /// of a transformers-5 Qwen2-VL config, or the flat top level of a transformers-4 one).
  init(fields: JSONFields, defaults: JSONFields? = nil) throws {
    func int(_ key: String) throws -> Int { try fields.optionalInt(key) ?? defaults?.int(key) ?? fields.int(key) }
    let heads = try int("num_attention_heads")
    let rope = try fields.optionalObject("rope_parameters") ?? fields.optionalObject("rope_scaling")
    let theta = try fields.optionalDouble("rope_theta") ?? rope?.optionalDouble("rope_theta") ?? 10000
    let section: [Int]? = try rope?.optionalIntegers("mrope_section")
    self.init(
      hiddenSize: try int("hidden_size"), intermediateSize: try int("intermediate_size"),
      layerCount: try int("num_hidden_layers"), headCount: heads,
      keyValueHeadCount: try fields.optionalInt("num_key_value_heads") ?? heads,
      vocabularySize: try int("vocab_size"),
      rmsNormEps: Float(try fields.optionalDouble("rms_norm_eps") ?? 1e-6), ropeTheta: theta, mropeSection: section,
      tieWordEmbeddings: try fields.optionalBool("tie_word_embeddings") ?? defaults?.optionalBool("tie_word_embeddings") ?? false,
      maxPositionEmbeddings: try fields.optionalInt("max_position_embeddings") ?? 32768,
      bosTokenId: try fields.optionalInt("bos_token_id"), eosTokenIds: try fields.optionalIntegers("eos_token_id") ?? [],
      padTokenId: try fields.optionalInt("pad_token_id"))
    if let activation = try fields.optionalString("hidden_act"), activation != "silu" {
      throw ModelError.invalidConfiguration(path: fields.path, field: fields.prefix + "hidden_act", reason: "only 'silu' is supported, got '\(activation)'")
    }
    if try fields.optionalBool("use_sliding_window") == true {
      throw ModelError.invalidConfiguration(path: fields.path, field: fields.prefix + "use_sliding_window", reason: "sliding-window attention is not supported")
    }
    try validate(path: fields.path)
  }

  /// Checks the hyperparameters fit together.
  func validate(path: String) throws {
    func fail(_ field: String, _ reason: String) -> ModelError { .invalidConfiguration(path: path, field: field, reason: reason) }
    for (name, value) in [("hidden_size", hiddenSize), ("intermediate_size", intermediateSize), ("num_hidden_layers", layerCount),
                          ("num_attention_heads", headCount), ("num_key_value_heads", keyValueHeadCount), ("vocab_size", vocabularySize)]
    where value <= 0 {
      throw fail(name, "must be positive, got \(value)")
    }
    guard hiddenSize % headCount == 0, headDim % 2 == 0 else {
      throw fail("hidden_size", "\(hiddenSize) must split into \(headCount) heads of even width")
    }
    guard headCount % keyValueHeadCount == 0 else {
      throw fail("num_key_value_heads", "\(keyValueHeadCount) must divide num_attention_heads \(headCount)")
    }
    if let section = mropeSection, section.count != 3 || section.reduce(0, +) != headDim / 2 || section.contains(where: { $0 < 0 }) {
      throw fail("rope_parameters.mrope_section", "\(section) must be three non-negative parts summing to head_dim/2 = \(headDim / 2)")
    }
  }
}
