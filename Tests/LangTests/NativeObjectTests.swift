// The native-object protocol, exercised hook by hook through the test-only Vector type.

import Lang
import Testing

struct NativeObjectTests {
  /// (program, expected output) pairs; each line of output is one `print`.
  static let cases: [(String, String)] = [
    ("print(vec(1, 2, 3))", "vector([1, 2, 3])"),
    ("print([vec(1), {v: vec(2)}])", "[vector([1]), {v: vector([2])}]"),
    ("print(type(vec(1)))", "vector"),
    ("print(vec(1, 2) + 1, 1 - vec(1, 2), vec(1, 2) * vec(3, 4))", "vector([2, 3]) vector([0, -1]) vector([3, 8])"),
    ("print(vec(1, 2) @ vec(3, 4), 2 ** vec(1, 2), vec(7, -7) // 2, vec(7, -7) % 3)", "11 vector([2, 4]) vector([3, -4]) vector([1, 2])"),
    ("print(vec(1, 2) == vec(1, 3), vec(1, 2) < 2, 2 < vec(1, 3))", "vector([1, 0]) vector([1, 0]) vector([0, 1])"),
    ("print(-vec(1, -2), 2 in vec(1, 2), 5 in vec(1, 2))", "vector([-1, 2]) true false"),
    ("print(if vec(1) { \"yes\" } else { \"no\" }, not vec(0))", "yes true"),
    ("let v = vec(1, 2, 3, 4)\nprint(v[0], v[-1], v[1:3], v[::2], v[::-1], v[nil])",
     "1 4 vector([2, 3]) vector([1, 3]) vector([4, 3, 2, 1]) [vector([1, 2, 3, 4])]"),
    ("let v = vec(0, 0, 0, 0)\nv[0] = 5\nv[1:3] = 7\nv[-1] += 1\nprint(v)", "vector([5, 7, 7, 1])"),
    ("let v = vec(0, 0, 0)\nv[:2] = vec(8, 9)\nprint(v)", "vector([8, 9, 0])"),
    ("let v = vec(1, 2)\nprint(v.shape, v.requires_grad)\nv.requires_grad = true\nprint(v.requires_grad)", "[2] false\ntrue"),
    ("let v = vec(1, 2, 3)\nprint(v.sum(), v.sum(axis: -1), v.scale(2), v.scale(by: 2, shift: 1), v.tolist())",
     "6 6 vector([2, 4, 6]) vector([3, 5, 7]) [1, 2, 3]"),
    ("let f = vec(1, 2).scale\nprint(f(10))", "vector([10, 20])"),
    ("print(len(vec(1, 2, 3)))", "3"),
    ("for x in vec(4, 5) { print(x) }", "4\n5"),
    ("print([vec(1, 2)] == [vec(1, 2)], vec(1) == vec(1))", "true vector([1])"),
    ("print(sum([vec(1, 2), vec(3, 4)]), [vec(1), vec(2)].sum(vec(10)))", "vector([4, 6]) vector([13])"),
    ("help(vec(1).scale)", "vector.scale(by, shift = 0)\nEach element times by, plus shift."),
    ("help(vec(1))",
     "vector\nA 1-D vector of numbers (test type).\nfields: requires_grad, shape\nmethods:\n  vector.scale(by, shift = 0) — Each element times by, plus shift.\n  vector.sum(axis = nil) — The sum of the elements.\n  vector.tolist() — The elements as a list."),
  ]

  @Test(arguments: cases)
  func hook(_ source: String, _ expected: String) throws {
    let result = try run(source)
    #expect(result.error == nil, "\(result.rendered)")
    #expect(result.output == expected + "\n")
  }

  /// (program, message of the error it raises) pairs for every refusing hook.
  static let errors: [(String, String)] = [
    ("if vec(1, 2) { 1 }", "the truth value of a vector with 2 elements is ambiguous"),
    ("vec(1, 2) + vec(1)", "size mismatch, lhs: [2], rhs: [1]"),
    ("vec(1) + \"s\"", "unsupported operands for '+': vector and string"),
    ("\"s\" * vec(1)", "unsupported operands for '*': string and vector"),
    ("vec(1)[0, 1]", "too many indices for a vector: 2"),
    ("vec(1)[\"a\"]", "vector index must be a number, got string"),
    ("vec(1).shape = [2]", "cannot set field 'shape' of a vector"),
    ("vec(1).requires_grad = 1", "requires_grad must be a bool, got number"),
    ("vec(1).nope", "no field 'nope' in vector"),
    ("vec(1).nope()", "no method 'nope' on vector"),
    ("vec(1).sum(axis: 3)", "axis 3 out of range for a 1-D vector"),
    ("vec(1).scale()", "missing argument 'by' to scale"),
    ("vec(1).scale(2, bye: 1)", "unknown label 'bye' in call to scale; did you mean 'by'?"),
    ("vec(\"a\")", "bad argument 'values' to vec (number expected, got string)"),
  ]

  @Test(arguments: errors)
  func refusal(_ source: String, _ message: String) throws {
    let result = try run(source)
    #expect(result.error?.message == message)
    #expect(result.rendered.hasPrefix("test.rlnb:1:"), "\(result.rendered)")
  }

  @Test func memberNamesListFieldsThenMethods() {
    #expect(Vector([1]).memberNames == ["requires_grad", "shape", "scale", "sum", "tolist"])
  }
}

/// Records what the interpreter passes to the subscript hooks, to check multi-component indices.
final class Probe: NativeObject {
  var log: [String] = []
  var typeName: String { "probe" }

  static func describe(_ components: [IndexComponent]) -> String {
    components.map { component in
      switch component {
      case .value(let value): value.repr
      case .slice(let start, let end, let step):
        [start, end, step].map { $0.map(String.init) ?? "_" }.joined(separator: ":")
      }
    }.joined(separator: ", ")
  }

  func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    .string(Probe.describe(components))
  }

  func subscriptSet(_ components: [IndexComponent], to value: Value, interpreter: Interpreter) throws(LangError) {
    log.append("\(Probe.describe(components)) = \(value.repr)")
  }

  func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    name == "log" ? .list(List(log.map { .string($0) })) : nil
  }
}

struct IndexComponentTests {
  @Test func componentsArriveInOrderWithOmittedPartsAsNil() throws {
    let result = try run("""
      let t = probe()
      print(t[0, 1:3, nil, ::2, -1:, :, "k"])
      t[0, 1:3] = 5
      t[:, -1] += "!"
      print(t.log)
      """, configure: { interpreter in
        interpreter.define(Builtin("probe", signature: "probe()", doc: "A probe.") { _ in .native(Probe()) })
      })
    #expect(result.output == """
      0, 1:3:_, nil, _:_:2, -1:_:_, _:_:_, "k"
      ["0, 1:3:_ = 5", "_:_:_, -1 = \\"_:_:_, -1!\\""]

      """, "\(result.rendered)")
  }
}
