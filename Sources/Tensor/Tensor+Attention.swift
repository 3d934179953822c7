// Tensor+Attention: causal scaled dot-product attention with padding masks and grouped KV heads.
import Kernels

extension Tensor {
  /// softmax(scale · Q Kᵀ + mask) V for queries `[B, H, Tq, D]` and keys/values
  /// `[B, Hkv, Tk, D]`, where H is a multiple of Hkv (grouped-query attention).
  ///
  /// - Parameters:
  ///   - causal: query i (one of the last Tq of Tk positions) sees keys j ≤ i + Tk − Tq. With
  ///     Tq = Tk this is the usual causal mask; with Tq < Tk it is decoding against a KV cache.
  ///   - mask: optional keep-mask broadcastable to `[B, H, Tq, Tk]`: nonzero keeps a pair. A
  ///     key-padding mask `[B, Tk]` is passed as `mask.reshaped([B, 1, 1, Tk])`.
  ///   - scale: defaults to 1/√D.
  /// Queries with no visible key (left-padding rows) attend uniformly, as transformers' eager
  /// attention does, so their outputs stay finite.
  public static func scaledDotProductAttention(
    query: Tensor, key: Tensor, value: Tensor, causal: Bool = true, mask: Tensor? = nil, scale: Float? = nil
  ) throws -> Tensor {
    let shape = try attentionShape(query: query, key: key, value: value)
    let scale = scale ?? 1 / Float(shape.headDim).squareRoot()
    let keepMask = try mask.map { try attentionMask($0, shape: shape) }
    func rowContiguous(_ t: Tensor) throws -> Tensor { t.strides[3] == 1 || t.shape[3] == 1 ? t : try t.contiguousCopy() }
    let q = try rowContiguous(query), k = try rowContiguous(key), v = try rowContiguous(value)
    let probabilities = try Tensor.uninitialized([shape.batch, shape.heads, shape.queryLength, shape.keyLength], op: "attention")
    let result = try Tensor.uninitialized([shape.batch, shape.heads, shape.queryLength, shape.headDim], op: "attention")
    if result.count > 0 || probabilities.count > 0 {
      withExtendedLifetime((q, k, v, keepMask, probabilities, result)) {
        Kernels.attentionForward(shape: shape, query: q.operand, key: k.operand, value: v.operand,
                                 mask: kernelMask(keepMask, causal: causal), scale: scale,
                                 probabilities: probabilities.base, output: result.base)
      }
    }
    return record(result, "attention", inputs: [query, key, value]) {
      .attention(query: SavedTensor(q), key: SavedTensor(k), value: SavedTensor(v), mask: keepMask,
                 causal: causal, scale: scale, probabilities: probabilities)
    }
  }

  /// Query, key and value gradients from the probabilities saved by the forward pass.
  static func attentionGradients(
    query: Tensor, key: Tensor, value: Tensor, mask: Tensor?, causal: Bool, scale: Float,
    probabilities: Tensor, gradOutput: Tensor
  ) throws -> [Tensor?] {
    let shape = try attentionShape(query: query, key: key, value: value)
    let g = try gradOutput.contiguous()
    let gradQuery = try Tensor.zeros(query.shape)
    let gradKey = try Tensor.zeros(key.shape)
    let gradValue = try Tensor.zeros(value.shape)
    withExtendedLifetime((query, key, value, mask, probabilities, g, gradQuery, gradKey, gradValue)) {
      Kernels.attentionBackward(shape: shape, query: query.operand, key: key.operand, value: value.operand,
                                mask: kernelMask(mask, causal: causal), scale: scale, probabilities: probabilities.base,
                                gradOutput: g.base, gradQuery: gradQuery.base, gradKey: gradKey.base, gradValue: gradValue.base)
    }
    return [gradQuery, gradKey, gradValue]
  }

  private static func attentionShape(query: Tensor, key: Tensor, value: Tensor) throws -> AttentionShape {
    guard query.rank == 4, key.rank == 4, value.rank == 4 else {
      throw TensorError.invalidArgument(
        op: "attention", reason: "query, key and value must be [batch, heads, length, head_dim]; got \(shapeText(query.shape)), \(shapeText(key.shape)), \(shapeText(value.shape))")
    }
    guard key.shape == value.shape else {
      throw TensorError.shapeMismatch(op: "attention", lhs: key.shape, rhs: value.shape, detail: "key and value must have the same shape")
    }
    let (b, h, tq, d) = (query.shape[0], query.shape[1], query.shape[2], query.shape[3])
    let (kvHeads, tk) = (key.shape[1], key.shape[2])
    guard key.shape[0] == b, key.shape[3] == d, kvHeads > 0, h % kvHeads == 0 else {
      throw TensorError.shapeMismatch(op: "attention", lhs: query.shape, rhs: key.shape,
                                      detail: "batch and head_dim must match, and query heads must be a multiple of key heads")
    }
    return AttentionShape(batch: b, heads: h, kvHeads: kvHeads, queryLength: tq, keyLength: tk, headDim: d)
  }

  private static func attentionMask(_ mask: Tensor, shape: AttentionShape) throws -> Tensor {
    let full = [shape.batch, shape.heads, shape.queryLength, shape.keyLength]
    guard mask.rank <= 4, (try? Layout.broadcast(full, mask.shape, op: "attention")) == full else {
      throw TensorError.shapeMismatch(op: "attention", lhs: full, rhs: mask.shape, detail: "the mask must broadcast to [batch, heads, query, key]")
    }
    return try withoutGradient { try mask.expanded(to: full) }
  }

  private static func kernelMask(_ mask: Tensor?, causal: Bool) -> AttentionMask {
    guard let mask else { return AttentionMask(causal: causal) }
    let s = mask.strides
    return AttentionMask(causal: causal, keep: UnsafePointer(mask.base), keepStrides: (s[0], s[1], s[2], s[3]))
  }

  /// This 4-d tensor as an attention operand (the caller keeps it alive).
  private var operand: AttentionOperand {
    AttentionOperand(base: UnsafePointer(base), batchStride: strides[0], headStride: strides[1], rowStride: strides[2])
  }
}
