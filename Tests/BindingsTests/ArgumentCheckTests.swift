// Builtins reject bad arguments with one uniform message naming the function and the argument.

import Bindings
import Lang
import Testing

struct ArgumentCheckTests {
  @Test(arguments: [
    ("sqrt(\"4\")", "bad argument 'x' to sqrt (number expected, got string)"),
    ("round(1.5, digits: 0.5)", "bad argument 'digits' to round (integer expected, got 0.5)"),
    ("[1].map(\"f\")", "bad argument 'fn' to map (function expected, got string)"),
    ("\"a,b\".split(1)", "bad argument 'sep' to split (string expected, got number)"),
    ("[1].sorted(reverse: 1)", "bad argument 'reverse' to sorted (bool expected, got number)"),
    ("list(5)", "bad argument 'x' to list (list expected, got number)"),
    ("({a: 1}).get(1)", "bad argument 'key' to get (string expected, got number)"),
    ("print(1, ends: \"\")", "unknown label 'ends' in call to print; did you mean 'end'?"),
    ("range(0, 10, 0)", "range step cannot be zero"),
    ("[1].reduce(x => x)", "missing argument 'initial' to reduce"),
    ("abs(1, x: 2)", "argument 'x' to abs given twice"),
    ("max()", "max of an empty list"),
    ("min(1, \"a\")", "min cannot compare string with number"),
    ("\"x\".replace(\"\", \"y\")", "replace needs a non-empty 'old'"),
  ])
  func uniformMessages(_ source: String, _ message: String) throws {
    #expect(try evaluate(source).error == message)
  }

  @Test func customBuiltinsUseTheSameCheckers() throws {
    let interpreter = try Startup.makeInterpreter()
    let library = Library("demo", functions: [
      Builtin("rollout", signature: "rollout(policy, batch, n = 4, temperature = 1.0)", doc: "Samples n responses.") { args in
        .number(try args.number("n") * (try args.number("temperature")))
      },
    ])
    library.open(in: interpreter)
    #expect(try interpreter.run("rollout(1, 2, n: 8, temperature: 0.5)") == .number(4))
    #expect(try interpreter.run("rollout(1, 2)") == .number(4))
    var messages: [String] = []
    for source in ["rollout(1, 2, n: \"8\")", "rollout(1)", "rollout(1, 2, tempreature: 1)", "rollout(1, 2, 3, 4, 5)"] {
      do {
        try interpreter.run(source)
        messages.append("no error")
      } catch {
        messages.append(error.message)
      }
    }
    #expect(messages == [
      "bad argument 'n' to rollout (number expected, got string)",
      "missing argument 'batch' to rollout",
      "unknown label 'tempreature' in call to rollout; did you mean 'temperature'?",
      "too many arguments to rollout (takes 4, got 5)",
    ])
  }

  @Test func signaturesDeclareParameters() {
    let builtin = Builtin("f", signature: "f(a, b = 2, c = \"x, y\", d = -1.5, e = nil, rest..., sep = true)", doc: "") { _ in .nil }
    #expect(builtin.parameters.map(\.name) == ["a", "b", "c", "d", "e", "rest", "sep"])
    #expect(builtin.parameters.map(\.defaultValue) == [nil, .number(2), .string("x, y"), .number(-1.5), .nil, nil, .bool(true)])
    #expect(builtin.parameters.map(\.isVariadic) == [false, false, false, false, false, true, false])
  }
}
