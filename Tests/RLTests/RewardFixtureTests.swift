// Accuracy, format and language rewards, the penalty rule and the final score against MAYE's numbers.

import Testing

@testable import RL

@Suite("Rewards against judge_cases.jsonl")
struct RewardFixtureTests {
  /// The fixture's token stand-in: one token per whitespace-separated word (long responses are cut to
  /// 46 words), then EOS; a truncated response is 48 tokens without EOS. Rows are right-padded with the
  /// EOS id to the batch width (48), as MAYE's recipe pads them.
  static let eos = 0
  static let width = 48

  static func tokens(for fixture: JudgeCase) -> [Int] {
    if fixture.response.truncatedNoEOS { return Array(1...width) }
    let row = Array(repeating: 1, count: fixture.response.tokensIncludingEOS - 1) + [eos]
    return row + Array(repeating: eos, count: max(width - row.count, 0))
  }

  static func wordCount(_ text: String) -> Int { text.unicodeScalars.split(whereSeparator: \.isPythonSpace).count }

  @Test("accuracy reward", arguments: JudgeCase.all)
  func accuracy(_ fixture: JudgeCase) {
    let reward = RewardFunctions.accuracyReward(response: fixture.prediction, solution: fixture.solution, mode: .maye)
    #expect(reward == Float(fixture.accuracyReward))
  }

  @Test("format reward", arguments: JudgeCase.all)
  func format(_ fixture: JudgeCase) {
    #expect(RewardFunctions.formatReward(response: fixture.prediction) == Float(fixture.formatReward))
  }

  @Test("language reward equals MAYE's float32 value", arguments: JudgeCase.all)
  func language(_ fixture: JudgeCase) {
    #expect(RewardFunctions.languageReward(response: fixture.prediction) == Float(fixture.languageReward))
    #expect(fixture.prediction.unicodeScalars.count == fixture.codepoints)
    #expect(fixture.prediction.unicodeScalars.filter(\.isCJKUnifiedIdeograph).count == fixture.cjkCharacters)
  }

  @Test("seq_len and the penalty flag", arguments: JudgeCase.all)
  func penalty(_ fixture: JudgeCase) {
    let row = Self.tokens(for: fixture)
    if !fixture.response.truncatedNoEOS {
      #expect(min(Self.wordCount(fixture.prediction), 46) + 1 == fixture.response.tokensIncludingEOS)
    }
    let termination = ResponseTermination(tokens: row, eosTokenID: Self.eos)
    #expect(termination.sequenceLength == fixture.response.sequenceLength)
    #expect(termination.hasEOS == !fixture.response.truncatedNoEOS)
    #expect(RewardPenalty().isPenalised(termination) == fixture.response.penalised)
  }

  @Test("score = acc + format + language, then the −0.1 override (float32)", arguments: JudgeCase.all)
  func score(_ fixture: JudgeCase) {
    let termination = ResponseTermination(tokens: Self.tokens(for: fixture), eosTokenID: Self.eos)
    let breakdown = RewardComposition.maye(mode: .maye)
      .score(response: fixture.prediction, row: ["solution": fixture.solution], termination: termination)
    #expect(breakdown.value(named: RewardName.accuracy) == Float(fixture.accuracyReward))
    #expect(breakdown.value(named: RewardName.format) == Float(fixture.formatReward))
    #expect(breakdown.value(named: RewardName.language) == Float(fixture.languageReward))
    #expect(breakdown.scoreBeforeOverride == Float(fixture.scoreBeforeOverride))
    #expect(breakdown.isPenalised == fixture.response.penalised)
    #expect(breakdown.score == Float(fixture.score))
  }
}

@Suite("Reward composition")
struct RewardCompositionTests {
  @Test("components keep their names and values; weights scale the sum")
  func weightedSum() {
    let composition = RewardComposition(
      components: [
        RewardComponent(name: "a", weight: 2) { _, _ in 0.5 },
        RewardComponent(name: "b", weight: 0.5) { response, row in Float(response.count + (row["extra"]?.count ?? 0)) },
      ], penalty: nil)
    let breakdown = composition.score(
      response: "abcd", row: ["extra": "xy"], termination: ResponseTermination(sequenceLength: 0, hasEOS: false))
    #expect(breakdown.components.map(\.name) == ["a", "b"])
    #expect(breakdown.components.map(\.value) == [0.5, 6])
    #expect(breakdown.scoreBeforeOverride == 2 * 0.5 + 0.5 * 6)
    #expect(!breakdown.isPenalised)
    #expect(breakdown.score == breakdown.scoreBeforeOverride)
  }

  @Test("the penalty replaces the score instead of adding to it")
  func penaltyReplaces() {
    let composition = RewardComposition(
      components: [RewardComponent(name: "one") { _, _ in 1 }],
      penalty: RewardPenalty(value: -0.1, penaliseNoEOS: true, minimumResponseLength: 18))
    let short = composition.score(response: "", row: [:], termination: ResponseTermination(sequenceLength: 17, hasEOS: true))
    #expect(short.isPenalised)
    #expect(short.score == Float(-0.1))
    #expect(short.scoreBeforeOverride == 1)
    let long = composition.score(response: "", row: [:], termination: ResponseTermination(sequenceLength: 18, hasEOS: true))
    #expect(!long.isPenalised)
    #expect(long.score == 1)
  }

  @Test("a configurable format pattern counts non-overlapping lazy matches")
  func formatPattern() {
    let answer = FormatPattern(open: "<answer>", close: "</answer>")
    #expect(RewardFunctions.formatReward(response: "<answer>1</answer>", pattern: answer) == 1)
    #expect(RewardFunctions.formatReward(response: "<answer>1</answer><answer>2</answer>", pattern: answer) == 0)
    #expect(RewardFunctions.formatReward(response: "<answer>\n1\n</answer> trailing </answer>", pattern: answer) == 1)
    #expect(RewardFunctions.formatReward(response: "<answer>1", pattern: answer) == 0)
    #expect(answer.matchCount(in: "<answer><answer></answer></answer>") == 1)
  }
}
