// Helpers shared by the Lang tests: run source text and capture output or the rendered error.

import Bindings
import Lang

/// The result of running a snippet.
struct Run {
  var output: String
  var value: Value?
  var error: LangError?
  var rendered: String
}

/// Runs `source` in a fresh interpreter with the core libraries, the prelude and `vec`.
func run(_ source: String, file: String = "test.rlnb", configure: (Interpreter) -> Void = { _ in }) throws -> Run {
  let interpreter = try Startup.makeInterpreter()
  interpreter.define(Vector.constructor)
  interpreter.limits.maxSteps = 1_000_000
  var output = ""
  interpreter.output = { output += $0 }
  configure(interpreter)
  do {
    let value = try interpreter.run(source, file: file)
    return Run(output: output, value: value, error: nil, rendered: "")
  } catch {
    return Run(output: output, value: nil, error: error, rendered: interpreter.render(error))
  }
}
