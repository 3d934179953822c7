import Foundation
// Tests of the Philox generator: published known answers, determinism and distributions.
import Testing
@testable import Tensor

@Suite struct RandomGeneratorTests {
  /// Random123's known-answer vectors for Philox4x32-10.
  @Test func philoxMatchesRandom123KnownAnswers() {
    let zero = RandomGenerator.philox(counter: (0, 0, 0, 0), key: (0, 0))
    #expect([zero.0, zero.1, zero.2, zero.3] == [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
    let ones = RandomGenerator.philox(counter: (.max, .max, .max, .max), key: (.max, .max))
    #expect([ones.0, ones.1, ones.2, ones.3] == [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
    let pi = RandomGenerator.philox(counter: (0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: (0xa409_3822, 0x299f_31d0))
    #expect([pi.0, pi.1, pi.2, pi.3] == [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1])
  }

  @Test func sameSeedGivesSameNumbers() throws {
    var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
    let first = (0..<100).map { _ in a.nextUInt32() }
    #expect(first == (0..<100).map { _ in b.nextUInt32() })
    #expect(first != (0..<100).map { _ in c.nextUInt32() })
    var g1 = RandomGenerator(seed: 7), g2 = RandomGenerator(seed: 7)
    #expect(try Tensor.randn([5, 7], generator: &g1).scalars == Tensor.randn([5, 7], generator: &g2).scalars)
  }

  @Test func streamsAndDerivedGeneratorsAreIndependent() {
    var a = RandomGenerator(seed: 1, stream: 0), b = RandomGenerator(seed: 1, stream: 1)
    #expect((0..<8).map { _ in a.nextUInt32() } != (0..<8).map { _ in b.nextUInt32() })
    let parent = RandomGenerator(seed: 5)
    var d1 = parent.derived(1), d1Again = parent.derived(1), d2 = parent.derived(2)
    let x = d1.nextUInt64()
    #expect(x == d1Again.nextUInt64())
    #expect(x != d2.nextUInt64())
  }

  @Test func uniformAndNormalMomentsAreRight() {
    var generator = RandomGenerator(seed: 2024)
    let n = 200_000
    var sum = 0.0, squares = 0.0, uniformSum = 0.0
    var uniformInRange = true
    for _ in 0..<n {
      let z = generator.nextNormal()
      sum += z
      squares += z * z
      let u = generator.nextFloat()
      uniformInRange = uniformInRange && u >= 0 && u < 1
      uniformSum += Double(u)
    }
    #expect(Swift.abs(sum / Double(n)) < 0.01)
    #expect(Swift.abs(squares / Double(n) - 1) < 0.02)
    #expect(uniformInRange)
    #expect(Swift.abs(uniformSum / Double(n) - 0.5) < 0.005)
  }

  @Test func boundedIntegersAndPermutations() {
    var generator = RandomGenerator(seed: 9)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[generator.integer(below: 7)] += 1 }
    #expect(counts.allSatisfy { Swift.abs($0 - 10_000) < 500 })
    let permutation = generator.permutation(50)
    #expect(permutation.sorted() == Array(0..<50))
    #expect(permutation != Array(0..<50))
    #expect(generator.permutation(0).isEmpty)
    #expect(generator.integer(below: 1) == 0)
  }

  @Test func categoricalFollowsWeights() {
    var generator = RandomGenerator(seed: 3)
    let weights: [Float] = [0.1, 0, 0.6, 0.3]
    var counts = [Int](repeating: 0, count: 4)
    for _ in 0..<50_000 { counts[generator.categorical(weights) ?? -1] += 1 }
    #expect(counts[1] == 0)
    #expect(Swift.abs(Double(counts[2]) / 50_000 - 0.6) < 0.01)
    #expect(Swift.abs(Double(counts[0]) / 50_000 - 0.1) < 0.01)
    #expect(generator.categorical([Float]([0, 0])) == nil)
    #expect(generator.categorical([Float.nan, 2]) == 1)
  }

  @Test func savedStateContinuesTheStreamExactly() throws {
    // At every position within a block, and with a spare normal pending.
    for draws in 0..<9 {
      var generator = RandomGenerator(seed: 42, stream: 3)
      for _ in 0..<draws { _ = generator.nextUInt32() }
      if draws % 3 == 0 { _ = generator.nextNormal() }
      let encoded = try JSONEncoder().encode(generator.state)
      var restored = RandomGenerator(state: try JSONDecoder().decode(RandomGenerator.State.self, from: encoded))
      #expect(restored == generator)
      #expect((0..<10).map { _ in restored.nextNormal() } == (0..<10).map { _ in generator.nextNormal() })
      #expect(restored.nextUInt64() == generator.nextUInt64())
    }
  }
}
