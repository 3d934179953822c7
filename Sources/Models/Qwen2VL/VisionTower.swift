// VisionTower: Qwen2-VL's vision encoder — patch embedding, 2-D rotary ViT blocks, 2×2 merger.
import Foundation
import Tensor

/// The vision encoder. Letters: N patches (all images), E embed width, h heads, d head width,
/// M = N / merge² merged tokens, C language hidden width.
struct VisionTower {
  let configuration: VisionConfiguration
  /// The patch-embedding convolution's weight `[E, 3, 2, 14, 14]`; reshaped to `[E, values per
  /// patch]` at each forward, so the view's graph node is fresh for every backward.
  let patchWeight: Tensor
  let blocks: [Block]
  let mergerNormWeight, mergerNormBias, mergerHiddenWeight, mergerHiddenBias, mergerOutputWeight, mergerOutputBias: Tensor

  struct Block {
    let norm1Weight, norm1Bias, norm2Weight, norm2Bias: Tensor
    let qkvWeight, qkvBias, projectionWeight, projectionBias: Tensor
    let fc1Weight, fc1Bias, fc2Weight, fc2Bias: Tensor
  }

  /// The vision parameters' Hugging Face (hub layout) names and shapes.
  static func parameterShapes(for c: VisionConfiguration) -> [(name: String, shape: [Int])] {
    let (e, m) = (c.embedDim, c.mlpDim)
    let merged = e * c.spatialMergeSize * c.spatialMergeSize
    var shapes: [(String, [Int])] = [("visual.patch_embed.proj.weight", [e, c.inChannels, c.temporalPatchSize, c.patchSize, c.patchSize])]
    for block in 0..<c.depth {
      let p = "visual.blocks.\(block)."
      shapes += [
        (p + "norm1.weight", [e]), (p + "norm1.bias", [e]), (p + "norm2.weight", [e]), (p + "norm2.bias", [e]),
        (p + "attn.qkv.weight", [3 * e, e]), (p + "attn.qkv.bias", [3 * e]),
        (p + "attn.proj.weight", [e, e]), (p + "attn.proj.bias", [e]),
        (p + "mlp.fc1.weight", [m, e]), (p + "mlp.fc1.bias", [m]), (p + "mlp.fc2.weight", [e, m]), (p + "mlp.fc2.bias", [e]),
      ]
    }
    shapes += [
      ("visual.merger.ln_q.weight", [e]), ("visual.merger.ln_q.bias", [e]),
      ("visual.merger.mlp.0.weight", [merged, merged]), ("visual.merger.mlp.0.bias", [merged]),
      ("visual.merger.mlp.2.weight", [c.outputSize, merged]), ("visual.merger.mlp.2.bias", [c.outputSize]),
    ]
    return shapes
  }

  init(configuration: VisionConfiguration, store: ParameterStore) throws {
    func weight(_ name: String) throws -> Tensor {
      guard let tensor = store[name] else { throw ModelError.invalidInput("parameter store lacks \(name)") }
      return tensor
    }
    self.configuration = configuration
    patchWeight = try weight("visual.patch_embed.proj.weight")
    blocks = try (0..<configuration.depth).map { index in
      let p = "visual.blocks.\(index)."
      return Block(
        norm1Weight: try weight(p + "norm1.weight"), norm1Bias: try weight(p + "norm1.bias"),
        norm2Weight: try weight(p + "norm2.weight"), norm2Bias: try weight(p + "norm2.bias"),
        qkvWeight: try weight(p + "attn.qkv.weight"), qkvBias: try weight(p + "attn.qkv.bias"),
        projectionWeight: try weight(p + "attn.proj.weight"), projectionBias: try weight(p + "attn.proj.bias"),
        fc1Weight: try weight(p + "mlp.fc1.weight"), fc1Bias: try weight(p + "mlp.fc1.bias"),
        fc2Weight: try weight(p + "mlp.fc2.weight"), fc2Bias: try weight(p + "mlp.fc2.bias"))
    }
    mergerNormWeight = try weight("visual.merger.ln_q.weight")
    mergerNormBias = try weight("visual.merger.ln_q.bias")
    mergerHiddenWeight = try weight("visual.merger.mlp.0.weight")
    mergerHiddenBias = try weight("visual.merger.mlp.0.bias")
    mergerOutputWeight = try weight("visual.merger.mlp.2.weight")
    mergerOutputBias = try weight("visual.merger.mlp.2.bias")
  }

  /// The (row, column) of every patch in the processor's block-major order: 2×2 merge windows
  /// row-major over the grid, and the four patches of a window row-major inside it.
  static func patchCoordinates(grids: [VisionGrid], mergeSize: Int) -> [(row: Int, column: Int)] {
    var coordinates: [(Int, Int)] = []
    for grid in grids {
      for _ in 0..<grid.temporal {
        for blockRow in 0..<(grid.height / mergeSize) {
          for blockColumn in 0..<(grid.width / mergeSize) {
            for innerRow in 0..<mergeSize {
              for innerColumn in 0..<mergeSize {
                coordinates.append((blockRow * mergeSize + innerRow, blockColumn * mergeSize + innerColumn))
              }
            }
          }
        }
      }
    }
    return coordinates
  }

  /// cos and sin `[N, 1, d]` of the 2-D rotary embedding: angles cat(row·f, column·f) with
  /// f_j = 1/θ^(4j/d) for j < d/4, then cat(angles, angles) — as transformers computes them in float32.
  func rotaryTables(_ coordinates: [(row: Int, column: Int)]) throws -> (cos: Tensor, sin: Tensor) {
    let d = configuration.headDim
    let quarter = d / 4
    let base = Float(configuration.ropeTheta)
    let frequencies = (0..<quarter).map { j in 1 / powf(base, Float(2 * j) / Float(d / 2)) }
    var cosValues: [Float] = [], sinValues: [Float] = []
    cosValues.reserveCapacity(coordinates.count * d)
    sinValues.reserveCapacity(coordinates.count * d)
    for (row, column) in coordinates {
      let angles = frequencies.map { $0 * Float(row) } + frequencies.map { $0 * Float(column) }
      for angle in angles + angles {
        cosValues.append(Float(Foundation.cos(Double(angle))))
        sinValues.append(Float(Foundation.sin(Double(angle))))
      }
    }
    let shape = [coordinates.count, 1, d]
    return try wrapTensorError { (try Tensor(shape: shape, scalars: cosValues), try Tensor(shape: shape, scalars: sinValues)) }
  }

  /// Encodes `pixelValues` `[N, values per patch]` (all images, in order) into language-model
  /// embeddings `[M, C]`, one per merged 2×2 window. `blockOutputs` receives the patch
  /// embedding and each block's output, for inspection.
  func callAsFunction(pixelValues: Tensor, grids: [VisionGrid], blockOutputs: UnsafeMutablePointer<[Tensor]>? = nil) throws -> Tensor {
    let c = configuration
    let counts = grids.map { $0.temporal * $0.height * $0.width }
    guard pixelValues.rank == 2, pixelValues.shape[1] == c.patchValues, pixelValues.shape[0] == counts.reduce(0, +) else {
      throw ModelError.invalidInput("pixel values must be [\(counts.reduce(0, +)) patches, \(c.patchValues)] for grids \(grids.map { [$0.temporal, $0.height, $0.width] }), got \(pixelValues.shape)")
    }
    guard grids.allSatisfy({ $0.height % c.spatialMergeSize == 0 && $0.width % c.spatialMergeSize == 0 }) else {
      throw ModelError.invalidInput("image grids must be multiples of the merge size \(c.spatialMergeSize): \(grids.map { [$0.temporal, $0.height, $0.width] })")
    }
    let rotary = try rotaryTables(Self.patchCoordinates(grids: grids, mergeSize: c.spatialMergeSize))
    return try wrapTensorError {
      var x = try pixelValues.linear(weight: patchWeight.reshaped([c.embedDim, -1]))  // [N, E]
      blockOutputs?.pointee.append(x)
      for block in blocks {
        x = try x + attention(block, x.layerNorm(weight: block.norm1Weight, bias: block.norm1Bias, eps: 1e-6), rotary: rotary, counts: counts)
        let hidden = try x.layerNorm(weight: block.norm2Weight, bias: block.norm2Bias, eps: 1e-6).linear(weight: block.fc1Weight, bias: block.fc1Bias)
        x = try x + hidden.quickGELU().linear(weight: block.fc2Weight, bias: block.fc2Bias)
        blockOutputs?.pointee.append(x)
      }
      let window = c.spatialMergeSize * c.spatialMergeSize
      let merged = try x.layerNorm(weight: mergerNormWeight, bias: mergerNormBias, eps: 1e-6).reshaped([-1, window * c.embedDim])  // [M, 4E]
      return try merged.linear(weight: mergerHiddenWeight, bias: mergerHiddenBias).gelu()
        .linear(weight: mergerOutputWeight, bias: mergerOutputBias)  // [M, C]
    }
  }

  /// Bidirectional attention within each image (block-diagonal across images).
  private func attention(_ block: Block, _ x: Tensor, rotary: (cos: Tensor, sin: Tensor), counts: [Int]) throws -> Tensor {
    let (n, h, d) = (x.shape[0], configuration.headCount, configuration.headDim)
    let qkv = try x.linear(weight: block.qkvWeight, bias: block.qkvBias).reshaped([n, 3, h, d])  // [N, 3, h, d]
    let q = try qkv.selected(axis: 1, index: 0).applyingRotaryEmbedding(cos: rotary.cos, sin: rotary.sin)  // [N, h, d]
    let k = try qkv.selected(axis: 1, index: 1).applyingRotaryEmbedding(cos: rotary.cos, sin: rotary.sin)
    let v = try qkv.selected(axis: 1, index: 2)
    var outputs: [Tensor] = []
    var start = 0
    for count in counts {
      func image(_ t: Tensor) throws -> Tensor { try t.sliced(axis: 0, start: start, end: start + count).permuted([1, 0, 2]).unsqueezed(axis: 0) }  // [1, h, n, d]
      let attended = try Tensor.scaledDotProductAttention(query: image(q), key: image(k), value: image(v), causal: false)
      outputs.append(try attended.squeezed(axis: 0).permuted([1, 0, 2]).reshaped([count, h * d]))  // [n, E]
      start += count
    }
    return try Tensor.concatenate(outputs, axis: 0).linear(weight: block.projectionWeight, bias: block.projectionBias)
  }
}
