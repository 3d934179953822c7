// The trajectory as a language value (Step III): rollouts with π_old and π_ref log-probabilities,
// response masks, scores and — once an estimator ran — advantages.

import Lang
import RL
import Tensor

/// A trajectory in the language (`type(traj) == "trajectory"`), made by `trajectory(rollouts, ...)`.
///
/// Tensors are `[B, L]` over the response tokens (B responses, L the longest): `old_logprobs`,
/// `ref_logprobs`, `mask` (1 up to and including the first stop token), `advantages`, `returns`.
/// `traj.advantages` may be assigned, to try a hand-made estimator before `ppo_update`.
public final class TrajectoryObject: NativeObject {
  /// The trajectory (mutable: estimators store their advantages here).
  public var trajectory: Trajectory
  /// The rollouts it was built from.
  public let rollouts: RolloutsObject

  /// Wraps a trajectory.
  public init(_ trajectory: Trajectory, rollouts: RolloutsObject) {
    self.trajectory = trajectory
    self.rollouts = rollouts
  }

  /// `trajectory`.
  public var typeName: String { "trajectory" }

  /// `<trajectory: 16 responses × 64 tokens, mean score 0.25, advantages: yes>`.
  public func describe(nested: Bool) -> String {
    let total = trajectory.scores.total
    let mean = total.isEmpty ? 0 : total.reduce(0, +) / Float(total.count)
    let reference = trajectory.referenceLogProbabilities == nil ? "" : ", with reference"
    let advantages = trajectory.advantages == nil ? "none yet (reinforce_pp(traj), grpo(traj), ...)" : "estimated"
    return "<trajectory: \(trajectory.count) responses × \(trajectory.batch.width) tokens, mean score "
      + "\(TableObject.formatted(Double(mean)))\(reference), advantages \(advantages)>"
  }

  /// `len(traj)`: the number of responses.
  public func count() throws(LangError) -> Int? { trajectory.count }

  /// The fields.
  public var fieldNames: [String] {
    ["rollouts", "old_logprobs", "ref_logprobs", "mask", "lengths", "scores", "components", "advantages", "returns", "temperature"]
  }

  /// Tensors and columns of the trajectory.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "rollouts": return .native(rollouts)
    case "old_logprobs": return .tensor(trajectory.oldLogProbabilities)
    case "ref_logprobs": return trajectory.referenceLogProbabilities.map(Value.tensor) ?? .nil
    case "mask": return .tensor(trajectory.batch.mask)
    case "lengths": return .list(List(trajectory.sequenceLengths.map { .number(Double($0)) }))
    case "scores": return ScoreRecords.tensor(trajectory.scores.total)
    case "components": return ScoreRecords.value(trajectory.scores, penalized: nil).recordField("components")
    case "advantages": return trajectory.advantages.map(Value.tensor) ?? .nil
    case "returns": return trajectory.returns.map(Value.tensor) ?? .nil
    case "temperature": return .number(Double(trajectory.temperature))
    default: return nil
    }
  }

  /// `traj.advantages = t` (a `[B, L]` tensor; padding is masked out) or nil.
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    guard name == "advantages" else { throw LangError.message("cannot set '\(name)' of a trajectory (only advantages)") }
    if value.isNil {
      trajectory.advantages = nil
      return
    }
    guard let object = value.tensorObject else { throw LangError.message("traj.advantages must be a tensor [B, L], got \(value.typeName)") }
    let tensor = try object.floatTensor()
    guard tensor.shape == trajectory.batch.mask.shape else {
      throw LangError.message("traj.advantages must have shape \(trajectory.batch.mask.shape) (responses × tokens), got \(tensor.shape)")
    }
    trajectory.advantages = try tensorOperation { try withoutGradient { try tensor.detached() * trajectory.batch.mask } }
  }

  /// `table`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    Step III's output: per-token π_old and π_ref log-probabilities, masks, scores and advantages
    ([B, L] tensors). Estimate advantages with reinforce_pp(traj), grpo(traj), rloo(traj), ...;
    traj.table() shows prompt, response, rewards and advantage per response.
    """
  }

  static let table: [String: Builtin] = [
    "table": Builtin("table", signature: "trajectory.table(width = nil)",
                     doc: "One row per response: prompt id, question, response, each reward component, score, advantage\n(mean over its valid tokens) and length.") { args in
      let object = try args.receiver(as: TrajectoryObject.self)
      let t = object.trajectory
      let advantages = t.advantages?.scalars
      let width = t.batch.width
      let names = t.scores.components.keys.sorted(by: ScoreRecords.componentOrder)
      let rows = t.rollouts.responses.enumerated().map { index, response -> Record in
        let problem = t.rollouts.problems[response.problemIndex]
        var pairs: [(String, Value)] = [("id", .string(problem.id)), ("question", .string(problem.question)), ("response", .string(response.text))]
        for name in names { pairs.append((name, .number(Double(t.scores.components[name]?[index] ?? 0)))) }
        pairs.append(("score", .number(Double(t.scores.total[index]))))
        if let advantages {
          let valid = t.batch.validLengths[index]
          let row = advantages[(index * width)..<(index * width + valid)]
          pairs.append(("advantage", .number(row.reduce(0.0) { $0 + Double($1) } / Double(max(valid, 1)))))
        }
        pairs.append(("tokens", .number(Double(t.sequenceLengths[index]))))
        return Record(pairs)
      }
      return .native(TableObject(rows: rows, width: try args.optionalInteger("width")))
    },
  ]
}

extension Value {
  /// The trajectory object this value holds, if it is one.
  public var trajectoryObject: TrajectoryObject? {
    if case .native(let object as TrajectoryObject) = self { return object }
    return nil
  }

  /// Field `name` of a record value.
  func recordField(_ name: String) -> Value {
    if case .record(let record) = self { return record[name] ?? .nil }
    return .nil
  }
}

extension Library {
  /// `trajectory(rollouts, policy, ref, scores)`.
  static let trajectoryFunction = Builtin(
    "trajectory", signature: "trajectory(rollouts, policy, ref = nil, scores = nil, batch_size = 16)",
    doc: "Step III: π_old (policy) and π_ref (ref, when given) log-probabilities of every response token, in no-grad\nforwards of batch_size responses at the sampling temperature; masks cut after the first stop token (kept).\nscores: score(rollouts) (the default), a {total, components} record, or one number per response."
  ) { args in
    let rollouts = try args.rollouts("rollouts")
    let policy = try args.model("policy"), reference = try args.optionalModel("ref")
    let scores: Scores
    if let value = args["scores"], !value.isNil {
      scores = try ScoreRecords.scores(value, count: rollouts.rollouts.count, function: "trajectory")
    } else {
      guard let score = args.interpreter.global("score") else { throw LangError.message("trajectory: score is not defined") }
      scores = try ScoreRecords.scores(try args.interpreter.call(score, [.native(rollouts)]), count: rollouts.rollouts.count, function: "trajectory")
    }
    let chunk = try args.integer("batch_size")
    let trajectory = try tensorOperation(args.interpreter) {
      try RL.trajectory(rollouts: rollouts.rollouts, policy: policy, reference: reference, scores: scores, forwardBatchSize: chunk)
    }
    return .native(TrajectoryObject(trajectory, rollouts: rollouts))
  }
}
