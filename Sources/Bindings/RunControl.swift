// Controlling long runs from the language: finishing a step before honouring Ctrl-C, and seeds
// derived from a run's seed and step.

import Lang
import Tensor

/// Ctrl-C deferred while `uninterrupted(fn)` runs: the interrupt is remembered and delivered
/// afterwards — to `interrupt_requested()` if the program asks, else at the next statement.
final class InterruptDeferral {
  var depth = 0
  var pending = false
  /// The host's interrupt check, replaced while a deferral is active or pending.
  var original: (() -> Bool)?

  /// The check installed on the interpreter while deferring.
  func poll(_ interpreter: Interpreter) -> Bool {
    if depth > 0 {
      if original?() == true { pending = true }
      return false
    }
    if pending {
      release(interpreter)
      return true
    }
    return original?() ?? false
  }

  /// Clears a pending interrupt and gives the host its check back.
  func release(_ interpreter: Interpreter) {
    pending = false
    interpreter.interruptCheck = original
    original = nil
  }
}

/// The interpreter's `InterruptDeferral`.
enum InterruptDeferralKey: HostStateKey {
  static var defaultValue: InterruptDeferral? { nil }
}

/// `uninterrupted`, `interrupt_requested`, `derive_seed`.
enum RunControl {
  static func deferral(_ interpreter: Interpreter) -> InterruptDeferral {
    if let existing = interpreter[InterruptDeferralKey.self] { return existing }
    let made = InterruptDeferral()
    interpreter[InterruptDeferralKey.self] = made
    return made
  }

  static let functions: [Builtin] = [
    Builtin("uninterrupted", signature: "uninterrupted(fn)",
            doc: "Calls fn() to the end even if Ctrl-C is pressed meanwhile; the Ctrl-C is kept for interrupt_requested() (or stops the\nprogram at its next statement). Training loops wrap each step in it, so Ctrl-C stops cleanly after the current step.") { args in
      let function = try args.function("fn")
      let interpreter = args.interpreter
      let control = deferral(interpreter)
      if control.depth == 0 && !control.pending {
        control.original = interpreter.interruptCheck
        interpreter.interruptCheck = { [unowned interpreter, control] in control.poll(interpreter) }
      }
      control.depth += 1
      defer {
        control.depth -= 1
        if control.depth == 0 && !control.pending { control.release(interpreter) }
      }
      return try interpreter.call(function, [])
    },
    Builtin("interrupt_requested", signature: "interrupt_requested()",
            doc: "Whether Ctrl-C was pressed during an uninterrupted(fn) call (or just now); clears it. Check it between steps to stop cleanly.") { args in
      let control = deferral(args.interpreter)
      if control.pending {
        control.release(args.interpreter)
        return .bool(true)
      }
      guard control.depth == 0 else { return .bool(false) }
      return .bool(args.interpreter.interruptCheck?() ?? false)
    },
    Builtin("derive_seed", signature: "derive_seed(seed, stream, index = 0)",
            doc: "A seed derived from (seed, stream): the index-th 53-bit draw of Philox stream `stream` under `seed`. Loops derive each\nstep's sampling and shuffling seeds with it, so a run depends only on its seed and resumes exactly.") { args in
      let seed = try args.integer("seed"), stream = try args.integer("stream"), index = try args.integer("index")
      guard seed >= 0, stream >= 0, index >= 0, index < 1 << 20 else { throw LangError.message("derive_seed: seed, stream and index must be ≥ 0 (index < 2^20)") }
      var generator = RandomGenerator(seed: UInt64(seed), stream: UInt64(stream))
      var value: UInt64 = 0
      for _ in 0...index { value = generator.nextUInt64() >> 11 }
      return .number(Double(value))
    },
  ]
}
