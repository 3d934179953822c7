// Kernels split across threads give exactly the numbers of the single-threaded loop.
import Kernels
import Testing

/// Runs with several kernel threads and compares every parallel kernel, bit for bit, with the
/// same call on one thread. Serialized: it is the only suite that changes `KernelThreads.count`.
@Suite(.serialized) struct ParallelKernelTests {
  /// Seeded values in [-2, 2).
  func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Float(state >> 40) / Float(1 << 24) * 4 - 2
    }
  }

  /// `body` on one thread and on four, and the first (output, index) where the two results'
  /// bits differ (NaN included), or nil.
  func singleAndParallel(_ body: () -> [[Float]]) -> (single: [[Float]], mismatch: (Int, Int)?) {
    let saved = KernelThreads.count
    defer { KernelThreads.count = saved }
    KernelThreads.count = 1
    let single = body()
    KernelThreads.count = 4
    let parallel = body()
    for (output, (x, y)) in zip(single, parallel).enumerated() {
      if x.count != y.count { return (single, (output, -1)) }
      if let index = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) { return (single, (output, index)) }
    }
    return (single, nil)
  }

  @Test func chunkCountFollowsTheWorkAndTheThreadCount() {
    let saved = KernelThreads.count
    defer { KernelThreads.count = saved }
    KernelThreads.count = 4
    #expect(KernelThreads.chunks(units: 1_000_000, unitWork: 1) == 4)
    #expect(KernelThreads.chunks(units: 3, unitWork: 100_000) == 3)
    #expect(KernelThreads.chunks(units: 4_000, unitWork: 16) == 1)  // too little work to wake a thread
    // The sizes the other tests use are split.
    #expect(KernelThreads.chunks(units: 300_000, unitWork: 1) > 1)
    #expect(KernelThreads.chunks(units: 1024, unitWork: 200) > 1)
    #expect(KernelThreads.chunks(units: 4 * 4 * 512, unitWork: 32) > 1)
    #expect(KernelThreads.chunks(units: 16 * 4, unitWork: 64 * 128 * 16 * 2) > 1)
    #expect(KernelThreads.chunks(units: 16 * 4, unitWork: 128 * 16 * 2) > 1)
    KernelThreads.count = 1
    #expect(KernelThreads.chunks(units: 100_000, unitWork: 100) == 1)
    KernelThreads.count = 0
    #expect(KernelThreads.count == 1)
  }

  @Test func unaryGradientSplitsElements() {
    let count = 300_000
    let x = values(count, seed: 1), g = values(count, seed: 2)
    let result = singleAndParallel { () -> [[Float]] in
      var y = [Float](repeating: 0, count: count)
      unary(.sigmoid, shape: [count], input: x, inputStrides: [1], output: &y, outputStrides: [1])
      var dx = [Float](repeating: 0, count: count), dSilu = dx
      unaryGradient(.sigmoid, count: count, input: x, output: y, gradOutput: g, into: &dx)
      unaryGradient(.silu, count: count, input: x, output: y, gradOutput: g, into: &dSilu)
      return [dx, dSilu]
    }
    #expect(result.mismatch == nil)
    #expect(result.single[0].contains { $0 != 0 })
  }

  @Test func rowKernelsSplitRows() {
    let (rows, length) = (1024, 200)
    let x = values(rows * length, seed: 4), g = values(rows * length, seed: 5), w = values(length, seed: 6)
    var targets = (0..<rows).map { Int32($0 * 7 % length) }
    targets[3] = -100
    let gradLoss = values(rows, seed: 7)
    let result = singleAndParallel { () -> [[Float]] in
      var softmax = [Float](repeating: 0, count: rows * length), logSoftmax = softmax
      var lse = [Float](repeating: 0, count: rows)
      softmaxRows(x, rows: rows, length: length, into: &softmax)
      logSoftmaxRows(x, rows: rows, length: length, into: &logSoftmax)
      logSumExpRows(x, rows: rows, length: length, into: &lse)
      var softmaxGrad = [Float](repeating: 0, count: rows * length), logSoftmaxGrad = softmaxGrad
      softmaxBackwardRows(output: softmax, gradOutput: g, rows: rows, length: length, into: &softmaxGrad)
      logSoftmaxBackwardRows(output: logSoftmax, gradOutput: g, rows: rows, length: length, into: &logSoftmaxGrad)
      var rms = [Float](repeating: 0, count: rows * length), rstd = [Float](repeating: 0, count: rows)
      rmsNormForward(x, weight: w, rows: rows, dim: length, eps: 1e-6, into: &rms, rstd: &rstd)
      var layer = [Float](repeating: 0, count: rows * length), mean = rstd, layerRstd = rstd
      layerNormForward(x, weight: w, bias: g, rows: rows, dim: length, eps: 1e-5, into: &layer, mean: &mean, rstd: &layerRstd)
      var logitsGrad = [Float](repeating: 0, count: rows * length)
      crossEntropyBackward(logits: x, targets: targets, logSumExp: lse, gradLoss: gradLoss, rows: rows, classes: length,
                           ignoreIndex: -100, into: &logitsGrad)
      return [softmax, logSoftmax, lse, softmaxGrad, logSoftmaxGrad, rms, rstd, layer, mean, layerRstd, logitsGrad]
    }
    #expect(result.mismatch == nil)
    #expect(result.single[10][3 * length..<4 * length].allSatisfy { $0 == 0 })  // the ignored row
  }

  @Test func rotaryEmbeddingSplitsPositions() {
    let (batch, heads, length, dim) = (4, 4, 512, 32)
    let x = values(batch * heads * length * dim, seed: 8)
    let cos = values(batch * length * dim, seed: 9), sin = values(batch * length * dim, seed: 10)
    let result = singleAndParallel { () -> [[Float]] in
      var y = [Float](repeating: 0, count: x.count)
      rotaryEmbedding(shape: [batch, heads, length], dim: dim, inverse: false,
                      input: x, inputStrides: [heads * length * dim, length * dim, dim],
                      cos: cos, cosStrides: [length * dim, 0, dim], sin: sin, sinStrides: [length * dim, 0, dim],
                      output: &y, outputStrides: [heads * length * dim, length * dim, dim])
      return [y]
    }
    #expect(result.mismatch == nil)
    #expect(result.single[0][0] == x[0] * cos[0] - x[dim / 2] * sin[0])
  }

  /// Prefill (GEMM per head) and decoding (direct loops), causal with a padding mask, grouped
  /// key/value heads; backward accumulates dK and dV across the heads of a group.
  @Test(arguments: [64, 1]) func attentionSplitsHeads(queryLength: Int) {
    let shape = AttentionShape(batch: 16, heads: 4, kvHeads: 2, queryLength: queryLength, keyLength: 128, headDim: 16)
    let (tq, tk, d) = (shape.queryLength, shape.keyLength, shape.headDim)
    let q = values(shape.batch * shape.heads * tq * d, seed: 11)
    let k = values(shape.batch * shape.kvHeads * tk * d, seed: 12), v = values(k.count, seed: 13)
    let dO = values(q.count, seed: 14)
    // Left padding: batch row b hides its first b keys.
    let keep = (0..<shape.batch * tk).map { Float($0 % tk >= $0 / tk ? 1 : 0) }
    let result = singleAndParallel { () -> [[Float]] in
      var probabilities = [Float](repeating: 0, count: shape.batch * shape.heads * tq * tk)
      var output = [Float](repeating: 0, count: q.count)
      var dQ = [Float](repeating: 0, count: q.count), dK = [Float](repeating: 0, count: k.count), dV = dK
      q.withUnsafeBufferPointer { q in
        k.withUnsafeBufferPointer { k in
          v.withUnsafeBufferPointer { v in
            keep.withUnsafeBufferPointer { keep in
              let query = AttentionOperand(base: q.baseAddress!, batchStride: shape.heads * tq * d, headStride: tq * d, rowStride: d)
              let key = AttentionOperand(base: k.baseAddress!, batchStride: shape.kvHeads * tk * d, headStride: tk * d, rowStride: d)
              let value = AttentionOperand(base: v.baseAddress!, batchStride: shape.kvHeads * tk * d, headStride: tk * d, rowStride: d)
              let mask = AttentionMask(causal: true, keep: keep.baseAddress!, keepStrides: (tk, 0, 0, 1))
              attentionForward(shape: shape, query: query, key: key, value: value, mask: mask, scale: 0.25,
                               probabilities: &probabilities, output: &output)
              attentionBackward(shape: shape, query: query, key: key, value: value, mask: mask, scale: 0.25,
                                probabilities: probabilities, gradOutput: dO, gradQuery: &dQ, gradKey: &dK, gradValue: &dV)
            }
          }
        }
      }
      return [output, probabilities, dQ, dK, dV]
    }
    #expect(result.mismatch == nil)
    #expect(result.single[3].contains { $0 != 0 })
  }
}
