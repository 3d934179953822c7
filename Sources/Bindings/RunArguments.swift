// Reading the `runs` argument of the run builtins: a run value, a directory, or a list of them.

import Lang
import RL

/// Reads the `runs` argument of the dashboard builtins: a run, a directory, or a list of them.
struct RunArguments {
  let function: String
  let interpreter: Interpreter

  /// The runs' logs; run values as loaded, or read again from their directories.
  func histories(_ value: Value, rereading: Bool) throws(LangError) -> [RunHistory] {
    let items: [Value]
    if case .list(let list) = value { items = list.items } else { items = [value] }
    guard !items.isEmpty else { throw LangError.message("\(function): no runs given") }
    var histories: [RunHistory] = []
    for item in items {
      switch item {
      case .string(let directory): histories.append(try RunObject.read(interpreter.resolvingPath(directory), function: function))
      case .native(let run as RunObject):
        histories.append(rereading ? try RunObject.read(run.history.directory, function: function) : run.history)
      default:
        throw LangError.fault(.badArgument(function: function, parameter: "runs", expected: "run, run directory or list of them",
                                           got: item.typeName))
      }
    }
    return histories
  }
}
