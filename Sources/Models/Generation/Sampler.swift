// Sampler: turns one row of next-token logits into a token — greedy, or temperature with
// top-k and top-p truncation — and reports the token's log-probability.
import Foundation
import Kernels
import Tensor

/// How the next token is chosen.
public struct SamplingParameters: Sendable, Equatable {
  /// Softmax temperature; 0 means greedy (argmax).
  public var temperature: Float = 1
  /// Nucleus sampling: keep the most likely tokens whose probabilities first reach `topP` (1 keeps all).
  public var topP: Float = 1
  /// Keep only the `topK` most likely tokens (0 keeps all).
  public var topK: Int = 0
  /// The most tokens to generate per sequence.
  public var maxNewTokens: Int = 256
  /// Tokens that end a sequence (kept as its last token).
  public var stopTokenIDs: Set<Int> = []
  /// The seed of every random draw: the same seed gives the same tokens.
  public var seed: UInt64 = 0

  /// Default settings: temperature 1, no truncation, 256 tokens, seed 0.
  public init() {}

  /// Checks the settings are usable, naming the bad one.
  public func validate() throws {
    guard temperature >= 0, temperature.isFinite else { throw ModelError.invalidInput("temperature must be ≥ 0, got \(temperature)") }
    guard topP > 0, topP <= 1 else { throw ModelError.invalidInput("top_p must be in (0, 1], got \(topP)") }
    guard topK >= 0 else { throw ModelError.invalidInput("top_k must be ≥ 0, got \(topK)") }
    guard maxNewTokens >= 0 else { throw ModelError.invalidInput("max_tokens must be ≥ 0, got \(maxNewTokens)") }
  }
}

/// Chooses tokens from logits according to `SamplingParameters`.
///
/// The order of operations is transformers': temperature, then top-k, then top-p, then a draw
/// from the renormalized distribution. The reported log-probability is that of the token under
/// the temperature-scaled distribution before truncation — the policy's probability at the
/// sampling temperature, which is what RL's importance ratios need.
struct Sampler {
  let parameters: SamplingParameters

  /// The chosen token and its log-probability for one row of logits. `scratch` is reused
  /// between calls to hold the row's unnormalized probabilities.
  func sample(_ logits: UnsafeBufferPointer<Float>, generator: inout RandomGenerator, scratch: inout [Float]) -> (token: Int, logProbability: Float) {
    let count = logits.count
    guard let x = logits.baseAddress, count > 0 else { return (0, 0) }
    let temperature = parameters.temperature == 0 ? 1 : parameters.temperature
    let largest = Kernels.maximum(x, count: count)
    var argmax = 0
    for i in 0..<count where x[i] == largest {
      argmax = i
      break
    }
    // e_i = exp((x_i − max) / T), vectorized; the normalizer accumulates in double precision.
    if scratch.count != count { scratch = [Float](repeating: 0, count: count) }
    let inverseTemperature = 1 / temperature
    let total = scratch.withUnsafeMutableBufferPointer { e in
      e.baseAddress.map { Kernels.shiftedExponentials(x, count: count, shift: largest, scale: inverseTemperature, into: $0) } ?? 1
    }
    let logNormalizer = Foundation.log(total)
    func logProbability(_ i: Int) -> Float { Float(Double((x[i] - largest) * inverseTemperature) - logNormalizer) }
    if parameters.temperature == 0 || largest.isNaN { return (argmax, logProbability(argmax)) }

    let truncated = (parameters.topK > 0 && parameters.topK < count) || parameters.topP < 1
    if !truncated {
      // Inverse CDF over the unnormalized weights.
      let target = generator.nextDouble() * total
      var cumulative = 0.0
      for i in 0..<count {
        cumulative += Double(scratch[i])
        if target < cumulative { return (i, logProbability(i)) }
      }
      return (argmax, logProbability(argmax))
    }
    // Candidates sorted by probability, truncated by top-k then top-p.
    var order = Array(0..<count)
    order.sort { x[$0] > x[$1] || (x[$0] == x[$1] && $0 < $1) }
    if parameters.topK > 0 && parameters.topK < count { order.removeLast(count - parameters.topK) }
    if parameters.topP < 1 {
      var cumulative = 0.0
      var cut = order.count
      for (rank, token) in order.enumerated() {
        cumulative += Double(scratch[token]) / total
        if cumulative >= Double(parameters.topP) {
          cut = rank + 1
          break
        }
      }
      order.removeLast(order.count - cut)
    }
    let weights = order.map { scratch[$0] }
    let choice = generator.categorical(weights).map { order[$0] } ?? argmax
    return (choice, logProbability(choice))
  }
}
