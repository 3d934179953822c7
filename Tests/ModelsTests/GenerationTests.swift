// Tests of batched generation and of the sampler.
import Foundation
import Testing
@testable import Models
@testable import Tensor

@Suite struct GenerationTests {
  let model: Qwen2Model
  let reference: Qwen2Reference

  init() throws {
    model = try Qwen2Model.load(directory: fixtureDirectory("qwen2-tiny"))
    reference = try Qwen2Reference.load()
  }

  /// Greedy decoding of all prompts in one left-padded batch reproduces transformers' tokens.
  @Test func batchedGreedyGenerationMatchesTransformers() throws {
    var parameters = SamplingParameters()
    parameters.temperature = 0
    parameters.maxNewTokens = 16
    var steps = 0
    let results = try model.generate(prompts: reference.prompts.map(\.input_ids), parameters: parameters, padTokenID: 509) { steps = $0 }
    #expect(steps == 16)
    for (result, prompt) in zip(results, reference.prompts) {
      #expect(result.tokens == prompt.greedy_new_ids)
      #expect(result.finishReason == .length)
      // The first token's log-probability is its logit minus the log-sum-exp.
      let first = prompt.last_logits_all[prompt.greedy_new_ids[0]] - prompt.last_logsumexp
      #expect(Swift.abs(result.logProbabilities[0] - first) < 1e-4)
    }
  }

  @Test func samplingIsSeededAndStopsAtStopTokens() throws {
    var parameters = SamplingParameters()
    parameters.maxNewTokens = 12
    parameters.seed = 7
    let prompts = reference.prompts.map(\.input_ids)
    let first = try model.generate(prompts: prompts, parameters: parameters, padTokenID: 509)
    let again = try model.generate(prompts: prompts, parameters: parameters, padTokenID: 509)
    #expect(first == again)
    parameters.seed = 8
    #expect(try model.generate(prompts: prompts, parameters: parameters, padTokenID: 509) != first)
    // A row alone samples the same tokens as in the batch (log-probabilities agree to rounding:
    // a different batch shape changes GEMM blocking).
    parameters.seed = 7
    let alone = try model.generate(prompts: [prompts[0]], parameters: parameters, padTokenID: 509)
    #expect(alone[0].tokens == first[0].tokens)
    expectClose(alone[0].logProbabilities, first[0].logProbabilities, absolute: 1e-5, relative: 0, "alone vs batched")
    // Stopping on the first sampled token of row 0 ends that row after one token.
    parameters.stopTokenIDs = [first[0].tokens[0]]
    let stopped = try model.generate(prompts: [prompts[0]], parameters: parameters, padTokenID: 509)
    #expect(stopped[0].tokens == [first[0].tokens[0]] && stopped[0].finishReason == .stop)
    #expect(first[0].logProbabilities.allSatisfy { $0 <= 0 && $0.isFinite })
  }

  @Test func topKOfOneIsGreedy() throws {
    var parameters = SamplingParameters()
    parameters.topK = 1
    parameters.maxNewTokens = 8
    let sampled = try model.generate(prompts: [reference.prompts[1].input_ids], parameters: parameters)
    #expect(sampled[0].tokens == Array(reference.prompts[1].greedy_new_ids.prefix(8)))
  }

  @Test func invalidSettingsAreRejected() {
    var parameters = SamplingParameters()
    parameters.topP = 0
    #expect(throws: ModelError.invalidInput("top_p must be in (0, 1], got 0.0")) {
      try model.generate(prompts: [[1, 2]], parameters: parameters)
    }
    #expect(throws: ModelError.self) { try model.generate(prompts: [[]], parameters: SamplingParameters()) }
    #expect(throws: ModelError.invalidInput("token id 600 is outside the model's vocabulary of 512")) {
      try model.generate(prompts: [[600]], parameters: SamplingParameters())
    }
  }
}

@Suite struct SamplerTests {
  let logits: [Float] = [2, 1, 0, -1, 3]  // probabilities ≈ .23, .09, .03, .01, .64

  func frequencies(_ parameters: SamplingParameters, draws: Int = 20_000) -> [Double] {
    var generator = RandomGenerator(seed: 1)
    var counts = [Double](repeating: 0, count: logits.count)
    logits.withUnsafeBufferPointer { row in
      var scratch: [Float] = []
      for _ in 0..<draws { counts[Sampler(parameters: parameters).sample(row, generator: &generator, scratch: &scratch).token] += 1 }
    }
    return counts.map { $0 / Double(draws) }
  }

  @Test func temperatureOneFollowsTheSoftmax() {
    let observed = frequencies(SamplingParameters())
    let exps = logits.map { exp(Double($0)) }
    let total = exps.reduce(0, +)
    for (seen, weight) in zip(observed, exps) { #expect(Swift.abs(seen - weight / total) < 0.01) }
  }

  @Test func topPKeepsTheSmallestNucleus() {
    var parameters = SamplingParameters()
    parameters.topP = 0.8  // .64 alone is short of .8, .64 + .23 reaches it
    let observed = frequencies(parameters)
    #expect(observed[1] == 0 && observed[2] == 0 && observed[3] == 0)
    #expect(Swift.abs(observed[4] - 0.64 / 0.87) < 0.015)
  }

  @Test func topKAndTemperature() {
    var parameters = SamplingParameters()
    parameters.topK = 2
    parameters.temperature = 0.01
    let observed = frequencies(parameters, draws: 2000)
    #expect(observed[4] == 1)
    var generator = RandomGenerator(seed: 0)
    var scratch: [Float] = []
    let (token, logProbability) = logits.withUnsafeBufferPointer { Sampler(parameters: SamplingParameters()).sample($0, generator: &generator, scratch: &scratch) }
    let exps = logits.map { exp(Double($0)) }
    #expect(Swift.abs(Double(logProbability) - log(exps[token] / exps.reduce(0, +))) < 1e-6)
  }
}
