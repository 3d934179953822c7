// Tests of forward values: arithmetic, math functions, reductions, joining and indexing.
import Foundation
import Testing
@testable import Tensor

@Suite struct OperationTests {
  @Test func broadcastingArithmeticMatchesElementwiseDefinition() throws {
    let a = try randomTensor([2, 3, 4], seed: 1)
    let b = try randomTensor([3, 1], seed: 2)
    let sum = try a + b, product = try a * b, quotient = try a / (b.abs() + 1)
    let (av, bv) = (a.scalars, b.scalars)
    for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
      let index = (i * 3 + j) * 4 + k
      #expect(sum.scalars[index] == av[index] + bv[j])
      #expect(product.scalars[index] == av[index] * bv[j])
      #expect(quotient.scalars[index] == av[index] / (Swift.abs(bv[j]) + 1))
    } } }
    #expect(try (2 - Tensor(shape: [2], scalars: [1, 5])).scalars == [1, -3])
    #expect(try (Tensor(shape: [2], scalars: [1, 5]) / 2).scalars == [0.5, 2.5])
  }

  @Test func nonContiguousOperandsGiveTheSameResults() throws {
    let a = try randomTensor([4, 5], seed: 3)
    let t = try a.transposed()
    let tc = try t.contiguous()
    #expect(try (t * 2 + t.exp()).scalars == (tc * 2 + tc.exp()).scalars)
    #expect(try t.sum(axis: 0).scalars == tc.sum(axis: 0).scalars)
    #expect(try t.softmax().scalars == tc.softmax().scalars)
    #expect(try t.matmul(a).scalars == tc.matmul(a).scalars)
    let strided = try a.sliced(axis: 1, step: 2)
    #expect(try strided.log_abs().scalars == strided.contiguous().log_abs().scalars)
  }

  @Test func comparisonsWhereAndMaskedFill() throws {
    let x = try Tensor(shape: [4], scalars: [-1, 0, 2, 3])
    #expect(try (x .> Tensor(0)).scalars == [0, 0, 1, 1])
    #expect(try (x .<= Tensor(0)).scalars == [1, 1, 0, 0])
    #expect(try (x .== Tensor(2)).scalars == [0, 0, 1, 0])
    #expect(try (x .!= x).scalars == [0, 0, 0, 0])
    #expect(try Tensor.where(x .< Tensor(1), Tensor(10), x).scalars == [10, 10, 2, 3])
    #expect(try x.maskedFill(x .>= Tensor(2), with: -9).scalars == [-1, 0, -9, -9])
    #expect(try Tensor.maximum(x, Tensor(1)).scalars == [1, 1, 2, 3])
    #expect(try Tensor.minimum(x, Tensor(.nan)).scalars.allSatisfy { $0.isNaN })
  }

  /// Each vectorized function against double-precision libm over a wide range.
  @Test func mathFunctionsMatchLibm() throws {
    let values = try Tensor.linspace(from: -12, to: 12, count: 4801)
    let xs = values.scalars.map(Double.init)
    func check(_ name: String, _ actual: Tensor, _ reference: (Double) -> Double, tolerance: Double = 2e-7) {
      for (x, y) in zip(xs, actual.scalars) {
        let expected = reference(x)
        let error = Swift.abs(Double(y) - expected) / Swift.max(1, Swift.abs(expected))
        if !(error <= tolerance) {
          Issue.record("\(name)(\(x)) = \(y), expected \(expected)")
          return
        }
      }
    }
    check("exp", try values.exp(), Foundation.exp)
    check("tanh", try values.tanh(), Foundation.tanh)
    check("sigmoid", try values.sigmoid(), { 1 / (1 + Foundation.exp(-$0)) })
    check("silu", try values.silu(), { $0 / (1 + Foundation.exp(-$0)) }, tolerance: 5e-7)
    check("gelu", try values.gelu(), { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }, tolerance: 5e-7)
    check("gelu tanh", try values.gelu(approximation: .tanh),
          { 0.5 * $0 * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }, tolerance: 5e-7)
    check("relu", try values.relu(), { Swift.max($0, 0) })
    let positive = try values.abs() + 0.01
    let ps = positive.scalars.map(Double.init)
    for (name, result, reference) in [("log", try positive.log(), Foundation.log), ("sqrt", try positive.sqrt(), Foundation.sqrt),
                                      ("rsqrt", try positive.rsqrt(), { 1 / Foundation.sqrt($0) })] as [(String, Tensor, (Double) -> Double)] {
      for (x, y) in zip(ps, result.scalars) where Swift.abs(Double(y) - reference(x)) > 3e-7 * Swift.max(1, Swift.abs(reference(x))) {
        Issue.record("\(name)(\(x)) = \(y)")
        break
      }
    }
  }

  @Test func expHandlesOverflowUnderflowAndNaN() throws {
    let x = try Tensor(shape: [6], scalars: [100, 88.7, -90, -200, .nan, -.infinity]).exp().scalars
    #expect(x[0] == .infinity)
    #expect(x[1].isFinite && Swift.abs(Double(x[1]) / Foundation.exp(Double(Float(88.7))) - 1) < 1e-6)
    #expect(x[2] > 0 && Swift.abs(Double(x[2]) / Foundation.exp(Double(Float(-90))) - 1) < 1e-3)  // subnormal
    #expect(x[3] == 0)
    #expect(x[4].isNaN)
    #expect(x[5] == 0)
  }

  @Test func reductionsOverAnyAxis() throws {
    let x = try Tensor.arange(to: 24).reshaped([2, 3, 4])
    #expect(try x.sum().item() == 276)
    #expect(try x.sum(axis: 1).scalars == [12, 15, 18, 21, 48, 51, 54, 57])
    #expect(try x.sum(axes: [0, 2], keepingDimensions: true).shape == [1, 3, 1])
    #expect(try x.sum(axes: [0, 2]).scalars == [60, 92, 124])
    #expect(try x.mean(axis: -1).scalars == [1.5, 5.5, 9.5, 13.5, 17.5, 21.5])
    #expect(try x.max(axis: 0).scalars == Array(12..<24).map(Float.init))
    #expect(try x.min(axis: 2, keepingDimensions: true).shape == [2, 3, 1])
    #expect(try x.argmax(axis: 1).scalars == [2, 2, 2, 2, 2, 2, 2, 2])
    #expect(try Tensor(shape: [5], scalars: [1, 7, 7, -2, 0]).argmax().item() == 1)
    #expect(try Tensor(shape: [3], scalars: [1, .nan, 7]).max().item().isNaN)
    let v = try Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 2, 2, 2, 2])
    expectClose(try v.variance(axes: [1]).scalars, [5.0 / 3.0, 0])
    expectClose(try v.variance(axes: [1], correction: 0).scalars, [1.25, 0])
    let big = try Tensor(shape: [2, 3], scalars: [1000, 1001, 1002, -.infinity, -.infinity, -.infinity])
    let lse = try big.logSumExp(axis: 1).scalars
    #expect(Swift.abs(lse[0] - Float(1002 + Foundation.log(1 + Foundation.exp(-1.0) + Foundation.exp(-2.0)))) < 1e-3)
    #expect(lse[1] == -.infinity)
  }

  @Test func softmaxRowsSumToOneAndLogSoftmaxAgrees() throws {
    let x = try randomTensor([3, 7], seed: 5, scale: 10)
    let p = try x.softmax()
    for row in 0..<3 { #expect(Swift.abs(try p.selected(axis: 0, index: row).sum().item() - 1) < 1e-6) }
    expectClose(try x.logSoftmax().exp().scalars, p.scalars, absolute: 1e-6)
    expectClose(try x.softmax(axis: 0).sum(axis: 0).scalars, [Float](repeating: 1, count: 7), absolute: 1e-6)
  }

  @Test func joiningSplittingAndPadding() throws {
    let a = try Tensor.arange(to: 6).reshaped([2, 3])
    let b = try Tensor.arange(from: 6, to: 9).reshaped([1, 3])
    #expect(try Tensor.concatenate([a, b]).scalars == Array(0..<9).map(Float.init))
    #expect(try Tensor.concatenate([a, a], axis: -1).shape == [2, 6])
    #expect(try Tensor.stack([a, a], axis: 1).shape == [2, 2, 3])
    let parts = try Tensor.arange(to: 10).split(sizes: [3, 7])
    #expect(parts.map { $0.shape } == [[3], [7]])
    #expect(try Tensor.arange(to: 7).chunked(into: 3).map { $0.count } == [3, 3, 1])
    let padded = try a.padded([(1, 0), (0, 2)], value: -1)
    #expect(padded.shape == [3, 5])
    #expect(padded.scalars == [-1, -1, -1, -1, -1, 0, 1, 2, -1, -1, 3, 4, 5, -1, -1])
    #expect(throws: TensorError.shapeMismatch(op: "concat", lhs: [2, 3], rhs: [1, 4], detail: "all dimensions but 0 must match")) {
      try Tensor.concatenate([a, Tensor.zeros([1, 4])])
    }
  }

  @Test func gatherScatterIndexSelectAndEmbedding() throws {
    let x = try Tensor.arange(to: 12).reshaped([3, 4])
    let index = try IntTensor(shape: [3, 2], values: [3, 0, 1, 1, 0, 2])
    #expect(try x.gather(axis: 1, index: index).scalars == [3, 0, 5, 5, 8, 10])
    let scattered = try Tensor.zeros([3, 4]).scatterAdd(axis: 1, index: index, source: Tensor.ones([3, 2]))
    #expect(scattered.scalars == [1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 1, 0])
    #expect(try x.indexSelect(axis: 1, indices: IntTensor([2, 2, 0])).scalars == [2, 2, 0, 6, 6, 4, 10, 10, 8])
    let embedded = try Tensor.embedding(IntTensor(shape: [2, 1], values: [2, 0]), weight: x)
    #expect(embedded.shape == [2, 1, 4])
    #expect(embedded.scalars == [8, 9, 10, 11, 0, 1, 2, 3])
    #expect(throws: TensorError.indexOutOfRange(op: "embedding", index: 3, size: 3)) {
      try Tensor.embedding(IntTensor([3]), weight: x)
    }
    #expect(throws: TensorError.indexOutOfRange(op: "gather", index: 4, size: 4)) {
      try x.gather(axis: 1, index: IntTensor(shape: [3, 1], values: [0, 4, 0]))
    }
  }

  @Test func creationFunctions() throws {
    #expect(try Tensor.arange(from: 1, to: 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
    #expect(try Tensor.linspace(from: 0, to: 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
    #expect(try Tensor.eye(2, 3).scalars == [1, 0, 0, 0, 1, 0])
    #expect(try Tensor.full([2], value: 7).scalars == [7, 7])
    #expect(Tensor(3).shape == [])
    #expect(try Tensor(3).item() == 3)
    var generator = RandomGenerator(seed: 1)
    let uniform = try Tensor.rand([1000], low: -2, high: 2, generator: &generator).scalars
    #expect(uniform.allSatisfy { $0 >= -2 && $0 < 2 })
    #expect(throws: TensorError.self) { try Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
    #expect(throws: TensorError.self) { try Tensor.zeros([-1]) }
    #expect(try IntTensor(shape: [2], values: [5, -3]).toFloat().scalars == [5, -3])
    #expect(try Tensor(shape: [3], scalars: [1.9, -1.9, 0]).toInt().scalars == [1, -1, 0])
  }
}

extension Tensor {
  /// log |x| + 1, a composite used to exercise strided inputs through several kernels.
  func log_abs() throws -> Tensor { try (abs() + 1).log() }
}
