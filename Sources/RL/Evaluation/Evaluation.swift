// Evaluation: accuracy on a dataset under MAYE's three decoding settings (paper §4.2).
import Foundation
import Models
import Tensor

/// A decoding setting of MAYE's evaluation scheme.
public struct DecodingSetting: Sendable, Equatable, Hashable {
  /// Samples per problem; the problem counts as solved if any is correct (MAYE's any-of-k).
  public var k: Int
  public var temperature: Float
  public var topP: Float

  /// Creates a setting.
  public init(k: Int, temperature: Float, topP: Float = 1) {
    self.k = k
    self.temperature = temperature
    self.topP = topP
  }

  /// pass@8 at T = 1.0, top_p = 1.0 ("high": the upper bound).
  public static let passAt8 = DecodingSetting(k: 8, temperature: 1.0)
  /// pass@1 at T = 0.6 ("medium").
  public static let passAt1Medium = DecodingSetting(k: 1, temperature: 0.6)
  /// pass@1 at T = 0.01, top_p = 0.001 ("low", quasi-greedy, Qwen-VL's benchmark convention).
  public static let passAt1Low = DecodingSetting(k: 1, temperature: 0.01, topP: 0.001)
  /// MAYE's three settings, in its order of report.
  public static let maye = [passAt1Low, passAt1Medium, passAt8]

  /// MAYE's metric-name fragment: `pass@8 Temperature=1.0`.
  public var name: String { "pass@\(k) Temperature=\(temperature == 1 ? "1.0" : String(format: "%g", temperature))" }
}

/// The outcome of evaluating a dataset under one setting.
public struct EvaluationResult: Sendable, Equatable {
  public var setting: DecodingSetting
  /// Whether each problem was solved (by any of its k samples).
  public var solved: [Bool]
  /// Every sampled text, k per problem.
  public var responses: [[String]]

  /// Problems solved.
  public var correct: Int { solved.filter { $0 }.count }
  /// Problems evaluated.
  public var total: Int { solved.count }
  /// correct / total, 0 for an empty dataset.
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}

/// pass@k as MAYE computes it: a problem is solved if any of its samples is correct.
public func passAtK(_ correct: [[Bool]]) -> (solved: [Bool], accuracy: Double) {
  let solved = correct.map { $0.contains(true) }
  return (solved, solved.isEmpty ? 0 : Double(solved.filter { $0 }.count) / Double(solved.count))
}

/// Evaluates `policy` on `dataset` under `setting`: k independent samples per problem with
/// `maxTokens` new tokens, each judged by `isCorrect`.
public func evaluate(
  policy: PretrainedModel, dataset: MathDataset, setting: DecodingSetting, maxTokens: Int = 2048, seed: UInt64 = 0,
  template: PromptTemplate = PromptTemplate(), batchSize: Int = 32, isCorrect: (String, MathProblem) throws -> Bool,
  progress: ((Int, Int) throws -> Void)? = nil
) throws -> EvaluationResult {
  guard setting.k > 0 else { throw RLError.invalidInput("pass@k needs k ≥ 1, got \(setting.k)") }
  var sampling = SamplingParameters()
  sampling.temperature = setting.temperature
  sampling.topP = setting.topP
  sampling.maxNewTokens = maxTokens
  sampling.seed = seed
  let rollouts = try rollout(policy: policy, problems: dataset.problems, dataset: dataset, n: setting.k, sampling: sampling,
                             template: template, chunkSize: batchSize, progress: progress)
  var responses = [[String]](repeating: [], count: dataset.count)
  var correct = [[Bool]](repeating: [], count: dataset.count)
  for response in rollouts.responses {
    responses[response.problemIndex].append(response.text)
    correct[response.problemIndex].append(try isCorrect(response.text, dataset.problems[response.problemIndex]))
  }
  return EvaluationResult(setting: setting, solved: passAtK(correct).solved, responses: responses)
}

/// The evaluation splits MAYE reports.
public enum EvaluationSplit: String, Sendable, CaseIterable {
  case validation = "Validation"
  case test = "Test"
}

/// MAYE's per-epoch metric names (`epochs.jsonl`; epoch 0 is the untrained model, evaluated
/// once before training, and has no training accuracy).
public enum EpochMetricName {
  /// `acc/Training Set Epoch Accuracy`: the accuracy over every rollout of the epoch.
  public static let trainingAccuracy = "acc/Training Set Epoch Accuracy"

  /// `acc/Validation Set Epoch Accuracy pass@1 Temperature=0.01`, and so on.
  public static func accuracy(_ split: EvaluationSplit, _ setting: DecodingSetting) -> String {
    accuracy(split, setting: setting.name)
  }

  /// `acc/<Split> Set Epoch Accuracy <setting>` for a setting given by its name fragment.
  public static func accuracy(_ split: EvaluationSplit, setting: String) -> String {
    "acc/\(split.rawValue) Set Epoch Accuracy \(setting)"
  }

  /// The setting fragments (`pass@8 Temperature=1.0`) of the `split` accuracies among `names`:
  /// MAYE's three first, in Table 3's order (pass@8 T=1.0, pass@1 T=0.6, pass@1 T=0.01), then
  /// any other settings sorted.
  public static func settings(of split: EvaluationSplit, among names: some Sequence<String>) -> [String] {
    let prefix = accuracy(split, setting: "")
    let found = Set(names.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }.map { String($0.dropFirst(prefix.count)) })
    let known = DecodingSetting.maye.reversed().map(\.name)
    return known.filter(found.contains) + found.subtracting(known).sorted()
  }

  /// A setting fragment shortened for legends and table rows: `pass@8 T=1.0`.
  public static func shortSetting(_ setting: String) -> String {
    setting.replacingOccurrences(of: "Temperature=", with: "T=")
  }
}
