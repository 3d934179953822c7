// Qwen2Model: the Qwen2 decoder — embeddings, decoder layers, final norm, LM head — over a
// parameter store with Hugging Face's weight names.
import Tensor

/// How the positions of the tokens in a forward pass are given.
public enum PositionIDs: Sendable {
  /// 0, 1, 2, … for every row, offset by the cache length (unpadded batches).
  case sequential
  /// Explicit `[B][T]` positions (left-padded batches: cumsum(mask) − 1, pads at 0).
  case explicit([[Int]])
  /// Qwen2-VL's 3-D M-RoPE positions `[3][B][T]` (temporal, height, width).
  case multimodal([[[Int]]])

  /// Positions for a padded batch from its attention mask, as transformers' `generate` does:
  /// each row counts its real tokens from 0; padding positions are 0.
  public static func from(attentionMask mask: [[Int]]) -> PositionIDs {
    .explicit(mask.map { row in
      var next = 0
      return row.map { keep in
        defer { if keep != 0 { next += 1 } }
        return keep != 0 ? next : 0
      }
    })
  }
}

/// The Qwen2 decoder-only language model (Qwen2ForCausalLM), also the text model of Qwen2-VL.
///
/// Weights live in one `ParameterStore` under Hugging Face's names (`model.layers.0.mlp.up_proj.weight`,
/// …), so optimizers walk one flat buffer and checkpoints map one-to-one onto safetensors files.
public final class Qwen2Model: @unchecked Sendable {
  /// The hyperparameters.
  public let configuration: TextConfiguration
  /// Every weight, by Hugging Face name.
  public let parameters: ParameterStore
  /// The rotary tables' frequencies.
  public let rotary: RotaryEmbedding
  let embedding: Tensor
  let layers: [Qwen2DecoderLayer]
  let finalNorm: Tensor
  let head: Tensor

  /// The parameter names and shapes of a Qwen2 decoder with this configuration.
  public static func parameterShapes(for configuration: TextConfiguration) -> [(name: String, shape: [Int])] {
    let (c, i, v) = (configuration.hiddenSize, configuration.intermediateSize, configuration.vocabularySize)
    let kv = configuration.keyValueHeadCount * configuration.headDim
    var shapes: [(String, [Int])] = [("model.embed_tokens.weight", [v, c])]
    for layer in 0..<configuration.layerCount {
      let p = "model.layers.\(layer)."
      shapes += [
        (p + "input_layernorm.weight", [c]),
        (p + "self_attn.q_proj.weight", [c, c]), (p + "self_attn.q_proj.bias", [c]),
        (p + "self_attn.k_proj.weight", [kv, c]), (p + "self_attn.k_proj.bias", [kv]),
        (p + "self_attn.v_proj.weight", [kv, c]), (p + "self_attn.v_proj.bias", [kv]),
        (p + "self_attn.o_proj.weight", [c, c]),
        (p + "post_attention_layernorm.weight", [c]),
        (p + "mlp.gate_proj.weight", [i, c]), (p + "mlp.up_proj.weight", [i, c]), (p + "mlp.down_proj.weight", [c, i]),
      ]
    }
    shapes.append(("model.norm.weight", [c]))
    if !configuration.tieWordEmbeddings { shapes.append(("lm_head.weight", [v, c])) }
    return shapes
  }

  /// A model with zero weights; fill them with `initializeRandomly` or a checkpoint.
  public convenience init(configuration: TextConfiguration) throws {
    try configuration.validate(path: "configuration")
    try self.init(configuration: configuration, store: wrapTensorError { try ParameterStore(shapes: Self.parameterShapes(for: configuration)) })
  }

  /// A decoder reading its weights from `store`, which holds (at least) every name of
  /// `parameterShapes(for:)` — a larger model such as Qwen2-VL keeps its other parts there too.
  init(configuration: TextConfiguration, store: ParameterStore) throws {
    for (name, shape) in Self.parameterShapes(for: configuration) where store[name]?.shape != shape {
      throw ModelError.invalidInput("parameter store lacks \(name) of shape \(shape)")
    }
    self.configuration = configuration
    parameters = store
    rotary = RotaryEmbedding(headDim: configuration.headDim, theta: configuration.ropeTheta, mropeSection: configuration.mropeSection)
    func weight(_ name: String) -> Tensor {
      // Every name was checked above, so the lookup always succeeds.
      store[name] ?? Tensor(0)
    }
    embedding = weight("model.embed_tokens.weight")
    finalNorm = weight("model.norm.weight")
    head = configuration.tieWordEmbeddings ? embedding : weight("lm_head.weight")
    layers = (0..<configuration.layerCount).map { index in
      let p = "model.layers.\(index)."
      return Qwen2DecoderLayer(
        inputNorm: weight(p + "input_layernorm.weight"), postAttentionNorm: weight(p + "post_attention_layernorm.weight"),
        attention: Qwen2Attention(
          queryWeight: weight(p + "self_attn.q_proj.weight"), queryBias: weight(p + "self_attn.q_proj.bias"),
          keyWeight: weight(p + "self_attn.k_proj.weight"), keyBias: weight(p + "self_attn.k_proj.bias"),
          valueWeight: weight(p + "self_attn.v_proj.weight"), valueBias: weight(p + "self_attn.v_proj.bias"),
          outputWeight: weight(p + "self_attn.o_proj.weight"),
          heads: configuration.headCount, keyValueHeads: configuration.keyValueHeadCount, headDim: configuration.headDim),
        mlp: Qwen2MLP(gateWeight: weight(p + "mlp.gate_proj.weight"), upWeight: weight(p + "mlp.up_proj.weight"),
                      downWeight: weight(p + "mlp.down_proj.weight")),
        eps: configuration.rmsNormEps)
    }
  }

  /// Fills the weights as transformers initializes Qwen2: normal(0, `standardDeviation`) for
  /// linear and embedding weights, zero biases, unit norm scales.
  public func initializeRandomly(standardDeviation: Float = 0.02, generator: inout RandomGenerator) throws {
    try Models.initializeRandomly(parameters.parameters, standardDeviation: standardDeviation, generator: &generator)
  }

  /// Token embeddings `[B, T, C]` for ids `[B, T]`.
  public func embed(_ ids: IntTensor) throws -> Tensor {
    do {
      return try Tensor.embedding(ids, weight: embedding)
    } catch TensorError.indexOutOfRange(_, let index, let size) {
      throw ModelError.invalidInput("token id \(index) is outside the model's vocabulary of \(size)")
    } catch let error as TensorError {
      throw ModelError.tensor(error)
    }
  }

  /// The final hidden states `[B, T, C]` (after the last RMSNorm) for input embeddings `[B, T, C]`.
  ///
  /// - Parameters:
  ///   - attentionMask: `[B][S]` with 1 for real tokens and 0 for padding, covering the cache
  ///     and the new tokens (S = cache length + T); nil when nothing is padded.
  ///   - positions: the new tokens' positions.
  ///   - cache: keys and values of earlier tokens, extended by this call.
  ///   - layerOutputs: when non-nil, receives the embeddings and every layer's output, for
  ///     inspection (the last entry is the normalized output).
  public func hiddenStates(
    embeddings: Tensor, attentionMask: [[Int]]? = nil, positions: PositionIDs = .sequential, cache: KVCache? = nil,
    layerOutputs: UnsafeMutablePointer<[Tensor]>? = nil
  ) throws -> Tensor {
    guard embeddings.rank == 3, embeddings.shape[2] == configuration.hiddenSize else {
      throw ModelError.invalidInput("embeddings must be [batch, length, \(configuration.hiddenSize)], got \(embeddings.shape)")
    }
    let (batch, length) = (embeddings.shape[0], embeddings.shape[1])
    let offset = cache?.length ?? 0
    let axes: [[[Int]]]
    switch positions {
    case .sequential: axes = [[Array(offset..<(offset + length))]]  // one row, broadcast over the batch
    case .explicit(let rows): axes = [rows]
    case .multimodal(let threeAxes): axes = threeAxes
    }
    guard axes.allSatisfy({ ($0.count == batch || $0.count == 1) && $0.allSatisfy { $0.count == length } }) else {
      throw ModelError.invalidInput("positions must be [batch \(batch)][length \(length)] per axis")
    }
    let tables = try rotary.tables(positions: axes)
    let keep: Tensor? = try attentionMask.map { mask in
      guard mask.count == batch, mask.allSatisfy({ $0.count == offset + length }) else {
        throw ModelError.invalidInput("attention mask must be [batch \(batch)][\(offset + length)] (cache + new tokens)")
      }
      return try wrapTensorError { try Tensor(shape: [batch, 1, 1, offset + length], scalars: mask.flatMap { $0.map { $0 != 0 ? 1 : 0 } }) }
    }
    var hidden = embeddings
    layerOutputs?.pointee.append(hidden)
    for (index, layer) in layers.enumerated() {
      hidden = try wrapTensorError { try layer(hidden, rotary: tables, keep: keep, cache: cache, layer: index) }
      if index < layers.count - 1 { layerOutputs?.pointee.append(hidden) }
    }
    cache?.advance(by: length)
    let normalized = try wrapTensorError { try hidden.rmsNorm(weight: finalNorm, eps: configuration.rmsNormEps) }
    layerOutputs?.pointee.append(normalized)
    return normalized
  }

  /// Next-token logits `[B, T, V]` from final hidden states `[B, T, C]`.
  public func logits(hiddenStates: Tensor) throws -> Tensor {
    try wrapTensorError { try hiddenStates.linear(weight: head) }
  }

  /// Next-token logits `[B, T, V]` for token ids `[B, T]` (see `hiddenStates` for the options).
  public func logits(
    ids: IntTensor, attentionMask: [[Int]]? = nil, positions: PositionIDs = .sequential, cache: KVCache? = nil
  ) throws -> Tensor {
    guard ids.rank == 2 else { throw ModelError.invalidInput("ids must be [batch, length], got \(ids.shape)") }
    return try logits(hiddenStates: hiddenStates(embeddings: embed(ids), attentionMask: attentionMask, positions: positions, cache: cache))
  }
}

/// Fills weights as transformers initializes Qwen-family models: normal(0, σ) for matrices and
/// embeddings, zero biases, unit norm scales.
func initializeRandomly(_ parameters: [(name: String, tensor: Tensor)], standardDeviation: Float, generator: inout RandomGenerator) throws {
  try wrapTensorError {
    try withoutGradient {
      for (name, tensor) in parameters {
        if name.hasSuffix("norm.weight") || name.hasSuffix("norm1.weight") || name.hasSuffix("norm2.weight") || name.hasSuffix("ln_q.weight") {
          try tensor.fill(with: 1)
        } else if name.hasSuffix(".bias") {
          try tensor.fill(with: 0)
        } else {
          try tensor.copy(from: Tensor.randn(tensor.shape, standardDeviation: standardDeviation, generator: &generator))
        }
      }
    }
  }
}
