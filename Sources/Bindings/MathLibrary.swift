// Math builtins: abs min max sum round floor ceil sqrt exp log.

import Foundation
import Lang

extension Library {
  /// abs, min, max, sum, round, floor, ceil, sqrt, exp, log.
  public static let math = Library("math", functions: [
    unary("abs", "The absolute value of x.") { abs($0) },
    Builtin("min", signature: "min(values...)", doc: "The smallest of the arguments, or of one list argument.") { args in
      try extreme(args, "min") { $0 < 0 }
    },
    Builtin("max", signature: "max(values...)", doc: "The largest of the arguments, or of one list argument.") { args in
      try extreme(args, "max") { $0 > 0 }
    },
    Builtin("sum", signature: "sum(xs, start = 0)", doc: "start plus every element of xs (numbers, or anything with '+').") { args in
      var total = try args.value("start")
      for item in try args.sequence("xs") { total = try args.interpreter.apply(.add, total, item) }
      return total
    },
    Builtin("round", signature: "round(x, digits = 0)",
            doc: "x rounded to `digits` decimals, halves to even as in Python (round(2.5) == 2).") { args in
      let x = try args.number("x")
      let digits = max(-400, min(400, try args.integer("digits")))
      guard digits != 0 else { return .number(x.rounded(.toNearestOrEven)) }
      guard x.isFinite else { return .number(x) }
      if digits > 0 {
        // printf rounds the exact binary value, as Python does: round(2.675, 2) == 2.67.
        return .number(Double(String(format: "%.\(min(digits, 300))f", x)) ?? x)
      }
      let scale = pow(10, Double(min(-digits, 308)))
      return .number((x / scale).rounded(.toNearestOrEven) * scale)
    },
    unary("floor", "The largest integer not above x.") { $0.rounded(.down) },
    unary("ceil", "The smallest integer not below x.") { $0.rounded(.up) },
    unary("sqrt", "The square root of x (nan for negative x, as in IEEE arithmetic).") { $0.squareRoot() },
    unary("exp", "e raised to x.") { Foundation.exp($0) },
    Builtin("log", signature: "log(x, base = nil)", doc: "The natural logarithm of x, or the logarithm in `base`.") { args in
      let x = try args.number("x")
      guard let base = try args.optionalNumber("base") else { return .number(Foundation.log(x)) }
      return .number(Foundation.log(x) / Foundation.log(base))
    },
  ])

  private static func unary(_ name: String, _ doc: String, _ f: @escaping @Sendable (Double) -> Double) -> Builtin {
    Builtin(name, signature: "\(name)(x)", doc: doc) { args in .number(f(try args.number("x"))) }
  }

  /// min/max over the arguments, or over the single list argument.
  private static func extreme(_ args: Arguments, _ name: String, better: (Int) -> Bool) throws(LangError) -> Value {
    var candidates = args.rest
    if candidates.count == 1, let items = try args.interpreter.elements(of: candidates[0]), !(candidates[0].isString) {
      candidates = items
    }
    guard var best = candidates.first else { throw LangError.message("\(name) of an empty list") }
    for candidate in candidates.dropFirst() {
      guard let order = Value.ordering(candidate, best) else {
        throw LangError.message("\(name) cannot compare \(candidate.typeName) with \(best.typeName)")
      }
      if better(order) { best = candidate }
    }
    return best
  }
}

extension Value {
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}
