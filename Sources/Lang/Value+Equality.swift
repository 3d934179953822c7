// Structural equality: lists and records compare by content, functions and objects by identity.

extension Value: Equatable {
  /// Structural equality, as `==` on values without a native `==`.
  public static func == (a: Value, b: Value) -> Bool { a.isEqual(to: b) }

  /// Structural equality: numbers by value, lists element-wise, records by key set and
  /// values (order-insensitive), ranges by elements; functions, modules and native objects by
  /// identity unless the native type says otherwise. Values of different types are unequal.
  /// Cyclic structures compare by identity once the depth passes 100.
  public func isEqual(to other: Value) -> Bool { isEqual(to: other, depth: 0) }

  private func isEqual(to other: Value, depth: Int) -> Bool {
    switch (self, other) {
    case (.nil, .nil): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)):
      if a === b { return true }
      guard a.items.count == b.items.count, depth < 100 else { return false }
      return zip(a.items, b.items).allSatisfy { $0.isEqual(to: $1, depth: depth + 1) }
    case (.record(let a), .record(let b)):
      if a === b { return true }
      guard a.count == b.count, depth < 100 else { return false }
      return a.keys.allSatisfy { key in
        guard let x = a[key], let y = b[key] else { return false }
        return x.isEqual(to: y, depth: depth + 1)
      }
    case (.range(let a), .range(let b)):
      let n = a.count
      return n == b.count && (n == 0 || (a.start == b.start && (n == 1 || a.step == b.step)))
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)):
      return a === b || (a.name == b.name && a.receiver == nil && b.receiver == nil)
    case (.module(let a), .module(let b)): return a === b
    case (.native(let a), .native(let b)): return a.isEqual(to: b)
    default: return false
    }
  }
}
