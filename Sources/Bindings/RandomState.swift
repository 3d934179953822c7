// The interpreter's random generator: one seeded Philox stream per interpreter, set by set_seed.

import Lang
import Tensor

/// Host state holding the interpreter's `RandomGenerator`, which every random builtin draws
/// from (`randn`, `rand`, `randint`, `randperm`, and sampling in other bindings).
///
/// *Choice:* an interpreter starts as if `set_seed(0)` had run, so a notebook that never
/// seeds still gives the same numbers on every run.
public enum RandomGeneratorKey: HostStateKey {
  /// Philox with seed 0.
  public static var defaultValue: RandomGenerator { RandomGenerator(seed: 0) }
}

extension Interpreter {
  /// Runs `body` with the interpreter's random generator and stores the advanced state, so
  /// the next draw continues the stream.
  ///
  /// ```swift
  /// let noise = try interpreter.withRandomGenerator { try Tensor.randn([4], generator: &$0) }
  /// ```
  public func withRandomGenerator<Result>(_ body: (inout RandomGenerator) throws -> Result) rethrows -> Result {
    var generator = self[RandomGeneratorKey.self]
    defer { self[RandomGeneratorKey.self] = generator }
    return try body(&generator)
  }
}

extension Library {
  /// `set_seed(n)`: restarts the interpreter's random stream.
  static let seedFunction = Builtin(
    "set_seed", signature: "set_seed(n)",
    doc: "Seeds the interpreter's random generator (Philox); the same seed gives the same numbers.\nEvery random builtin draws from it; interpreters start as if set_seed(0) had run."
  ) { args in
    let seed = try args.integer("n")
    guard seed >= 0 else { throw args.badArgument("n", expected: "non-negative integer", got: .number(Double(seed))) }
    args.interpreter[RandomGeneratorKey.self] = RandomGenerator(seed: UInt64(seed))
    return .nil
  }
}
