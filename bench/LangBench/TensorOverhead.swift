// The cost of calling a tensor operation from the language, against calling it from Swift.
//
// Each case runs the same operation N times from Swift and from a language loop, best of 5.
// The language figure has the bare loop subtracted (a loop that assigns an existing tensor),
// so "overhead" is what the binding adds: operator dispatch or method lookup, argument
// binding and checks, the interrupt poll, error conversion and wrapping the result.

import Bindings
import Foundation
import Lang
import Tensor

/// One tensor operation, written both ways.
struct TensorCase {
  var name: String
  /// Language statements defining `a` and `b`.
  var setup: String
  /// The expression the language loop evaluates.
  var expression: String
  /// The same operation in Swift, on the interpreter's `a` and `b`.
  var swift: (Tensor, Tensor) throws -> Tensor
  var iterations: Int
}

/// Runs the tensor cases and prints a Markdown table.
func runTensorOverhead(quick: Bool) throws {
  let scale = quick ? 10 : 1
  let cases = [
    TensorCase(name: "a + b, 4 elements", setup: "let a = ones([4])\nlet b = ones([4])", expression: "a + b",
               swift: { try $0 + $1 }, iterations: 200_000 / scale),
    TensorCase(name: "a * 2 (number operand), 4 elements", setup: "let a = ones([4])\nlet b = a", expression: "a * 2",
               swift: { a, _ in try a * 2 }, iterations: 200_000 / scale),
    TensorCase(name: "a.sum(axis: -1), [4, 4]", setup: "let a = ones([4, 4])\nlet b = a", expression: "a.sum(axis: -1)",
               swift: { a, _ in try a.sum(axis: -1) }, iterations: 200_000 / scale),
    TensorCase(name: "a[0, 1:3] (a view), [4, 4]", setup: "let a = ones([4, 4])\nlet b = a", expression: "a[0, 1:3]",
               swift: { a, _ in try a.indexed([.index(0), .slice(start: 1, end: 3, step: nil)]) }, iterations: 200_000 / scale),
    TensorCase(name: "a + b, 64 × 64", setup: "let a = ones([64, 64])\nlet b = ones([64, 64])", expression: "a + b",
               swift: { try $0 + $1 }, iterations: 50_000 / scale),
    TensorCase(name: "a @ b, 64 × 64", setup: "let a = ones([64, 64])\nlet b = ones([64, 64])", expression: "a @ b",
               swift: { try $0.matmul($1) }, iterations: 20_000 / scale),
    TensorCase(name: "a.softmax(), 256 × 256", setup: "let a = ones([256, 256])\nlet b = a", expression: "a.softmax()",
               swift: { a, _ in try a.softmax() }, iterations: 2_000 / scale),
  ]
  print("| operation | Swift (ns / op) | language (ns / op) | overhead (ns / op) |")
  print("|---|---:|---:|---:|")
  for benchmark in cases {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run(benchmark.setup, file: "bench.rlnb")
    guard let a = interpreter.global("a")?.tensorObject, let b = interpreter.global("b")?.tensorObject,
      case .float(let ta) = a.storage, case .float(let tb) = b.storage
    else { continue }
    let n = benchmark.iterations
    let swift = try best { for _ in 0..<n { _ = try benchmark.swift(ta, tb) } } / Double(n)
    try interpreter.run("fn run(n) { let c = a\nfor i in 0..n { c = \(benchmark.expression) }\nc }\nfn bare(n) { let c = a\nfor i in 0..n { c = a }\nc }", file: "bench.rlnb")
    let language = try best { try interpreter.run("run(\(n))", file: "bench.rlnb") } / Double(n)
    let loop = try best { try interpreter.run("bare(\(n))", file: "bench.rlnb") } / Double(n)
    print(String(format: "| %@ | %.0f | %.0f | %.0f |", benchmark.name, swift, language - loop, language - loop - swift))
  }
}

/// The best of five timings of `body`, in nanoseconds.
private func best(_ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  return best
}
