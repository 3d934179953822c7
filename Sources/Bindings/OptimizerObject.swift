// The optimizer as a language value: AdamW over a model's trainable parameters, with MAYE's
// warm-up + cosine schedule.

import Lang
import Models
import Tensor

/// An AdamW optimizer in the language (`type(opt) == "optimizer"`), made by `adamw(model, ...)`.
public final class OptimizerObject: NativeObject {
  /// The optimizer.
  public let optimizer: AdamW
  /// The model whose parameters it updates.
  public let model: ModelObject

  /// Wraps an optimizer of `model`'s parameters.
  public init(_ optimizer: AdamW, model: ModelObject) {
    self.optimizer = optimizer
    self.model = model
  }

  /// `optimizer`.
  public var typeName: String { "optimizer" }

  /// `<optimizer AdamW: lr 5e-06 (now 2.5e-06, cosine 10/100), 3 steps>`.
  public func describe(nested: Bool) -> String {
    "<optimizer AdamW: lr \(Format.number(optimizer.learningRate.shortestDouble)) (now \(Format.number(optimizer.currentLearningRate.shortestDouble))"
      + ", \(Self.scheduleName(optimizer.schedule))), \(optimizer.stepCount) steps>"
  }

  static func scheduleName(_ schedule: LearningRateSchedule) -> String {
    switch schedule {
    case .constant: return "constant"
    case let .cosine(warmup, total): return "cosine, warmup \(warmup) of \(total)"
    case let .linear(warmup, total): return "linear, warmup \(warmup) of \(total)"
    }
  }

  /// The fields.
  public var fieldNames: [String] { ["lr", "current_lr", "steps", "betas", "eps", "weight_decay", "model"] }

  /// Hyperparameters and counters.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "lr": return .number(optimizer.learningRate.shortestDouble)
    case "current_lr": return .number(optimizer.currentLearningRate.shortestDouble)
    case "steps": return .number(Double(optimizer.stepCount))
    case "betas": return .list(List([.number(optimizer.beta1.shortestDouble), .number(optimizer.beta2.shortestDouble)]))
    case "eps": return .number(optimizer.epsilon.shortestDouble)
    case "weight_decay": return .number(optimizer.weightDecay.shortestDouble)
    case "model": return .native(model)
    default: return nil
    }
  }

  /// `opt.lr = 1e-5`, `opt.weight_decay = 0`.
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    guard case .number(let n) = value, n.isFinite, n >= 0 else { throw LangError.message("optimizer.\(name) must be a number ≥ 0, got \(value.repr)") }
    switch name {
    case "lr": optimizer.learningRate = Float(n)
    case "weight_decay": optimizer.weightDecay = Float(n)
    case "eps": optimizer.epsilon = Float(n)
    default: throw LangError.message("cannot set '\(name)' of an optimizer (lr, weight_decay, eps)")
    }
  }

  /// `step zero_grad clip_grad_norm`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    AdamW over a model's trainable parameters (frozen ones are skipped), with an optional warm-up
    + cosine schedule. ppo_update and sft drive it; opt.step(), opt.zero_grad() and
    opt.clip_grad_norm(max) do it by hand after loss.backward().
    """
  }

  static let table: [String: Builtin] = [
    "step": Builtin("step", signature: "optimizer.step()", doc: "Applies one AdamW update from the accumulated gradients and advances the schedule.") { args in
      let object = try args.receiver(as: OptimizerObject.self)
      try tensorOperation(args.interpreter) { try object.optimizer.step() }
      return .nil
    },
    "zero_grad": Builtin("zero_grad", signature: "optimizer.zero_grad()", doc: "Clears every parameter's gradient.") { args in
      try args.receiver(as: OptimizerObject.self).optimizer.zeroGradients()
      return .nil
    },
    "clip_grad_norm": Builtin("clip_grad_norm", signature: "optimizer.clip_grad_norm(max_norm)",
                              doc: "Scales the gradients down to global L2 norm max_norm (as torch's clip_grad_norm_); returns the norm before.") { args in
      let object = try args.receiver(as: OptimizerObject.self), limit = try args.float("max_norm")
      return .number(Double(try tensorOperation(args.interpreter) { try object.optimizer.clipGradientNorm(to: limit) }))
    },
  ]
}

extension Arguments {
  /// An optimizer argument.
  func optimizer(_ name: String) throws(LangError) -> OptimizerObject {
    let value = try value(name)
    guard case .native(let object as OptimizerObject) = value else { throw badArgument(name, expected: "optimizer (adamw(model, ...))", got: value) }
    return object
  }
}

extension Library {
  /// `adamw(model, ...)`.
  static let optimizerFunction = Builtin(
    "adamw", signature: "adamw(model, lr = 5e-6, betas = nil, eps = 1e-5, weight_decay = 0.01, warmup = 0, total_steps = nil, schedule = \"cosine\")",
    doc: "AdamW over the model's trainable parameters; defaults are MAYE's (betas nil: [0.9, 0.95]). With total_steps, the learning rate warms up\nlinearly for warmup steps and then follows schedule (\"cosine\" to 0, \"linear\" to 0 or \"constant\"); without it, constant."
  ) { args in
    let value = try args.value("model")
    guard let model = value.modelObject else { throw args.badArgument("model", expected: "model", got: value) }
    let betas = try args.optionalList("betas")?.items ?? [.number(0.9), .number(0.95)]
    guard betas.count == 2, case .number(let beta1) = betas[0], case .number(let beta2) = betas[1], (0..<1).contains(beta1), (0..<1).contains(beta2) else {
      throw args.badArgument("betas", expected: "[beta1, beta2] in [0, 1)", got: args["betas"])
    }
    let warmup = try args.integer("warmup")
    var schedule = LearningRateSchedule.constant
    if let total = try args.optionalInteger("total_steps") {
      guard total > 0, warmup >= 0, warmup <= total else { throw LangError.message("adamw: need 0 ≤ warmup ≤ total_steps and total_steps > 0, got \(warmup) and \(total)") }
      let name = try args.string("schedule")
      switch name {
      case "cosine": schedule = .cosine(warmupSteps: warmup, totalSteps: total)
      case "linear": schedule = .linear(warmupSteps: warmup, totalSteps: total)
      case "constant": schedule = .constant
      default: throw args.badArgument("schedule", expected: "\"cosine\", \"linear\" or \"constant\"", got: .string(name))
      }
    }
    let optimizer = try tensorOperation {
      try AdamW(parameters: model.model.parameters, learningRate: try args.float("lr"), beta1: Float(beta1), beta2: Float(beta2),
                epsilon: try args.float("eps"), weightDecay: try args.float("weight_decay"), schedule: schedule)
    }
    return .native(OptimizerObject(optimizer, model: model))
  }
}
