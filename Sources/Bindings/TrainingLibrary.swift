// Updates and training in the language: Step IV (`ppo_update`), the SFT baseline (`sft`),
// MAYE's evaluation (`evaluate`) and the per-step metrics of a run (`step_metrics`).

import Foundation
import Lang
import Models
import RL
import Tensor

extension Library {
  /// The RL pipeline: data, rollouts, trajectories, optimizers, updates, SFT, evaluation,
  /// checkpoints, run logs.
  public static let rl = Library("rl", functions: [
    datasetFunction, trajectoryFunction, optimizerFunction,
  ] + rolloutFunctions + TrainingFunctions.functions + CheckpointFunctions.functions + RunLogObject.functions + RunControl.functions)
}

/// `ppo_update`, `sft`, `evaluate`, `step_metrics`.
enum TrainingFunctions {
  static let functions: [Builtin] = [
    Builtin("ppo_update", signature: "ppo_update(policy, traj, optimizer, minibatch = 4, accumulation = 1, epochs = 1, clip_low = 0.2, clip_high = 0.2, kl_coef = 0.001, kl_estimator = \"k3\", kl_placement = \"maye\", aggregation = \"token_mean\", max_length = nil, max_grad_norm = 1, seed = nil, entropy = true)",
            doc: "Step IV: PPO-clip updates of the policy on the trajectory's advantages. Each epoch shuffles the responses (seed nil\ndraws from set_seed's generator) into minibatches of minibatch responses; each accumulates gradients over\naccumulation micro-batches, clips the gradient norm to max_grad_norm (nil: no clipping) and takes one optimizer step.\nA NaN loss stops before changing any weight. Returns the statistics MAYE logs (policy_loss, kl_loss, clipfrac, ...).") { args in
      let policy = try args.model("policy"), optimizer = try args.optimizer("optimizer")
      guard let trajectory = try args.value("traj").trajectoryObject else { throw args.badArgument("traj", expected: "trajectory", got: args["traj"]) }
      guard trajectory.trajectory.advantages != nil else {
        throw LangError.message("ppo_update: the trajectory has no advantages yet\n---> HINT: call reinforce_pp(traj) (or grpo, rloo, ...) first")
      }
      guard optimizer.model.model === policy else { throw LangError.message("ppo_update: the optimizer was made for a different model than the policy") }
      var c = PolicyUpdateConfiguration()
      c.minibatchSize = try args.integer("minibatch")
      c.gradientAccumulationSteps = try args.integer("accumulation")
      c.epochs = try args.integer("epochs")
      c.loss = try EstimatorFunctions.lossConfiguration(args, width: trajectory.trajectory.batch.width)
      c.maximumGradientNorm = try args.optionalNumber("max_grad_norm").map(Float.init)
      c.seed = try args.seed("seed")
      c.computingEntropy = try args.bool("entropy")
      if c.loss.klCoefficient > 0, trajectory.trajectory.referenceLogProbabilities == nil {
        throw LangError.message("ppo_update: kl_coef = \(c.loss.klCoefficient) needs reference log-probabilities\n---> HINT: build the trajectory with ref: a frozen copy of the policy, or pass kl_coef: 0")
      }
      let progress = ProgressLine("update", interpreter: args.interpreter)
      defer { progress.finish() }
      let statistics = try tensorOperation(args.interpreter) {
        try ppoUpdate(policy: policy, trajectory: trajectory.trajectory, optimizer: optimizer.optimizer, configuration: c) {
          try progress.update($0, of: $1, unit: "minibatches")
        }
      }
      return UpdateStatisticsRecords.value(statistics)
    },
    Builtin("sft", signature: "sft(policy, data, epochs = 1, lr = 1e-5, batch = 16, optimizer = nil, warmup = 0.1, max_grad_norm = 1, seed = 0, template = nil, max_tokens = 2048)",
            doc: "Supervised fine-tuning on each row's solution (the paper's SFT baseline): the chat prompt is context, the loss is the\ntoken-mean NLL of the solution and the stop token. data is a dataset or a list of rows. Without an optimizer, AdamW\nwith lr, warm-up over the first warmup fraction and cosine decay. Returns one record per step {epoch, step, loss, tokens, grad_norm, lr}.") { args in
      let policy = try args.model("policy")
      let dataset = try args.dataset("data")
      var c = SFTConfiguration()
      c.epochs = try args.integer("epochs")
      c.batchSize = try args.integer("batch")
      c.seed = try args.seed("seed")
      c.maximumGradientNorm = try args.optionalNumber("max_grad_norm").map(Float.init)
      c.template = try args.template("template")
      c.maximumTargetTokens = try args.integer("max_tokens")
      guard c.epochs > 0, c.batchSize > 0 else { throw LangError.message("sft: epochs and batch must be positive") }
      let optimizer: AdamW
      if let value = args["optimizer"], !value.isNil {
        optimizer = try args.optimizer("optimizer").optimizer
      } else {
        let total = c.epochs * ((dataset.count + c.batchSize - 1) / c.batchSize)
        let warmup = Int((Double(total) * (try args.number("warmup"))).rounded())
        optimizer = try tensorOperation {
          try AdamW(parameters: policy.parameters, learningRate: try args.float("lr"), schedule: .cosine(warmupSteps: warmup, totalSteps: total))
        }
      }
      let progress = ProgressLine("sft", interpreter: args.interpreter)
      defer { progress.finish() }
      let total = c.epochs * ((dataset.count + c.batchSize - 1) / c.batchSize)
      let steps = try tensorOperation(args.interpreter) {
        try supervisedFineTuning(policy: policy, dataset: dataset, optimizer: optimizer, configuration: c) { step in
          try progress.update(step.step + 1, of: total, unit: "steps, loss \(String(format: "%.3f", step.loss))")
        }
      }
      return .list(List(steps.map { step in
        .record(Record([("epoch", .number(Double(step.epoch))), ("step", .number(Double(step.step))), ("loss", .number(step.loss.shortestDouble)),
                        ("tokens", .number(Double(step.tokens))), ("grad_norm", .number(step.gradientNorm.shortestDouble)),
                        ("lr", .number(step.learningRate.shortestDouble))]))
      }))
    },
    Builtin("evaluate", signature: "evaluate(policy, data, setting = \"low\", max_tokens = 2048, seed = nil, batch_size = 32, judge = \"default\", template = nil)",
            doc: "Accuracy under one of MAYE's decoding settings: \"low\" (pass@1, T = 0.01, top_p = 0.001), \"medium\" (pass@1, T = 0.6),\n\"high\" (pass@8, T = 1: solved if any of 8 samples is correct), or a record {k, temperature, top_p}. judge is a mode\n(\"default\", \"maye\") or a function f(text, row) → bool. Returns {name, accuracy, correct, total, solved, responses}.") { args in
      let policy = try args.model("policy")
      let dataset = try args.dataset("data")
      let setting = try decodingSetting(args)
      let maxTokens = try args.integer("max_tokens"), seed = try args.seed("seed"), chunk = try args.integer("batch_size")
      let template = try args.template("template")
      let judgeValue = try args.value("judge")
      let interpreter = args.interpreter
      let isCorrect: (String, MathProblem) throws -> Bool
      switch judgeValue {
      case .string(let name):
        guard let mode = Judge.Mode(rawValue: name) else { throw args.badArgument("judge", expected: "\"default\", \"maye\" or a function", got: judgeValue) }
        let judge = Judge(mode: mode)
        isCorrect = { text, problem in judge.isCorrect(prediction: text, solution: problem.solution) }
      case .function, .builtin:
        isCorrect = { text, problem in
          let result = try interpreter.call(judgeValue, [.string(text), ProblemRecords.record(problem, in: dataset)])
          guard case .bool(let b) = result else {
            if case .number(let n) = result { return n == 1 }
            throw LangError.message("evaluate: the judge returned \(result.typeName), not a bool")
          }
          return b
        }
      default: throw args.badArgument("judge", expected: "\"default\", \"maye\" or a function", got: judgeValue)
      }
      let progress = ProgressLine("evaluate \(settingLabel(setting))", interpreter: interpreter)
      defer { progress.finish() }
      let result = try tensorOperation(interpreter) {
        try RL.evaluate(policy: policy, dataset: dataset, setting: setting, maxTokens: maxTokens, seed: seed, template: template,
                        batchSize: chunk, isCorrect: isCorrect) { try progress.update($0, of: $1, unit: "samples") }
      }
      return .record(Record([
        ("name", .string(setting.name)), ("accuracy", .number(result.accuracy)), ("correct", .number(Double(result.correct))),
        ("total", .number(Double(result.total))), ("solved", .list(List(result.solved.map(Value.bool)))),
        ("responses", .list(List(result.responses.map { .list(List($0.map(Value.string))) }))),
      ]))
    },
    Builtin("step_metrics", signature: "step_metrics(traj, stats, timings = nil, step = 0, gradient_steps = 0, style = \"maye\")",
            doc: "MAYE's per-step metrics of one step under MAYE's names (style \"trl\": TRL's where one exists): scores and\nreward components, response lengths, clip ratio, update statistics, the 15 reflection words and 5 ratios, timings.") { args in
      guard let trajectory = try args.value("traj").trajectoryObject else { throw args.badArgument("traj", expected: "trajectory", got: args["traj"]) }
      let statistics = try UpdateStatisticsRecords.statistics(try args.record("stats"))
      let timings = try args.timings("timings")
      let styleName = try args.string("style")
      guard let style = MetricStyle(rawValue: styleName) else { throw args.badArgument("style", expected: "\"maye\" or \"trl\"", got: .string(styleName)) }
      let result = RLStepResult(rollouts: trajectory.trajectory.rollouts, scores: trajectory.trajectory.scores, trajectory: trajectory.trajectory,
                                statistics: statistics, timings: timings)
      let metrics = stepMetrics(result, step: try args.integer("step"), gradientSteps: try args.integer("gradient_steps"), style: style)
      return MetricRecords.value(metrics)
    },
  ]

  /// `low`, `medium`, `high`, or `{k, temperature, top_p}`.
  static func decodingSetting(_ args: Arguments) throws(LangError) -> DecodingSetting {
    let value = try args.value("setting")
    switch value {
    case .string("low"): return .passAt1Low
    case .string("medium"): return .passAt1Medium
    case .string("high"): return .passAt8
    case .record(let record):
      guard case .number(let k)? = record["k"], let count = Int(exactly: k), count > 0, case .number(let t)? = record["temperature"], t >= 0 else {
        throw LangError.message("evaluate: a setting record needs k (a positive integer) and temperature (≥ 0), got \(value.repr)")
      }
      var topP = 1.0
      if case .number(let p)? = record["top_p"] { topP = p }
      return DecodingSetting(k: count, temperature: Float(t), topP: Float(topP))
    default: throw args.badArgument("setting", expected: "\"low\", \"medium\", \"high\" or {k, temperature, top_p}", got: value)
    }
  }

  static func settingLabel(_ setting: DecodingSetting) -> String {
    switch setting {
    case .passAt1Low: return "low"
    case .passAt1Medium: return "medium"
    case .passAt8: return "high"
    default: return setting.name
    }
  }
}

/// Update statistics as records and back.
enum UpdateStatisticsRecords {
  nonisolated(unsafe) static let names: [(String, WritableKeyPath<UpdateStatistics, Float>)] = [
    ("loss", \.loss), ("policy_loss", \.policyLoss), ("kl_loss", \.klLoss), ("clipfrac", \.clipFraction), ("clipfrac_low", \.clipFractionLow),
    ("clipfrac_high", \.clipFractionHigh), ("ratio_mean", \.ratioMean), ("approx_kl", \.approximateKL), ("entropy", \.sampledTokenEntropy),
    ("grad_norm", \.gradientNorm), ("grad_norm_mean", \.meanGradientNorm), ("lr", \.learningRate),
  ]

  static func value(_ s: UpdateStatistics) -> Value {
    var pairs = names.map { ($0.0, Value.number(s[keyPath: $0.1].shortestDouble)) }
    pairs.append(("entropy_full", s.entropy.map { .number($0.shortestDouble) } ?? .nil))
    pairs.append(("optimizer_steps", .number(Double(s.optimizerSteps))))
    return .record(Record(pairs))
  }

  static func statistics(_ record: Record) throws(LangError) -> UpdateStatistics {
    var s = UpdateStatistics()
    for (name, path) in names {
      guard case .number(let n)? = record[name] else { throw LangError.message("step_metrics: stats has no number '\(name)' (pass what ppo_update returned)") }
      s[keyPath: path] = Float(n)
    }
    if case .number(let n)? = record["entropy_full"] { s.entropy = Float(n) }
    if case .number(let n)? = record["optimizer_steps"] { s.optimizerSteps = Int(n) }
    return s
  }
}

/// Metric records (JSONL rows) as language records and back.
enum MetricRecords {
  static func value(_ record: MetricRecord) -> Value {
    .record(Record(record.keys.sorted().map { key in
      switch record[key] {
      case .number(let n)?: return (key, .number(n))
      case .text(let s)?: return (key, .string(s))
      default: return (key, .nil)
      }
    }))
  }

  static func record(_ value: Record, function: String) throws(LangError) -> MetricRecord {
    var result: MetricRecord = [:]
    for (key, item) in zip(value.keys, value.values) {
      switch item {
      case .number(let n): result[key] = .number(n)
      case .string(let s): result[key] = .text(s)
      case .bool(let b): result[key] = .number(b ? 1 : 0)
      case .nil: continue
      case .native(let object) where object.numericValue != nil: result[key] = .number(object.numericValue ?? 0)
      default: throw LangError.message("\(function): metric '\(key)' is a \(item.typeName); metrics are numbers or strings")
      }
    }
    return result
  }
}

extension Arguments {
  /// A dataset argument: a dataset, a row record or a list of rows.
  func dataset(_ name: String) throws(LangError) -> MathDataset {
    let value = try value(name)
    if let object = value.datasetObject { return object.dataset }
    return try ProblemRecords.problems(value, function: functionName).dataset
  }

  /// Stage timings `{rollout: seconds, ...}` (nil: none); non-numbers are ignored.
  func timings(_ name: String) throws(LangError) -> [String: Double] {
    guard let value = self[name], !value.isNil else { return [:] }
    guard case .record(let record) = value else { throw badArgument(name, expected: "record of seconds", got: value) }
    var timings: [String: Double] = [:]
    for (key, item) in zip(record.keys, record.values) { if case .number(let n) = item { timings[key] = n } }
    return timings
  }
}
