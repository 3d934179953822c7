// Evaluation, SFT and seed aggregation: pass@k arithmetic, MAYE's decoding settings, an SFT run
// that teaches a random policy the answer, and the paper's mean ± std summaries.
import Foundation
import Testing
@testable import Models
@testable import RL
@testable import Tensor

@Suite struct EvaluationTests {
  @Test func passAtKIsAnyOfK() {
    let (solved, accuracy) = passAtK([[false, false, true], [false, false, false], [true], []])
    #expect(solved == [true, false, true, false])
    #expect(accuracy == 0.5)
    #expect(passAtK([]).accuracy == 0)
  }

  @Test func decodingSettingsAreMAYEs() {
    #expect(DecodingSetting.maye.map(\.name) == ["pass@1 Temperature=0.01", "pass@1 Temperature=0.6", "pass@8 Temperature=1.0"])
    #expect(DecodingSetting.passAt1Low.topP == 0.001)
    #expect(DecodingSetting.passAt8.k == 8 && DecodingSetting.passAt8.topP == 1)
  }

  @Test func evaluationSamplesKResponsesPerProblemAndIsSeeded() throws {
    let (policy, dataset) = try tinyPolicy(seed: 2)
    let setting = DecodingSetting(k: 3, temperature: 1)
    var judged = 0
    let result = try evaluate(policy: policy, dataset: dataset, setting: setting, maxTokens: 4, seed: 5) { text, problem in
      judged += 1
      return text.count % 2 == 0
    }
    #expect(judged == 3 * dataset.count)
    #expect(result.responses.allSatisfy { $0.count == 3 })
    #expect(result.solved == result.responses.map { $0.contains { $0.count % 2 == 0 } })
    #expect(result.total == dataset.count)
    let again = try evaluate(policy: policy, dataset: dataset, setting: setting, maxTokens: 4, seed: 5) { text, _ in text.count % 2 == 0 }
    #expect(again == result)
    #expect(throws: RLError.self) { try evaluate(policy: policy, dataset: dataset, setting: DecodingSetting(k: 0, temperature: 1)) { _, _ in true } }
  }

  @Test func supervisedFineTuningTeachesTheSolution() throws {
    let (policy, dataset) = try tinyPolicy(seed: 3)
    let answersSeven = { (text: String, _: MathProblem) in text.hasPrefix("\\boxed{7}") }
    let before = try evaluate(policy: policy, dataset: dataset, setting: .passAt1Low, maxTokens: 8, isCorrect: answersSeven)
    #expect(before.accuracy == 0)
    let optimizer = try AdamW(parameters: policy.parameters, learningRate: 1e-2, weightDecay: 0)
    var configuration = SFTConfiguration()
    configuration.epochs = 15
    configuration.batchSize = 8
    var reported = 0
    let steps = try supervisedFineTuning(policy: policy, dataset: dataset, optimizer: optimizer, configuration: configuration) { _ in reported += 1 }
    #expect(steps.count == 30 && reported == 30)
    let first = try #require(steps.first), last = try #require(steps.last)
    #expect(steps.allSatisfy { $0.tokens == first.tokens }, "every batch has 8 equal-length targets")
    #expect(last.loss < 0.05 * first.loss, "loss \(first.loss) → \(last.loss)")
    let after = try evaluate(policy: policy, dataset: dataset, setting: .passAt1Low, maxTokens: 16, isCorrect: answersSeven)
    #expect(after.accuracy == 1, "\(after.responses.prefix(3))")
  }

  @Test func seedCurvesSkipMissingValues() {
    let curve = SeedAggregation.curve([[1, 2, 3], [3, nil], [2, 4]])
    #expect(curve.count == 3)
    #expect(curve[0].mean == 2 && curve[0].runs == 3)
    #expect(abs(curve[0].std - (2.0 / 3).squareRoot()) < 1e-12)
    #expect(curve[1].mean == 3 && curve[1].std == 1 && curve[1].runs == 2)
    #expect(curve[2].mean == 3 && curve[2].std == 0 && curve[2].runs == 1)
  }

  @Test func tableThreeSummaryAveragesPerRunMeansAndMaxima() {
    let summary = SeedAggregation.epochSummary([[10, 20, 30], [20, 40], []])
    #expect(summary.mean == 25)  // run means 20 and 30
    #expect(summary.meanStd == 5)
    #expect(summary.max == 35)  // run maxima 30 and 40
    #expect(summary.maxStd == 5)
    #expect(SeedAggregation.epochSummary([]).mean.isNaN)
  }
}

@Test func epochMetricNamesAreMAYEs() {
  #expect(EpochMetricName.accuracy(.validation, .passAt1Low) == "acc/Validation Set Epoch Accuracy pass@1 Temperature=0.01")
  #expect(EpochMetricName.accuracy(.test, .passAt8) == "acc/Test Set Epoch Accuracy pass@8 Temperature=1.0")
}
