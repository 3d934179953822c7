// Rewards in the language (Step III): MAYE's judge and reward functions, and `score`, which runs
// any mix of builtin and user-written reward functions over rollouts.

import Lang
import RL
import Tensor

extension Library {
  /// `judge judgement accuracy_reward format_reward language_reward maye_rewards score`.
  public static let rewards = Library("rewards", functions: RewardFunctionsTable.functions)
}

/// The reward builtins.
enum RewardFunctionsTable {
  static func mode(_ args: Arguments) throws(LangError) -> Judge.Mode {
    let name = try args.string("mode")
    guard let mode = Judge.Mode(rawValue: name) else { throw args.badArgument("mode", expected: "\"maye\" or \"default\"", got: .string(name)) }
    return mode
  }

  static func solution(_ args: Arguments) throws(LangError) -> String {
    let row = try args.value("row")
    switch row {
    case .string(let s): return s
    case .record(let record):
      guard case .string(let s)? = record["solution"] else { throw LangError.message("\(args.functionName): the row has no 'solution' string") }
      return s
    default: throw args.badArgument("row", expected: "row record (or a solution string)", got: row)
    }
  }

  static let functions: [Builtin] = [
    Builtin("judge", signature: "judge(prediction, solution, mode = \"default\")",
            doc: "Whether a response's final answer equals the solution's (\\boxed{...}): MAYE's judge — the last sentence\nwith 'boxed', its rewrites, then math-verify-style equivalence (fractions, roots, π, percentages, units, intervals).\nmode \"maye\" reproduces MAYE's code exactly, quirks included; \"default\" fixes the quirks (docs/rewards.md).") { args in
      .bool(judge(try args.string("prediction"), try args.string("solution"), mode: try mode(args)))
    },
    Builtin("judgement", signature: "judgement(prediction, solution, mode = \"default\")",
            doc: "judge() with its parts: {verdict, math_verify, auto_scoring_judge, boxed_integer_rule, prediction, solution}\n(the last two after the judge's preprocessing), to see why a response was accepted or not.") { args in
      let j = Judge(mode: try mode(args)).evaluate(prediction: try args.string("prediction"), solution: try args.string("solution"))
      return .record(Record([("verdict", .bool(j.verdict)), ("math_verify", .bool(j.mathVerify)), ("auto_scoring_judge", .bool(j.autoScoringJudge)),
                             ("boxed_integer_rule", .bool(j.boxedIntegerRule)), ("prediction", .string(j.preprocessedPrediction)),
                             ("solution", .string(j.preprocessedSolution))]))
    },
    Builtin("accuracy_reward", signature: "accuracy_reward(text, row, mode = \"default\")",
            doc: "1 when judge(text, row.solution, mode) accepts the response, else 0.") { args in
      .number(Double(RewardFunctions.accuracyReward(response: try args.string("text"), solution: try solution(args), mode: try mode(args))))
    },
    Builtin("format_reward", signature: "format_reward(text, row = nil, open = \"<think>\", close = \"</think>\")",
            doc: "1 when open…close occurs exactly once in the text (MAYE's <think>.*?</think> rule), else 0.") { args in
      let pattern = FormatPattern(open: try args.string("open"), close: try args.string("close"))
      return .number(Double(RewardFunctions.formatReward(response: try args.string("text"), pattern: pattern)))
    },
    Builtin("language_reward", signature: "language_reward(text, row = nil)",
            doc: "−0.1 × the fraction of the text's characters that are CJK ideographs (MAYE's language-mixing penalty).") { args in
      .number(Double(RewardFunctions.languageReward(response: try args.string("text"))))
    },
    Builtin("maye_rewards", signature: "maye_rewards(mode = \"default\")",
            doc: "MAYE's reward functions as a record {accuracy, format, language} for score(..., rewards:), with the judge in mode.") { args in
      let mode = try mode(args)
      let accuracy = Builtin("accuracy_reward", signature: "accuracy_reward(text, row)", doc: "accuracy_reward with mode \"\(mode.rawValue)\".") { inner in
        .number(Double(RewardFunctions.accuracyReward(response: try inner.string("text"), solution: try solution(inner), mode: mode)))
      }
      return .record(Record([("accuracy", .builtin(accuracy)), ("format", args.interpreter.global("format_reward") ?? .nil),
                             ("language", args.interpreter.global("language_reward") ?? .nil)]))
    },
    Builtin("score", signature: "score(rollouts, rewards = nil, weights = nil, penalty = -0.1, penalize_truncated = true, min_length = 1)",
            doc: "Scores every response: each reward function f(text, row) in the record rewards (default maye_rewards())\nreturns a number (or bool); the score is Σ weight × value (weights default 1). A response that was truncated\n(no stop token) or shorter than min_length tokens gets penalty instead, as MAYE does (penalty nil disables it).\nReturns {total: tensor [B], components: {name: tensor [B]}, penalized: tensor [B] of 0/1}.") { args in
      let object = try args.rollouts("rollouts")
      var rewards: [(String, Value)]
      if let value = args["rewards"], !value.isNil {
        guard case .record(let record) = value else { throw args.badArgument("rewards", expected: "record of functions", got: value) }
        rewards = Array(zip(record.keys, record.values))
      } else {
        guard let defaults = args.interpreter.global("maye_rewards"), case .record(let record) = try args.interpreter.call(defaults, [])
        else { throw LangError.message("score: maye_rewards is not defined") }
        rewards = Array(zip(record.keys, record.values))
      }
      var weights: [String: Float] = [:]
      if let value = args["weights"], !value.isNil {
        guard case .record(let record) = value else { throw args.badArgument("weights", expected: "record of numbers", got: value) }
        for (key, weight) in zip(record.keys, record.values) {
          guard case .number(let w) = weight, w.isFinite else { throw LangError.message("score: weight '\(key)' must be a finite number, got \(weight.repr)") }
          guard rewards.contains(where: { $0.0 == key }) else { throw LangError.message("score: weight '\(key)' names no reward (rewards: \(rewards.map(\.0).joined(separator: ", ")))") }
          weights[key] = Float(w)
        }
      }
      var penalty: RewardPenalty?
      if let value = args["penalty"], !value.isNil {
        penalty = RewardPenalty(value: try args.float("penalty"), penaliseNoEOS: try args.bool("penalize_truncated"),
                                minimumResponseLength: try args.integer("min_length"))
      }
      let scored = try score(object, rewards: rewards, weights: weights, penalty: penalty, interpreter: args.interpreter)
      return ScoreRecords.value(scored.scores, penalized: scored.penalized)
    },
  ]

  /// Runs every reward function on every response.
  static func score(_ object: RolloutsObject, rewards: [(String, Value)], weights: [String: Float], penalty: RewardPenalty?,
                    interpreter: Interpreter) throws(LangError) -> (scores: Scores, penalized: [Bool]) {
    let rollouts = object.rollouts
    var components: [String: [Float]] = [:]
    var total = [Float](repeating: 0, count: rollouts.count)
    var penalized = [Bool](repeating: false, count: rollouts.count)
    let rows = rollouts.problems.map { ProblemRecords.record($0, in: object.dataset) }
    for (name, function) in rewards {
      switch function {
      case .function, .builtin: break
      default: throw LangError.message("score: reward '\(name)' is a \(function.typeName), not a function f(text, row)")
      }
      var values: [Float] = []
      for (index, response) in rollouts.responses.enumerated() {
        try interpreter.checkInterrupt()
        let result: Value
        do {
          result = try interpreter.call(function, [.string(response.text), rows[response.problemIndex]])
        } catch .runtime(var error) where error.isCatchable {
          error.fault = .message("reward '\(name)' failed on response \(index) (row id \(Format.quoted(rollouts.problems[response.problemIndex].id))): \(error.message)")
          throw .runtime(error)
        } catch {
          throw error
        }
        let value: Double
        switch result {
        case .number(let n): value = n
        case .bool(let b): value = b ? 1 : 0
        default:
          throw LangError.message("reward '\(name)' returned \(result.typeName) \(result.repr) for response \(index); a reward must return a number (or bool)")
        }
        guard value.isFinite else { throw LangError.message("reward '\(name)' returned \(Format.number(value)) for response \(index); rewards must be finite") }
        values.append(Float(value))
      }
      let weight = weights[name] ?? 1
      for i in values.indices { total[i] += weight == 1 ? values[i] : weight * values[i] }
      components[name] = values
    }
    if let penalty {
      for (index, response) in rollouts.responses.enumerated() {
        let termination = ResponseTermination(sequenceLength: max(response.tokens.count - 1, 0), hasEOS: response.endedWithStop)
        if penalty.isPenalised(termination) {
          penalized[index] = true
          total[index] = penalty.value
        }
      }
    }
    return (Scores(total: total, components: components), penalized)
  }
}

/// Scores as language records and back.
enum ScoreRecords {
  /// `{total, components, penalized}`.
  static func value(_ scores: Scores, penalized: [Bool]?) -> Value {
    var pairs: [(String, Value)] = [("total", tensor(scores.total))]
    pairs.append(("components", .record(Record(scores.components.keys.sorted(by: componentOrder).map { ($0, tensor(scores.components[$0] ?? [])) }))))
    if let penalized { pairs.append(("penalized", tensor(penalized.map { $0 ? 1 : 0 }))) }
    return .record(Record(pairs))
  }

  /// MAYE's components first, in its order, then the others alphabetically.
  static func componentOrder(_ a: String, _ b: String) -> Bool {
    let known = ["accuracy", "format", "language"]
    switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
    case let (x?, y?): return x < y
    case (_?, nil): return true
    case (nil, _?): return false
    default: return a < b
    }
  }

  static func tensor(_ values: [Float]) -> Value {
    (try? Tensor(shape: [values.count], scalars: values)).map(Value.tensor) ?? .nil
  }

  /// Scores from `{total, components}`, a tensor or a list of numbers (one per response).
  static func scores(_ value: Value, count: Int, function: String) throws(LangError) -> Scores {
    func floats(_ value: Value, _ what: String) throws(LangError) -> [Float] {
      let numbers: [Double]
      if let object = value.tensorObject {
        numbers = object.scalars
      } else if case .list(let list) = value {
        var collected: [Double] = []
        for item in list.items {
          guard case .number(let n) = item else { throw LangError.message("\(function): \(what) must hold numbers, found \(item.typeName)") }
          collected.append(n)
        }
        numbers = collected
      } else {
        throw LangError.message("\(function): \(what) must be a tensor or a list of numbers, got \(value.typeName)")
      }
      guard numbers.count == count else { throw LangError.message("\(function): \(what) has \(numbers.count) values for \(count) responses") }
      guard numbers.allSatisfy(\.isFinite) else { throw LangError.message("\(function): \(what) contains NaN or infinity") }
      return numbers.map(Float.init)
    }
    guard case .record(let record) = value else { return Scores(total: try floats(value, "scores")) }
    guard let total = record["total"] else { throw LangError.message("\(function): the scores record has no 'total'") }
    var components: [String: [Float]] = [:]
    if case .record(let parts)? = record["components"] {
      for (key, part) in zip(parts.keys, parts.values) { components[key] = try floats(part, "component '\(key)'") }
    }
    return Scores(total: try floats(total, "scores.total"), components: components)
  }
}
