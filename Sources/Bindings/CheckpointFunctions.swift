// Checkpoints in the language: the policy as a Hugging Face directory, the optimizer, the
// interpreter's random generator and the loop's own state, saved atomically and resumed exactly.

import Foundation
import Lang
import Models
import RL
import Tensor

/// `save_checkpoint`, `resume`.
enum CheckpointFunctions {
  static let functions: [Builtin] = [
    Builtin("save_checkpoint", signature: "save_checkpoint(dir, policy, optimizer, state = {})",
            doc: "Saves the policy (a Hugging Face directory under dir/model), the optimizer's moments and schedule, the\ninterpreter's random generator, frozen parameters and state (a JSON-like record: step, epoch, ...) to dir —\natomically: an interrupted save leaves the previous checkpoint loadable.") { args in
      let directory = args.interpreter.resolvingPath(try args.string("dir"))
      let policy = try args.model("policy"), optimizer = try args.optimizer("optimizer")
      guard optimizer.model.model === policy else { throw LangError.message("save_checkpoint: the optimizer was made for a different model than the policy") }
      let state = try args.record("state")
      let stateJSON = try JSON.encode(.record(state))
      func integer(_ key: String) -> Int {
        if case .number(let n)? = state[key], let i = Int(exactly: n) { return i }
        return 0
      }
      let generator = args.interpreter[RandomGeneratorKey.self].state
      var run = RunState(step: integer("step"), epoch: integer("epoch"), seed: generator.seed)
      run.extra["state"] = stateJSON
      run.extra["random_generator"] = String(decoding: (try? JSONEncoder().encode(generator)) ?? Data(), as: UTF8.self)
      run.extra["frozen"] = policy.parameters.parameters.filter { !$0.tensor.requiresGrad }.map(\.name).joined(separator: "\n")
      try tensorOperation(args.interpreter) { try RunCheckpoint.save(policy: policy, optimizer: optimizer.optimizer, state: run, to: directory) }
      return .nil
    },
    Builtin("resume", signature: "resume(dir)",
            doc: "Loads a checkpoint written by save_checkpoint (or the previous one, if a save was interrupted): returns\n{policy, optimizer, state} and restores the interpreter's random generator, so the run continues exactly.") { args in
      let directory = args.interpreter.resolvingPath(try args.string("dir"))
      let (policy, run) = try tensorOperation(args.interpreter) { try RunCheckpoint.loadPolicy(from: directory) }
      let frozen = Set((run.extra["frozen"] ?? "").split(separator: "\n").map(String.init))
      try tensorOperation {
        for (name, tensor) in policy.parameters.parameters where frozen.contains(name) { try tensor.setRequiresGrad(false) }
      }
      let optimizer = try tensorOperation { try AdamW(parameters: policy.parameters) }
      _ = try tensorOperation { try RunCheckpoint.restore(optimizer, from: directory) }
      if let text = run.extra["random_generator"], let state = try? JSONDecoder().decode(RandomGenerator.State.self, from: Data(text.utf8)) {
        args.interpreter[RandomGeneratorKey.self] = RandomGenerator(state: state)
      }
      var state = Value.record(Record([("step", .number(Double(run.step))), ("epoch", .number(Double(run.epoch)))]))
      if let text = run.extra["state"] {
        do { state = try JSON.parse(text) } catch { throw LangError.message("resume: \(directory)/state.json: the saved loop state is not valid JSON") }
      }
      let model = ModelObject(policy)
      return .record(Record([("policy", .native(model)), ("optimizer", .native(OptimizerObject(optimizer, model: model))), ("state", state)]))
    },
  ]
}
