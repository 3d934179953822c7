// The judge in `.maye` mode against every verdict, component and preprocessed string MAYE produced.

import Testing

@testable import RL

@Suite("Judge (.maye) against judge_cases.jsonl")
struct JudgeFixtureTests {
  @Test("the fixture has all 177 cases")
  func fixtureLoads() {
    #expect(JudgeCase.all.count == 177)
    #expect(Set(JudgeCase.all.map(\.id)).count == 177)
  }

  @Test("verdict", arguments: JudgeCase.all)
  func verdict(_ fixture: JudgeCase) {
    #expect(Judge(mode: .maye).isCorrect(prediction: fixture.prediction, solution: fixture.solution) == fixture.verdict)
    #expect(judge(fixture.prediction, fixture.solution, mode: .maye) == fixture.verdict)
  }

  @Test("preprocessing", arguments: JudgeCase.all)
  func preprocessing(_ fixture: JudgeCase) {
    #expect(MAYEPreprocessing.preprocess(fixture.prediction) == fixture.preprocessedPrediction)
    #expect(MAYEPreprocessing.preprocess(fixture.solution) == fixture.preprocessedSolution)
  }

  @Test("the three components", arguments: JudgeCase.all)
  func components(_ fixture: JudgeCase) {
    let judgement = Judge(mode: .maye).evaluate(prediction: fixture.prediction, solution: fixture.solution)
    #expect(judgement.mathVerify == fixture.components.mathVerify)
    #expect(judgement.autoScoringJudge == fixture.components.autoScoringJudge)
    #expect(judgement.boxedIntegerRule == fixture.components.boxedIntegerRegex)
    #expect(judgement.verdict == (judgement.mathVerify || judgement.autoScoringJudge || judgement.boxedIntegerRule))
    #expect(judgement.preprocessedPrediction == fixture.preprocessedPrediction)
    #expect(judgement.preprocessedSolution == fixture.preprocessedSolution)
  }
}
