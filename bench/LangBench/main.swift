// Micro-benchmark of the tree-walker: cost per loop iteration and per node for scalar code.
//
// Run with `swift run -c release LangBench` (add `--quick` for a short run). Each case runs a
// loop of N iterations in the language, best of 5, and reports ns per iteration and ns per
// node, where "nodes" counts the tree nodes one iteration evaluates (written beside each case).
// Then it measures tensor operations called from the language against calling them from
// Swift (`TensorOverhead.swift`; `--tensors` runs only those).

import Bindings
import Foundation
import Lang

/// One benchmark: setup code, the timed loop, its iteration count and nodes per iteration.
struct Case {
  var name: String
  var setup: String
  var loop: String
  var iterations: Int
  /// Nodes evaluated per iteration, counted by hand from the tree (loop bookkeeping included).
  var nodes: Int
}

let quick = CommandLine.arguments.contains("--quick")
let n = quick ? 200_000 : 2_000_000

let cases = [
  // while: cond(<, read, const) + block: assign(+, read, const) x2 => 3 + 4 + 4 = 11
  Case(name: "while loop, globals: x = x + 1", setup: "let x = 0\nlet i = 0",
       loop: "while i < \(n) { x = x + 1\n i = i + 1 }", iterations: n, nodes: 11),
  Case(name: "while loop, locals in a function", setup: "fn f(n) { let x = 0\nlet i = 0\nwhile i < n { x = x + 1\n i = i + 1 }\nx }",
       loop: "f(\(n))", iterations: n, nodes: 11),
  // for: bind + assign(+, read, *(read, const)) => 1 + 6 = 7
  Case(name: "for over a range: x = x + i * 2", setup: "fn f(n) { let x = 0\nfor i in 0..n { x = x + i * 2 }\nx }",
       loop: "f(\(n))", iterations: n, nodes: 7),
  // call: assign(+, read, call(read, read, const)) + callee body +(read, read) => 6 + 3 = 9
  Case(name: "user function call: x = x + add(i, 1)", setup: "fn add(a, b) { a + b }\nfn f(n) { let x = 0\nfor i in 0..n { x = x + add(i, 1) }\nx }",
       loop: "f(\(n))", iterations: n, nodes: 10),
  // closure upvalue: call(read) + body: update(+, upvalue, const), read upvalue => 2 + 5 = 7
  Case(name: "closure call with captured counter", setup: "fn counter() { let c = 0\n() => { c += 1\nc } }\nfn f(n) { let next = counter()\nfor i in 0..n { next() }\n0 }",
       loop: "f(\(n))", iterations: n, nodes: 7),
  // list index: assign(+, read, index(read, %(read, const))) => 1 + 7 = 8
  Case(name: "list indexing: x = x + xs[i % 10]", setup: "let xs = list(0..10)\nfn f(n) { let x = 0\nfor i in 0..n { x = x + xs[i % 10] }\nx }",
       loop: "f(\(n))", iterations: n, nodes: 8),
  // builtin call: assign(+, read, call(global, read)) => 1 + 5 = 6
  Case(name: "builtin call: x = x + abs(i)", setup: "fn f(n) { let x = 0\nfor i in 0..n { x = x + abs(i) }\nx }",
       loop: "f(\(n))", iterations: n, nodes: 6),
  // fib: per call if(<, read, const), +(call(-), call(-)) ... about 12 nodes per call
  Case(name: "recursive fib(25): per call", setup: "fn fib(k) { if k < 2 { k } else { fib(k - 1) + fib(k - 2) } }",
       loop: "fib(25)", iterations: 242_785, nodes: 12),
]

func measure(_ benchmark: Case) throws -> Double {
  let interpreter = try Startup.makeInterpreter()
  try interpreter.run(benchmark.setup, file: "bench.rlnb")
  var best = Double.infinity
  for _ in 0..<5 {
    try interpreter.run("x = 0\ni = 0", file: "reset.rlnb")
    let start = DispatchTime.now().uptimeNanoseconds
    try interpreter.run(benchmark.loop, file: "bench.rlnb")
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
    best = min(best, elapsed / Double(benchmark.iterations))
  }
  return best
}

if !CommandLine.arguments.contains("--tensors") {
  print("| case | ns / iteration | nodes / iteration | ns / node |")
  print("|---|---:|---:|---:|")
  for benchmark in cases {
    do {
      let perIteration = try measure(benchmark)
      print(String(format: "| %@ | %.1f | %d | %.1f |", benchmark.name, perIteration, benchmark.nodes,
                   perIteration / Double(benchmark.nodes)))
    } catch let error as LangError {
      print("| \(benchmark.name) | failed: \(error.message) | | |")
    }
  }
}

print()
do {
  try runTensorOverhead(quick: quick)
} catch {
  print("tensor benchmark failed: \(error)")
}
