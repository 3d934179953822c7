// Generation: batched autoregressive decoding with a KV cache for prompts of different lengths.
import Tensor

/// Why a sequence stopped.
public enum FinishReason: String, Sendable {
  /// It produced a stop token (kept as its last token).
  case stop
  /// It reached the token limit.
  case length
}

/// One generated continuation.
public struct GeneratedSequence: Sendable, Equatable {
  /// The new token ids, including the stop token when there was one.
  public var tokens: [Int]
  /// The log-probability of each new token at the sampling temperature.
  public var logProbabilities: [Float]
  /// Why generation ended.
  public var finishReason: FinishReason
}

/// The decoding loop, independent of the architecture: `prefill` runs the padded prompts and
/// returns next-token logits `[B, V]`; `step` feeds one token per row and returns the next logits.
struct DecodingLoop {
  let parameters: SamplingParameters

  func run(
    batch: Int, prefill: () throws -> Tensor, step: ([Int]) throws -> Tensor, progress: ((Int) throws -> Void)?
  ) throws -> [GeneratedSequence] {
    try parameters.validate()
    var results = [GeneratedSequence](repeating: GeneratedSequence(tokens: [], logProbabilities: [], finishReason: .length), count: batch)
    guard parameters.maxNewTokens > 0 else { return results }
    let sampler = Sampler(parameters: parameters)
    // One independent stream per row: a row's tokens do not depend on what other rows draw.
    let base = RandomGenerator(seed: parameters.seed)
    var generators = (0..<batch).map { base.derived(UInt64($0)) }
    var finished = [Bool](repeating: false, count: batch)
    var scratch: [Float] = []
    var logits = try prefill()
    for index in 0..<parameters.maxNewTokens {
      var next = [Int](repeating: 0, count: batch)
      try wrapTensorError {
        try logits.withUnsafeScalars { values in
          let vocabulary = values.count / batch
          for row in 0..<batch {
            let rowLogits = UnsafeBufferPointer(rebasing: values[(row * vocabulary)..<((row + 1) * vocabulary)])
            let (token, logProbability) = sampler.sample(rowLogits, generator: &generators[row], scratch: &scratch)
            next[row] = token
            guard !finished[row] else { continue }
            results[row].tokens.append(token)
            results[row].logProbabilities.append(logProbability)
            if parameters.stopTokenIDs.contains(token) {
              finished[row] = true
              results[row].finishReason = .stop
            }
          }
        }
      }
      try progress?(index + 1)
      if finished.allSatisfy({ $0 }) || index == parameters.maxNewTokens - 1 { break }
      logits = try step(next)
    }
    return results
  }
}

extension Qwen2Model {
  /// Continues each prompt (token ids, any lengths) with up to `maxNewTokens` tokens.
  ///
  /// Prompts are left-padded with `padTokenID` into one batch; positions come from the
  /// attention mask, so each row decodes exactly as it would alone. A KV cache holds the keys
  /// and values of the past. Rows that finish keep running (their tokens are discarded) until
  /// every row is done. `progress` is called with the number of decoding steps so far; an error
  /// it throws (an interrupt) stops generation and is rethrown.
  public func generate(
    prompts: [[Int]], parameters: SamplingParameters, padTokenID: Int = 0, progress: ((Int) throws -> Void)? = nil
  ) throws -> [GeneratedSequence] {
    guard !prompts.isEmpty, prompts.allSatisfy({ !$0.isEmpty }) else {
      throw ModelError.invalidInput("generate needs at least one non-empty prompt")
    }
    let batch = prompts.count
    let width = prompts.map(\.count).max() ?? 0
    var mask = prompts.map { [Int](repeating: 0, count: width - $0.count) + [Int](repeating: 1, count: $0.count) }
    var positions = prompts.map { $0.count }  // next position of each row
    let cache = try KVCache(configuration: configuration, batch: batch, capacity: width + parameters.maxNewTokens)
    let loop = DecodingLoop(parameters: parameters)
    return try withoutGradient {
      try loop.run(
        batch: batch,
        prefill: {
          let ids = try IntTensor(shape: [batch, width], values: prompts.flatMap { [Int](repeating: padTokenID, count: width - $0.count) + $0 })
          // Only the last position's logits are needed: the head runs on one row per prompt.
          let hidden = try self.hiddenStates(embeddings: self.embed(ids), attentionMask: mask, positions: .from(attentionMask: mask), cache: cache)
          return try wrapTensorError { try self.logits(hiddenStates: hidden.selected(axis: 1, index: -1).unsqueezed(axis: 1)).squeezed(axis: 1) }
        },
        step: { tokens in
          for row in 0..<batch { mask[row].append(1) }
          let logits = try self.logits(ids: IntTensor(shape: [batch, 1], values: tokens), attentionMask: mask,
                                       positions: .explicit(positions.map { [$0] }), cache: cache)
          for row in 0..<batch { positions[row] += 1 }
          return try wrapTensorError { try logits.selected(axis: 1, index: 0) }
        },
        progress: progress)
    }
  }
}
