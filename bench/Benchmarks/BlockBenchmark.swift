// BlockBenchmark: one Qwen2 decoder layer, forward + backward, at the S and M sizes of
// BASELINES.md (batch 16 × 128 tokens), written with Tensor operations.
import Foundation
import Tensor

/// The sizes of one Qwen2 decoder layer.
struct BlockSize {
  let name: String
  let hidden: Int, heads: Int, kvHeads: Int, intermediate: Int
  var headDim: Int { hidden / heads }

  static let small = BlockSize(name: "S", hidden: 128, heads: 4, kvHeads: 2, intermediate: 512)
  static let medium = BlockSize(name: "M", hidden: 256, heads: 8, kvHeads: 4, intermediate: 1024)
}

/// A Qwen2 decoder layer's parameters with random values, and its forward pass.
struct DecoderBlock {
  let size: BlockSize
  let store: ParameterStore

  init(size: BlockSize, generator: inout RandomGenerator) throws {
    self.size = size
    let (c, kv) = (size.hidden, size.kvHeads * size.headDim)
    store = try ParameterStore(shapes: [
      ("input_layernorm", [c]), ("q_proj.weight", [c, c]), ("q_proj.bias", [c]),
      ("k_proj.weight", [kv, c]), ("k_proj.bias", [kv]), ("v_proj.weight", [kv, c]), ("v_proj.bias", [kv]),
      ("o_proj.weight", [c, c]), ("post_attention_layernorm", [c]),
      ("gate_proj.weight", [size.intermediate, c]), ("up_proj.weight", [size.intermediate, c]),
      ("down_proj.weight", [c, size.intermediate]),
    ])
    try withoutGradient {
      for (name, tensor) in store.parameters {
        let values = name.hasSuffix("layernorm") ? try Tensor.ones(tensor.shape)
          : try Tensor.randn(tensor.shape, standardDeviation: 0.02, generator: &generator)
        try tensor.copy(from: values)
      }
    }
  }

  private func parameter(_ name: String) throws -> Tensor {
    guard let tensor = store[name] else { throw TensorError.invalidArgument(op: "block", reason: "no parameter \(name)") }
    return tensor
  }

  /// The layer's output for hidden states `x` ([B, T, C]) with rotary tables `cos`, `sin` ([T, D]).
  func forward(_ x: Tensor, cos: Tensor, sin: Tensor) throws -> Tensor {
    let (b, t) = (x.shape[0], x.shape[1])
    let (h, kvh, d) = (size.heads, size.kvHeads, size.headDim)
    let normed = try x.rmsNorm(weight: parameter("input_layernorm"), eps: 1e-6)
    let q = try normed.linear(weight: parameter("q_proj.weight"), bias: parameter("q_proj.bias"))
      .reshaped([b, t, h, d]).permuted([0, 2, 1, 3])                        // [B, H, T, D]
    let k = try normed.linear(weight: parameter("k_proj.weight"), bias: parameter("k_proj.bias"))
      .reshaped([b, t, kvh, d]).permuted([0, 2, 1, 3])                      // [B, Hkv, T, D]
    let v = try normed.linear(weight: parameter("v_proj.weight"), bias: parameter("v_proj.bias"))
      .reshaped([b, t, kvh, d]).permuted([0, 2, 1, 3])
    let attended = try Tensor.scaledDotProductAttention(
      query: q.applyingRotaryEmbedding(cos: cos, sin: sin), key: k.applyingRotaryEmbedding(cos: cos, sin: sin),
      value: v, causal: true)
      .permuted([0, 2, 1, 3]).reshaped([b, t, h * d])                      // [B, T, C]
    let residual = try x + attended.linear(weight: parameter("o_proj.weight"))
    let normed2 = try residual.rmsNorm(weight: parameter("post_attention_layernorm"), eps: 1e-6)
    let gate = try normed2.linear(weight: parameter("gate_proj.weight")).silu()
    let up = try normed2.linear(weight: parameter("up_proj.weight"))
    return try residual + (gate * up).linear(weight: parameter("down_proj.weight"))
  }

  /// Rotary tables for positions 0..<length (θ = 10000), each [length, headDim].
  func rotaryTables(length: Int) throws -> (cos: Tensor, sin: Tensor) {
    let d = size.headDim
    var cosValues: [Float] = [], sinValues: [Float] = []
    for position in 0..<length {
      let angles = (0..<(d / 2)).map { Double(position) / Foundation.pow(10000, Double(2 * $0) / Double(d)) }
      cosValues += (angles + angles).map { Float(Foundation.cos($0)) }
      sinValues += (angles + angles).map { Float(Foundation.sin($0)) }
    }
    return (try Tensor(shape: [length, d], scalars: cosValues), try Tensor(shape: [length, d], scalars: sinValues))
  }
}

/// Times forward+backward of one decoder layer per size and returns milliseconds per step.
func runBlockBenchmark(rounds: Int, minimumSeconds: Double, batch: Int, length: Int) throws -> [String: Double] {
  print("\n### One Qwen2 decoder layer, forward + backward, batch \(batch) × \(length) tokens (best of \(rounds) rounds)\n")
  let table = Table("size", "hidden / heads / kv / intermediate", "forward ms", "forward+backward ms", "tokens/s")
  var results: [String: Double] = [:]
  for size in [BlockSize.small, .medium] {
    var generator = RandomGenerator(seed: 2)
    let block = try DecoderBlock(size: size, generator: &generator)
    let x = try Tensor.randn([batch, length, size.hidden], generator: &generator).setRequiresGrad()
    let (cos, sin) = try block.rotaryTables(length: length)
    let times = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [
      { _ = try withoutGradient { try block.forward(x, cos: cos, sin: sin) } },
      {
        block.store.zeroGradients()
        x.zeroGrad()
        try block.forward(x, cos: cos, sin: sin).square().mean().backward()
      },
    ])
    results[size.name] = times[1] * 1000
    table.row(size.name, "\(size.hidden) / \(size.heads) / \(size.kvHeads) / \(size.intermediate)",
              fixed(times[0] * 1000, 2), fixed(times[1] * 1000, 2), fixed(Double(batch * length) / times[1], 0))
  }
  return results
}
