// End-to-end RL tests: a tiny policy trained from scratch inside the test raises its reward.
import Foundation
import Testing
@testable import Models
@testable import RL
@testable import Tensor

/// A random two-layer Qwen2 with the qwen2-tiny tokenizer (512 tokens) and a file of prompts.
func tinyPolicy(seed: UInt64) throws -> (policy: PretrainedModel, dataset: MathDataset) {
  let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  let tokenizer = try Tokenizer(contentsOf: fixtures.appendingPathComponent("qwen2-tiny/tokenizer.json"))
  let configuration = TextConfiguration(hiddenSize: 32, intermediateSize: 64, layerCount: 2, headCount: 2, keyValueHeadCount: 1,
                                        vocabularySize: 512, ropeTheta: 10000, tieWordEmbeddings: true)
  let model = try Qwen2Model(configuration: configuration)
  var generator = RandomGenerator(seed: seed)
  try model.initializeRandomly(standardDeviation: 0.05, generator: &generator)
  let policy = PretrainedModel(architecture: .qwen2(model), tokenizer: tokenizer, generation: GenerationConfiguration(eosTokenIds: [509], padTokenId: 509))
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-toy-\(UUID().uuidString).jsonl").path
  let rows = (0..<16).map { #"{"id": "q\#($0)", "question": "Write digits \#($0)", "answer": "7", "solution": "\\boxed{7}"}"# }
  try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
  return (policy, try MathDataset(path: path, requiringImages: false))
}

/// The toy task's reward: the fraction of a response's tokens that are digits (ids of '0'…'9').
func digitFraction(_ rollouts: Rollouts, digits: Set<Int>) -> Scores {
  let values = rollouts.responses.map { Float($0.tokens.filter(digits.contains).count) / Float($0.tokens.count) }
  return Scores(total: values, components: ["digits": values])
}

@Suite struct RLLoopTests {
  /// Mean reward of the first and last few of `steps` RL steps with the given estimator.
  func train(estimator: AdvantageEstimator, responsesPerPrompt: Int, steps: Int) throws -> (before: Float, after: Float, meanRewards: [Float]) {
    let (policy, dataset) = try tinyPolicy(seed: 1)
    let tokenizer = try policy.requireTokenizer()
    let digits = Set((0...9).compactMap { tokenizer.id(forToken: String($0)) })
    let optimizer = try AdamW(parameters: policy.parameters, learningRate: 2e-2, weightDecay: 0)
    var configuration = RLStepConfiguration()
    configuration.responsesPerPrompt = responsesPerPrompt
    configuration.sampling.maxNewTokens = 6
    configuration.sampling.seed = 42
    configuration.advantages.estimator = estimator
    configuration.update.minibatchSize = 8
    configuration.update.epochs = 2
    configuration.update.loss.klCoefficient = 0
    var meanRewards: [Float] = []
    for step in 0..<steps {
      let batch = try dataset.batches(size: 16 / responsesPerPrompt, seed: 3, epoch: step)[0]
      let result = try rlStep(policy: policy, reference: nil, problems: batch, dataset: dataset, rewards: { digitFraction($0, digits: digits) },
                              optimizer: optimizer, configuration: configuration, step: step)
      meanRewards.append(result.scores.total.reduce(0, +) / Float(result.scores.total.count))
    }
    let before = meanRewards.prefix(5).reduce(0, +) / 5, after = meanRewards.suffix(5).reduce(0, +) / 5
    return (before, after, meanRewards)
  }

  @Test func reinforcePlusPlusRaisesTheReward() throws {
    let run = try train(estimator: .reinforcePlusPlus, responsesPerPrompt: 1, steps: 20)
    #expect(run.before < 0.05, "random policy emits few digits: \(run.meanRewards)")
    #expect(run.after > 0.9, "trained policy emits mostly digits: \(run.meanRewards)")
    #expect(try train(estimator: .reinforcePlusPlus, responsesPerPrompt: 1, steps: 3).meanRewards == Array(run.meanRewards.prefix(3)))
  }

  @Test func grpoRaisesTheReward() throws {
    let run = try train(estimator: .grpo, responsesPerPrompt: 4, steps: 20)
    #expect(run.before < 0.05, "random policy emits few digits: \(run.meanRewards)")
    #expect(run.after > 0.9, "trained policy emits mostly digits: \(run.meanRewards)")
  }
}
