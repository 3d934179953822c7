// Tests of fused kernels' forward values against their plain definitions.
import Foundation
import Kernels
import Testing
@testable import Tensor

@Suite struct FusedOperationTests {
  @Test func rmsNormMatchesDefinition() throws {
    let x = try randomTensor([3, 16], seed: 1), w = try randomTensor([16], seed: 2)
    let reference = try x * (x.square().mean(axis: -1, keepingDimensions: true) + 1e-6).rsqrt() * w
    expectClose(try x.rmsNorm(weight: w, eps: 1e-6).scalars, reference.scalars, absolute: 1e-5, relative: 1e-5)
  }

  @Test func layerNormMatchesDefinition() throws {
    let x = try randomTensor([4, 10], seed: 3, scale: 3, shift: 1), w = try randomTensor([10], seed: 4), b = try randomTensor([10], seed: 5)
    let centered = try x - x.mean(axis: -1, keepingDimensions: true)
    let reference = try centered * (centered.square().mean(axis: -1, keepingDimensions: true) + 1e-5).rsqrt() * w + b
    expectClose(try x.layerNorm(weight: w, bias: b).scalars, reference.scalars, absolute: 1e-5, relative: 1e-5)
  }

  @Test func rotaryMatchesRotateHalfDefinition() throws {
    let x = try randomTensor([2, 3, 5, 8], seed: 6)
    let angles = try randomTensor([2, 1, 5, 8], seed: 7)
    let (cos, sin) = (try angles.tanh(), try angles.sigmoid())
    let halves = try x.split(sizes: [4, 4], axis: -1)
    let rotated = try Tensor.concatenate([-halves[1], halves[0]], axis: -1)
    let reference = try x * cos + rotated * sin
    // Same operation order as transformers, so the values are bit-identical.
    #expect(try x.applyingRotaryEmbedding(cos: cos, sin: sin).scalars == reference.scalars)
    #expect(throws: TensorError.self) { try x.applyingRotaryEmbedding(cos: Tensor.ones([5, 1]), sin: Tensor.ones([5, 1])) }
  }

  @Test(arguments: [
    // (batch, heads, kvHeads, queryLength, keyLength, headDim, causal, masked)
    (1, 2, 2, 4, 4, 8, true, false), (2, 4, 2, 5, 5, 4, true, true), (1, 2, 1, 1, 6, 4, true, true),
    (2, 2, 2, 3, 7, 5, false, true), (1, 3, 3, 2, 5, 4, true, false),
  ])
  func attentionMatchesNaiveReference(
    batch: Int, heads: Int, kvHeads: Int, queryLength: Int, keyLength: Int, headDim: Int, causal: Bool, masked: Bool
  ) throws {
    let q = try randomTensor([batch, heads, queryLength, headDim], seed: 1)
    let k = try randomTensor([batch, kvHeads, keyLength, headDim], seed: 2)
    let v = try randomTensor([batch, kvHeads, keyLength, headDim], seed: 3)
    // Left padding: batch row b has its first b keys masked.
    var keep = [Float](repeating: 1, count: batch * keyLength)
    for b in 0..<batch { for j in 0..<Swift.min(b, keyLength) { keep[b * keyLength + j] = 0 } }
    let mask = masked ? try Tensor(shape: [batch, 1, 1, keyLength], scalars: keep) : nil
    let output = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, causal: causal, mask: mask)
    let fullMask = try mask.map { try $0.expanded(to: [batch, heads, queryLength, keyLength]).scalars }
    let shape = AttentionShape(batch: batch, heads: heads, kvHeads: kvHeads, queryLength: queryLength, keyLength: keyLength, headDim: headDim)
    let reference = attentionReference(shape: shape, query: q.scalars, key: k.scalars, value: v.scalars,
                                       causal: causal, keep: fullMask, scale: 1 / Float(headDim).squareRoot())
    expectClose(output.scalars, reference, absolute: 1e-5, relative: 1e-4)
  }

  @Test func fullyMaskedQueriesAttendUniformlyAndStayFinite() throws {
    let q = try randomTensor([1, 1, 2, 4], seed: 1), k = try randomTensor([1, 1, 3, 4], seed: 2), v = try randomTensor([1, 1, 3, 4], seed: 3)
    let mask = try Tensor(shape: [1, 1, 1, 3], scalars: [0, 0, 1])
    // Query 0 (position 1 of 3) sees keys 0 and 1, both masked: uniform over all three keys.
    let output = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, causal: true, mask: mask)
    #expect(output.scalars.allSatisfy { $0.isFinite })
    expectClose(try output.selected(axis: 2, index: 0).reshaped([4]).scalars, try v.mean(axis: 2).reshaped([4]).scalars, absolute: 1e-6)
  }

  @Test func crossEntropyMatchesLogSoftmaxAndIgnoresPadding() throws {
    let logits = try randomTensor([4, 6], seed: 9, scale: 3)
    let targets = try IntTensor([5, -100, 0, 3])
    let logProbabilities = try logits.logSoftmax().scalars
    let perToken = try logits.crossEntropy(targets: targets, reduction: .none).scalars
    #expect(perToken[1] == 0)
    for (row, target) in [(0, 5), (2, 0), (3, 3)] {
      #expect(Swift.abs(perToken[row] + logProbabilities[row * 6 + target]) < 1e-5)
    }
    let mean = try logits.crossEntropy(targets: targets).item()
    #expect(Swift.abs(mean - (perToken[0] + perToken[2] + perToken[3]) / 3) < 1e-5)
    #expect(try logits.crossEntropy(targets: IntTensor([-100, -100, -100, -100])).item().isNaN)
    #expect(throws: TensorError.indexOutOfRange(op: "cross_entropy", index: 6, size: 6)) {
      try logits.crossEntropy(targets: IntTensor([6, 0, 0, 0]))
    }
  }
}
