// Seeded junk and mutated answers: the judge and the rewards must never crash, recurse without bound or hang.

import Foundation
import Testing

@testable import RL
import Tensor

@Suite("Judge robustness", .timeLimit(.minutes(3)))
struct JudgeRobustnessTests {
  static let pieces = [
    "\\boxed{", "}", "{", "(", ")", "[", "]", "\\frac{", "\\sqrt{", "\\sqrt[", "^", "_", "\\pi", "\\circ", "°", "$", "$$",
    "\\[", "\\]", "\\(", "\\)", "\\left(", "\\right)", "\\left|", "\\right|", "|", "=", "<", "\\le", "\\in", "\\cup", "\\pm",
    ",", ";", ".", "!", "?", " ", "\n", "1", "20", "3.5", ".5", "1,000", "1\\,000", "-", "+", "*", "/", "\\times", "\\cdot",
    "x", "y", "A", "e", "E", "I", "d", "\\text{", "\\mathrm{", "cm", "answer", "final answer is", "I hope", "%", "\\%",
    "percent", "\\infty", "\\sin", "\\log_", "\\ln", "\\binom{", "\\emptyset", "\\{", "\\}", "所以", "👍🏽", "é", "\\",
    "\\boxed", "boxed", "<think>", "</think>", "**", "0", "00", "05", "1e3", "1.5E3", "\\approx", "\\ne", "\\!", "\\,",
  ]

  static func junk(_ generator: inout RandomGenerator, tokens: Int) -> String {
    (0..<tokens).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
  }

  static func mutate(_ text: String, _ generator: inout RandomGenerator) -> String {
    var scalars = Array(text.unicodeScalars)
    for _ in 0..<(1 + Int(generator.next() % 6)) {
      let position = scalars.isEmpty ? 0 : Int(generator.next() % UInt64(scalars.count + 1))
      let piece = Array(pieces[Int(generator.next() % UInt64(pieces.count))].unicodeScalars)
      switch generator.next() % 3 {
      case 0: scalars.insert(contentsOf: piece, at: position)
      case 1: if position < scalars.count { scalars.remove(at: position) }
      default: if position < scalars.count { scalars.insert(scalars[position], at: position) }
      }
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }

  /// Runs both judges and the MAYE rewards; checks the structural invariants and the time per call.
  static func exercise(_ prediction: String, _ solution: String) {
    let start = Date()
    let maye = Judge(mode: .maye).evaluate(prediction: prediction, solution: solution)
    #expect(maye.verdict == (maye.mathVerify || maye.autoScoringJudge || maye.boxedIntegerRule))
    let fixed = Judge(mode: .default).evaluate(prediction: prediction, solution: solution)
    #expect(!fixed.boxedIntegerRule)
    let breakdown = RewardComposition.maye(mode: .maye)
      .score(response: prediction, row: ["solution": solution], termination: ResponseTermination(sequenceLength: 3, hasEOS: true))
    #expect(breakdown.components.count == 3)
    #expect((-0.1...2).contains(breakdown.score))
    #expect(Date().timeIntervalSince(start) < 5, "slow input: \(prediction.prefix(80))")
  }

  @Test("random token soup, up to 2048 tokens")
  func randomJunk() {
    var generator = RandomGenerator(seed: 20_250_404)
    for round in 0..<60 {
      let tokens = round < 50 ? 1 + Int(generator.next() % 64) : 2048
      let prediction = Self.junk(&generator, tokens: tokens)
      let solution = "\\boxed{" + Self.junk(&generator, tokens: 1 + Int(generator.next() % 6)) + "}"
      Self.exercise(prediction, solution)
      Self.exercise("\\boxed{" + prediction + "}", prediction)
    }
  }

  @Test("mutated fixture answers")
  func mutatedFixtures() {
    var generator = RandomGenerator(seed: 7)
    for fixture in JudgeCase.all {
      Self.exercise(Self.mutate(fixture.prediction, &generator), fixture.solution)
      Self.exercise(fixture.prediction, Self.mutate(fixture.solution, &generator))
    }
  }

  @Test("deep nesting and long runs stay bounded")
  func pathological() {
    let deep = 6000
    let inputs = [
      "\\boxed{" + String(repeating: "{", count: deep) + String(repeating: "}", count: deep) + "}",
      "\\boxed{" + String(repeating: "\\frac{1}{", count: deep / 2) + String(repeating: "}", count: deep / 2) + "}",
      "\\boxed{" + String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep) + "}",
      "\\boxed{" + String(repeating: "2^{", count: deep / 2) + "2" + String(repeating: "}", count: deep / 2) + "}",
      "\\boxed{" + String(repeating: "-", count: deep) + "2}",
      "boxed " + String(repeating: "1 ", count: deep),
      "boxed " + String(repeating: "1+", count: deep) + "1",
      "boxed " + String(repeating: "\\[", count: deep),
      "boxed " + String(repeating: "$a", count: deep),
      "boxed " + String(repeating: "answer: = 1 ", count: deep / 10),
      String(repeating: "\\boxed{1} and ", count: deep / 10),
      "\\boxed{" + String(repeating: "\\sqrt{", count: deep / 2) + String(repeating: "}", count: deep / 2) + "}",
      String(repeating: "x", count: 100_000) + "\\boxed{1}",
    ]
    for input in inputs { Self.exercise(input, "\\boxed{20}") }
  }
}
