// Loads judge_cases.jsonl, the 177 cases run through MAYE's own judge and reward code.

import Foundation
import Testing

/// One line of `Fixtures/rl-reference/judge_cases.jsonl` (see the fixture README for each field).
struct JudgeCase: Decodable, Sendable, CustomTestStringConvertible {
  struct Components: Decodable, Sendable {
    var mathVerify: Bool
    var autoScoringJudge: Bool
    var boxedIntegerRegex: Bool
    enum CodingKeys: String, CodingKey {
      case mathVerify = "math_verify", autoScoringJudge = "auto_scoring_judge", boxedIntegerRegex = "boxed_integer_regex"
    }
  }

  struct Response: Decodable, Sendable {
    var truncatedNoEOS: Bool
    var tokensIncludingEOS: Int
    var sequenceLength: Int
    var penalised: Bool
    enum CodingKeys: String, CodingKey {
      case truncatedNoEOS = "truncated_no_eos", tokensIncludingEOS = "tokens_incl_eos", sequenceLength = "seq_len"
      case penalised
    }
  }

  var id: String
  var category: String
  var prediction: String
  var solution: String
  var verdict: Bool
  var components: Components
  var preprocessedPrediction: String
  var preprocessedSolution: String
  var accuracyReward: Double
  var formatReward: Double
  var languageReward: Double
  var cjkCharacters: Int
  var codepoints: Int
  var response: Response
  var scoreBeforeOverride: Double
  var score: Double

  enum CodingKeys: String, CodingKey {
    case id, category, prediction, solution, verdict, components, response, score
    case preprocessedPrediction = "preprocessed_prediction", preprocessedSolution = "preprocessed_solution"
    case accuracyReward = "acc_reward", formatReward = "format_reward", languageReward = "language_reward"
    case cjkCharacters = "cjk_chars", codepoints, scoreBeforeOverride = "score_before_override"
  }

  var testDescription: String { "\(id) (\(category))" }

  /// All cases, in file order.
  static let all: [JudgeCase] = load()

  /// The case with `id`.
  static func named(_ id: String) -> JudgeCase? { all.first { $0.id == id } }

  private static func load() -> [JudgeCase] {
    guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
      let data = try? Data(contentsOf: root.appendingPathComponent("rl-reference/judge_cases.jsonl")),
      let text = String(data: data, encoding: .utf8)
    else { return [] }
    let decoder = JSONDecoder()
    return text.split(separator: "\n").compactMap { line in
      try? decoder.decode(JudgeCase.self, from: Data(line.utf8))
    }
  }
}
