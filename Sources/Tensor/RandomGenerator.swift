// RandomGenerator: Philox4x32-10, a counter-based generator, with the distributions rlnb samples.
import Foundation

/// A seeded, counter-based random number generator (Philox4x32-10, Salmon et al., SC 2011).
///
/// Philox turns a 128-bit counter and a 64-bit key into 128 random bits through ten rounds of
/// multiply-and-xor; the same (seed, stream, counter) always gives the same bits, on every
/// machine and build. The key is the seed, the high half of the counter is the stream, and the
/// low half counts 128-bit blocks, so independent streams (one per rollout, per worker) come
/// from `RandomGenerator(seed:stream:)` without any shared state.
///
/// Distributions: uniform floats and doubles (`nextFloat`, `nextDouble`), normal (Box–Muller
/// in double precision), bounded integers without modulo bias (Lemire's method), permutations
/// (Fisher–Yates) and categorical sampling (inverse CDF in double precision).
public struct RandomGenerator: RandomNumberGenerator, Sendable, Equatable {
  /// The seed this generator was created with.
  public let seed: UInt64
  /// The stream this generator draws from.
  public let stream: UInt64
  /// How many 128-bit blocks have been drawn so far.
  public private(set) var blockIndex: UInt64 = 0
  private var block: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
  private var used = 4
  private var spareNormal: Double?

  /// Creates a generator for `seed` and an optional independent `stream`.
  public init(seed: UInt64, stream: UInt64 = 0) {
    self.seed = seed
    self.stream = stream
  }

  public static func == (lhs: RandomGenerator, rhs: RandomGenerator) -> Bool {
    lhs.seed == rhs.seed && lhs.stream == rhs.stream && lhs.blockIndex == rhs.blockIndex
      && lhs.used == rhs.used && lhs.spareNormal == rhs.spareNormal
  }

  /// Everything that determines the generator's future draws, for checkpoints.
  public struct State: Codable, Sendable, Equatable {
    public var seed: UInt64, stream: UInt64, blockIndex: UInt64
    /// Words of the current block already returned (4: none left).
    public var used: Int
    /// The second value of the last Box–Muller pair, not yet returned.
    public var spareNormal: Double?
  }

  /// The generator's state; `RandomGenerator(state:)` continues exactly where this one is.
  public var state: State { State(seed: seed, stream: stream, blockIndex: blockIndex, used: used, spareNormal: spareNormal) }

  /// A generator that continues from `state` (the current block is recomputed from its counter).
  public init(state: State) {
    self.init(seed: state.seed, stream: state.stream)
    blockIndex = state.blockIndex
    if state.used < 4, state.blockIndex > 0 {
      blockIndex -= 1
      _ = nextUInt32()  // regenerates the current block
      used = Swift.max(0, state.used)
    }
    spareNormal = state.spareNormal
  }

  /// The Philox4x32-10 bijection of `counter` under `key`.
  public static func philox(
    counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)
  ) -> (UInt32, UInt32, UInt32, UInt32) {
    var (c0, c1, c2, c3) = counter
    var (k0, k1) = key
    for _ in 0..<10 {
      let product0 = UInt64(0xD251_1F53) &* UInt64(c0)
      let product1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
      let (hi0, lo0) = (UInt32(truncatingIfNeeded: product0 >> 32), UInt32(truncatingIfNeeded: product0))
      let (hi1, lo1) = (UInt32(truncatingIfNeeded: product1 >> 32), UInt32(truncatingIfNeeded: product1))
      (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
      k0 &+= 0x9E37_79B9
      k1 &+= 0xBB67_AE85
    }
    return (c0, c1, c2, c3)
  }

  /// The next 32 random bits.
  public mutating func nextUInt32() -> UInt32 {
    if used == 4 {
      let counter = (
        UInt32(truncatingIfNeeded: blockIndex), UInt32(truncatingIfNeeded: blockIndex >> 32),
        UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)
      )
      block = Self.philox(counter: counter, key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)))
      blockIndex &+= 1
      used = 0
    }
    defer { used += 1 }
    switch used {
    case 0: return block.0
    case 1: return block.1
    case 2: return block.2
    default: return block.3
    }
  }

  /// The next 64 random bits, for Swift's `random(in:using:)` APIs.
  public mutating func next() -> UInt64 { nextUInt64() }

  /// The next 64 random bits.
  public mutating func nextUInt64() -> UInt64 {
    let low = UInt64(nextUInt32())
    return UInt64(nextUInt32()) << 32 | low
  }

  /// A uniform float in [0, 1) with 24 random bits.
  public mutating func nextFloat() -> Float {
    Float(nextUInt32() >> 8) * 0x1p-24
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextDouble() -> Double {
    Double(nextUInt64() >> 11) * 0x1p-53
  }

  /// A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    let (first, second) = nextNormalPair()
    spareNormal = second
    return first
  }

  /// Two independent standard normal samples from two uniforms.
  public mutating func nextNormalPair() -> (Double, Double) {
    let u1 = Double((nextUInt64() >> 11) + 1) * 0x1p-53  // (0, 1]: log(u1) is finite
    let u2 = nextDouble()
    let radius = (-2 * Foundation.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    return (radius * Foundation.cos(angle), radius * Foundation.sin(angle))
  }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire, 2019). `bound` must be > 0.
  public mutating func integer(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let range = UInt64(bound)
    var product = nextUInt64().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold { product = nextUInt64().multipliedFullWidth(by: range) }
    }
    return Int(product.high)
  }

  /// A uniformly random permutation of `0..<count` (Fisher–Yates).
  public mutating func permutation(_ count: Int) -> [Int] {
    var result = Array(0..<max(count, 0))
    var i = result.count - 1
    while i > 0 {
      result.swapAt(i, integer(below: i + 1))
      i -= 1
    }
    return result
  }

  /// Samples an index with probability proportional to `weights` (which need not sum to 1).
  /// Returns nil when no weight is positive; negative and NaN weights count as zero.
  public mutating func categorical<Weights: Collection>(_ weights: Weights) -> Int? where Weights.Element == Float {
    var total = 0.0
    for weight in weights where weight > 0 { total += Double(weight) }
    guard total > 0, total.isFinite else { return nil }
    let target = nextDouble() * total
    var cumulative = 0.0
    var lastPositive: Int?
    for (index, weight) in weights.enumerated() where weight > 0 {
      cumulative += Double(weight)
      lastPositive = index
      if target < cumulative { return index }
    }
    return lastPositive  // rounding left target at the very top
  }

  /// An independent generator for sub-task `index`, derived from this one's seed and stream:
  /// the derivation does not consume numbers, so adding sub-tasks never shifts other streams.
  public func derived(_ index: UInt64) -> RandomGenerator {
    let mixed = Self.philox(
      counter: (UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
                UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)),
      key: (UInt32(truncatingIfNeeded: seed) ^ 0x5EED_5EED, UInt32(truncatingIfNeeded: seed >> 32)))
    return RandomGenerator(seed: seed, stream: UInt64(mixed.0) | UInt64(mixed.1) << 32)
  }
}
