// Operators: arithmetic, comparison, membership, concatenation, and native-object dispatch.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Interpreter {
  /// Number-with-number operators not handled inline by `eval`.
  func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double, _ position: Position) throws(Unwind) -> Value {
    switch op {
    case .add: return .number(x + y)
    case .subtract: return .number(x - y)
    case .multiply: return .number(x * y)
    case .divide:
      if y == 0 { throw fail(.divisionByZero, position) }
      return .number(x / y)
    case .floorDivide:
      if y == 0 { throw fail(.divisionByZero, position) }
      return .number((x / y).rounded(.down))
    case .modulo:
      if y == 0 { throw fail(.divisionByZero, position) }
      return .number(Arithmetic.flooredModulo(x, y))
    case .power: return .number(pow(x, y))
    case .equal: return .bool(x == y)
    case .notEqual: return .bool(x != y)
    case .less: return .bool(x < y)
    case .lessEqual: return .bool(x <= y)
    case .greater: return .bool(x > y)
    case .greaterEqual: return .bool(x >= y)
    case .matrixMultiply, .contains:
      throw fail(.unsupportedOperands(op: op.symbol, lhs: "number", rhs: "number"), position)
    }
  }

  /// Any binary operator on any operands; natives are asked left first, then right.
  func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ position: Position) throws(Unwind) -> Value {
    if case .number(let x) = a, case .number(let y) = b { return try arithmetic(op, x, y, position) }
    if case .native = a, let result = try nativeBinary(op, a, b, position) { return result }
    if case .native = b, let result = try nativeBinary(op, a, b, position) { return result }
    switch op {
    case .equal: return .bool(a.isEqual(to: b))
    case .notEqual: return .bool(!a.isEqual(to: b))
    case .less, .lessEqual, .greater, .greaterEqual:
      guard let order = try compare(a, b, position) else { break }
      switch op {
      case .less: return .bool(order < 0)
      case .lessEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .contains:
      if let found = try contains(b, a, position) { return .bool(found) }
    case .add:
      switch (a, b) {
      case (.string(let s), .string(let t)):
        try checkStringSize(Double(s.utf8.count) + Double(t.utf8.count), position)
        return .string(s + t)
      case (.list(let l), .list(let m)):
        try checkCount(Double(l.items.count) + Double(m.items.count), what: "list", position)
        return .list(List(l.items + m.items))
      default: break
      }
    case .multiply:
      switch (a, b) {
      case (.string(let s), .number(let n)), (.number(let n), .string(let s)):
        let times = try repetitions(n, position)
        try checkStringSize(Double(s.utf8.count) * Double(times), position)
        return .string(s.isEmpty ? "" : String(repeating: s, count: times))
      case (.list(let l), .number(let n)), (.number(let n), .list(let l)):
        let times = l.items.isEmpty ? 0 : try repetitions(n, position)
        try checkCount(Double(l.items.count) * Double(times), what: "list", position)
        var items: [Value] = []
        items.reserveCapacity(l.items.count * times)
        for _ in 0..<times { items.append(contentsOf: l.items) }
        return .list(List(items))
      default: break
      }
    default: break
    }
    throw fail(.unsupportedOperands(op: op.symbol, lhs: a.typeName, rhs: b.typeName), position)
  }

  /// Applies a binary operator as the language does, for host code (`sum` of tensors).
  public func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(LangError) -> Value {
    do {
      return try binary(op, a, b, frames.last?.position ?? Position(line: 0, column: 0))
    } catch {
      throw publicError(error)
    }
  }

  private func nativeBinary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ position: Position) throws(Unwind) -> Value? {
    do throws(LangError) {
      // `x in t`: the container is on the right, so ask it first.
      if op == .contains, case .native(let container) = b {
        return try container.binary(op, a, isLeftOperand: false, interpreter: self)
      }
      if case .native(let lhs) = a, let result = try lhs.binary(op, b, isLeftOperand: true, interpreter: self) {
        return result
      }
      if case .native(let rhs) = b { return try rhs.binary(op, a, isLeftOperand: false, interpreter: self) }
      return nil
    } catch {
      throw placed(error, at: position)
    }
  }

  /// `-x`.
  func negate(_ value: Value, _ position: Position) throws(Unwind) -> Value {
    if case .number(let n) = value { return .number(-n) }
    if case .native(let native) = value {
      do throws(LangError) {
        if let result = try native.negate(interpreter: self) { return result }
      } catch {
        throw placed(error, at: position)
      }
    }
    throw fail(.unsupportedOperand(op: "-", operand: value.typeName), position)
  }

  /// Ordering of numbers, strings and lists; nil when the operands do not order.
  func compare(_ a: Value, _ b: Value, _ position: Position) throws(Unwind) -> Int? {
    Value.ordering(a, b)
  }

  /// `element in container`; nil when the container has no membership test.
  func contains(_ container: Value, _ element: Value, _ position: Position) throws(Unwind) -> Bool? {
    switch container {
    case .list(let list): return list.items.contains { $0.isEqual(to: element) }
    case .record(let record):
      guard case .string(let key) = element else { return false }
      return record[key] != nil
    case .string(let s):
      guard case .string(let t) = element else {
        throw fail(.unsupportedOperands(op: "in", lhs: element.typeName, rhs: "string"), position)
      }
      return t.isEmpty || s.contains(t)
    case .range(let range):
      guard case .number(let n) = element, let k = Int(exactly: n) else { return false }
      let offset = k - range.start
      guard offset % range.step == 0 else { return false }
      let index = offset / range.step
      return index >= 0 && index < range.count
    default: return nil
    }
  }

  private func repetitions(_ n: Double, _ position: Position) throws(Unwind) -> Int {
    guard n.isFinite, n == n.rounded() else {
      throw fail(.badIndex(type: "repetition count", expected: "an integer", got: Format.number(n)), position)
    }
    guard n > 0 else { return 0 }
    guard n < 1e18 else { throw fail(.allocationTooLarge(what: "repetition", count: n, limit: limits.maxCollectionCount), position) }
    return Int(n)
  }

  /// Raises `allocationTooLarge` when a collection would get more than the limit.
  func checkCount(_ count: Double, what: String, _ position: Position) throws(Unwind) {
    if count > Double(limits.maxCollectionCount) {
      throw fail(.allocationTooLarge(what: what, count: count, limit: limits.maxCollectionCount), position)
    }
  }

  func checkStringSize(_ bytes: Double, _ position: Position) throws(Unwind) {
    if bytes > Double(limits.maxStringBytes) {
      throw fail(.allocationTooLarge(what: "string", count: bytes, limit: limits.maxStringBytes), position)
    }
  }

  /// Checks a host allocation of `count` elements against the limits (for builtins such as
  /// materializing a range); throws `allocationTooLarge` naming the size.
  public func checkAllocation(count: Double, of what: String) throws(LangError) {
    if count > Double(limits.maxCollectionCount) || count.isNaN {
      throw .fault(.allocationTooLarge(what: what, count: count, limit: limits.maxCollectionCount))
    }
  }
}

extension Value {
  /// The order of two values: numbers, strings (by Unicode scalars) and lists
  /// (lexicographically); nil when they do not order (different types, records, ...).
  public static func ordering(_ a: Value, _ b: Value) -> Int? { ordering(a, b, depth: 0) }

  private static func ordering(_ a: Value, _ b: Value, depth: Int) -> Int? {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x < y ? -1 : x > y ? 1 : 0
    case (.string(let s), .string(let t)): return s < t ? -1 : s > t ? 1 : 0
    case (.list(let l), .list(let m)):
      guard depth < 100 else { return nil }
      for (x, y) in zip(l.items, m.items) {
        if x.isEqual(to: y) { continue }
        return ordering(x, y, depth: depth + 1)
      }
      return l.items.count < m.items.count ? -1 : l.items.count > m.items.count ? 1 : 0
    default: return nil
    }
  }
}

/// Number helpers shared by operators and builtins.
public enum Arithmetic {
  /// `x % y` with the sign of the divisor, as in Python (`-7 % 3 == 2`).
  public static func flooredModulo(_ x: Double, _ y: Double) -> Double {
    var r = x.truncatingRemainder(dividingBy: y)
    if r != 0 && (r < 0) != (y < 0) { r += y }
    return r
  }
}
