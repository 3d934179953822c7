// The default judge: MAYE's judge with the documented quirks fixed (docs/rewards.md lists each one).

import Testing

@testable import RL

@Suite("Judge (.default): MAYE's quirks fixed")
struct JudgeDefaultModeTests {
  /// The fixture cases whose verdict the default mode changes, grouped by the fix (see docs/rewards.md).
  static let changed: [String: [String]] = [
    "no boxed-integer rule": ["s-148", "s-149"],
    "an unboxed solution is used whole": ["s-153", "s-154", "s-155"],
    "the prediction needs a non-empty \\boxed{}": ["s-079", "s-151"],
    "\\boxed {x} is a box": ["s-117"],
    "degree spellings read as ^\\circ": ["s-040", "s-042", "s-043"],
    "a thin space between digit groups": ["s-056"],
  ]
  static let changedIDs = Set(changed.values.flatMap { $0 })

  @Test("every other verdict is MAYE's", arguments: JudgeCase.all)
  func sameVerdict(_ fixture: JudgeCase) {
    let verdict = Judge(mode: .default).isCorrect(prediction: fixture.prediction, solution: fixture.solution)
    if Self.changedIDs.contains(fixture.id) {
      #expect(verdict == !fixture.verdict, "documented fix flips MAYE's verdict")
    } else {
      #expect(verdict == fixture.verdict)
    }
  }

  @Test("the documented cases exist in the fixture")
  func documentedCasesExist() {
    for id in Self.changedIDs { #expect(JudgeCase.named(id) != nil, "\(id)") }
  }

  @Test("the default mode is the default")
  func defaultIsDefault() {
    #expect(Judge().mode == .default)
    #expect(Judge.Mode.allCases == [.maye, .default])
  }

  @Test("no boxed-integer rule: the same leading integer is not enough")
  func noBoxedIntegerRule() {
    let judgement = Judge(mode: .default).evaluate(prediction: "\\boxed{7^2}", solution: "\\boxed{7^4}")
    #expect(!judgement.verdict)
    #expect(!judgement.boxedIntegerRule)
    #expect(Judge(mode: .maye).evaluate(prediction: "\\boxed{7^2}", solution: "\\boxed{7^4}").boxedIntegerRule)
    #expect(Judge(mode: .default).isCorrect(prediction: "\\boxed{2^{3}}", solution: "\\boxed{8}"))
  }

  @Test("an unboxed solution is the answer itself; an unboxed prediction is wrong")
  func unboxedSolution() {
    let judge = Judge(mode: .default)
    #expect(judge.preprocess("3.5", isSolution: true) == "3.5")
    #expect(judge.preprocess("The value is 3.5. Done.", isSolution: false) == "")
    #expect(judge.isCorrect(prediction: "So we get \\boxed{\\frac{7}{2}}.", solution: "3.5"))
    #expect(!judge.isCorrect(prediction: "So we get 3.5.", solution: "3.5"))
    #expect(!judge.isCorrect(prediction: "no idea", solution: "no idea"))
  }

  @Test("empty boxes never match")
  func emptyBoxes() {
    #expect(!Judge(mode: .default).isCorrect(prediction: "\\boxed{ }", solution: "\\boxed{ }"))
    #expect(Judge.hasNonEmptyBox(Scalars(text: "\\boxed{} then \\boxed{4}")))
    #expect(!Judge.hasNonEmptyBox(Scalars(text: "\\boxed{4")))
  }

  @Test("spelling repairs: spaced \\boxed, degree spellings, thin-space thousands")
  func spellingRepairs() {
    let judge = Judge(mode: .default)
    #expect(judge.preprocess("Hence \\boxed {12}.", isSolution: false) == "Hence \\boxed{12}")
    #expect(judge.preprocess("\\boxed{60°}", isSolution: false) == "\\boxed{60^\\circ}")
    #expect(judge.preprocess("\\boxed{60\\textdegree}", isSolution: false) == "\\boxed{60^\\circ}")
    #expect(judge.preprocess("\\boxed{60^{\\circ}}", isSolution: false) == "\\boxed{60^{\\circ}}")
    #expect(judge.preprocess("\\boxed{2\\,500\\,000}", isSolution: false) == "\\boxed{2500000}")
    // A thin space that does not separate a group of exactly three digits stays.
    #expect(judge.preprocess("\\boxed{2\\,50}", isSolution: false) == "\\boxed{2\\,50}")
    #expect(judge.isCorrect(prediction: "\\boxed{60°}", solution: "\\boxed{60}"))
  }
}
