// Qwen2Layers: grouped-query attention with q/k/v bias, the SwiGLU MLP, and the pre-norm
// decoder layer that joins them — one page, in dataflow order.
import Tensor

/// Grouped-query self-attention. Letters: B batch, T new tokens, S keys (cache + new),
/// H query heads, K key/value heads, D head width, C = H·D hidden width.
struct Qwen2Attention {
  let queryWeight, queryBias, keyWeight, keyBias, valueWeight, valueBias, outputWeight: Tensor
  let heads: Int, keyValueHeads: Int, headDim: Int

  /// Attends from `x` [B, T, C] over its own keys (and the cache's, when given).
  /// - Parameters:
  ///   - rotary: cos/sin `[B, 1, T, D]` for the new tokens' positions.
  ///   - keep: key mask `[B, 1, 1, S]` (1 real, 0 padding), or nil when nothing is padded.
  func callAsFunction(_ x: Tensor, rotary: (cos: Tensor, sin: Tensor), keep: Tensor?, cache: KVCache?, layer: Int) throws -> Tensor {
    let (b, t) = (x.shape[0], x.shape[1])
    let q = try x.linear(weight: queryWeight, bias: queryBias).reshaped([b, t, heads, headDim]).permuted([0, 2, 1, 3])  // [B, H, T, D]
    var k = try x.linear(weight: keyWeight, bias: keyBias).reshaped([b, t, keyValueHeads, headDim]).permuted([0, 2, 1, 3])  // [B, K, T, D]
    var v = try x.linear(weight: valueWeight, bias: valueBias).reshaped([b, t, keyValueHeads, headDim]).permuted([0, 2, 1, 3])
    let rotatedQuery = try q.applyingRotaryEmbedding(cos: rotary.cos, sin: rotary.sin)
    k = try k.applyingRotaryEmbedding(cos: rotary.cos, sin: rotary.sin)
    if let cache { (k, v) = try cache.store(layer: layer, keys: k, values: v) }  // [B, K, S, D]
    let attended = try Tensor.scaledDotProductAttention(query: rotatedQuery, key: k, value: v, causal: true, mask: keep)
    return try attended.permuted([0, 2, 1, 3]).reshaped([b, t, heads * headDim]).linear(weight: outputWeight)  // [B, T, C]
  }
}

/// The SwiGLU feed-forward block: down(silu(gate(x)) ⊙ up(x)).
struct Qwen2MLP {
  let gateWeight, upWeight, downWeight: Tensor

  func callAsFunction(_ x: Tensor) throws -> Tensor {
    let gate = try x.linear(weight: gateWeight).silu()  // [B, T, I]
    return try (gate * x.linear(weight: upWeight)).linear(weight: downWeight)  // [B, T, C]
  }
}

/// One pre-norm decoder layer: x + attn(norm(x)), then h + mlp(norm(h)).
struct Qwen2DecoderLayer {
  let inputNorm, postAttentionNorm: Tensor
  let attention: Qwen2Attention
  let mlp: Qwen2MLP
  let eps: Float

  func callAsFunction(_ x: Tensor, rotary: (cos: Tensor, sin: Tensor), keep: Tensor?, cache: KVCache?, layer: Int) throws -> Tensor {
    let attended = try attention(x.rmsNorm(weight: inputNorm, eps: eps), rotary: rotary, keep: keep, cache: cache, layer: layer)
    let h = try x + attended
    return try h + mlp(h.rmsNorm(weight: postAttentionNorm, eps: eps))
  }
}
