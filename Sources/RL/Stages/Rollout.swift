// Rollout: Step II of MAYE — sampling n responses per prompt from the current policy.
import Models
import Tensor

/// One sampled response.
public struct Response: Sendable, Equatable {
  /// The index of its problem in `Rollouts.problems`.
  public var problemIndex: Int
  /// Responses to the same problem share a group (GRPO's groups; MAYE uses n = 1).
  public var groupID: Int
  /// The new token ids, including the stop token when there was one.
  public var tokens: [Int]
  /// The decoded text, special tokens removed.
  public var text: String
  /// `stop` (it ended with a stop token) or `length` (truncated at the token limit).
  public var finishReason: FinishReason
  /// The sampling log-probability of each token (at the sampling temperature).
  public var logProbabilities: [Float]

  /// Whether the response ended with a stop token (MAYE penalises those that did not).
  public var endedWithStop: Bool { finishReason == .stop }
}

/// The result of Step II: every problem of the batch, its prompt, and its responses.
public struct Rollouts: Sendable {
  /// The batch's problems, one per group.
  public var problems: [MathProblem]
  /// The prepared prompt of each problem (ids and image).
  public var prompts: [PreparedPrompt]
  /// Every response, `n` per problem, grouped by problem.
  public var responses: [Response]
  /// The sampling settings used.
  public var sampling: SamplingParameters

  /// The number of responses.
  public var count: Int { responses.count }
  /// Each response's prompt.
  public var responsePrompts: [PreparedPrompt] { responses.map { prompts[$0.problemIndex] } }
  /// Each response's problem.
  public var responseProblems: [MathProblem] { responses.map { problems[$0.problemIndex] } }
  /// Response lengths in tokens, stop token included.
  public var lengths: [Int] { responses.map(\.tokens.count) }
}

/// Samples `n` responses to each problem with `policy` (Step II).
///
/// Prompts are built with `template` and sampled in batches of at most `chunkSize` sequences
/// (left-padded, KV-cached). Every chunk draws from its own Philox stream derived from
/// `sampling.seed`, so the same seed gives the same rollouts. `progress` receives the number
/// of responses finished so far.
public func rollout(
  policy: PretrainedModel, problems: [MathProblem], dataset: MathDataset, n: Int = 1, sampling: SamplingParameters,
  template: PromptTemplate = PromptTemplate(), chunkSize: Int = 32, progress: ((Int, Int) throws -> Void)? = nil
) throws -> Rollouts {
  guard n > 0, chunkSize > 0 else { throw RLError.invalidInput("rollout needs n > 0 and chunk size > 0, got n = \(n), chunk = \(chunkSize)") }
  guard !problems.isEmpty else { throw RLError.invalidInput("rollout needs at least one problem") }
  let tokenizer = try wrapErrors { try policy.requireTokenizer() }
  let prompts = try problems.map { try template.prepare($0, in: dataset, for: policy) }
  let order = problems.indices.flatMap { index in [Int](repeating: index, count: n) }
  var responses: [Response] = []
  var start = 0
  while start < order.count {
    let chunk = Array(order[start..<Swift.min(start + chunkSize, order.count)])
    var parameters = sampling
    var streams = RandomGenerator(seed: sampling.seed, stream: UInt64(start))
    parameters.seed = streams.nextUInt64()
    let done = start
    let generated = try wrapErrors {
      try policy.generate(chunk.map { prompts[$0] }, parameters: parameters) { _ in try progress?(done, order.count) }
    }
    for (problemIndex, sequence) in zip(chunk, generated) {
      let text = try wrapErrors { try tokenizer.decode(sequence.tokens, skippingSpecialTokens: true) }
      responses.append(Response(problemIndex: problemIndex, groupID: problemIndex, tokens: sequence.tokens, text: text,
                                finishReason: sequence.finishReason, logProbabilities: sequence.logProbabilities))
    }
    start += chunk.count
    try progress?(start, order.count)
  }
  return Rollouts(problems: problems, prompts: prompts, responses: responses, sampling: sampling)
}
