// Values of the language: scalars, shared containers, functions, modules and native objects.

/// A value of the language.
///
/// Lists and records are reference types shared by reference, like Python's; numbers, strings
/// and ranges are values. Values belong to one interpreter and are not thread-safe.
public enum Value {
  case `nil`
  case bool(Bool)
  /// The one number type.
  case number(Double)
  case string(String)
  case list(List)
  case record(Record)
  indirect case range(RangeValue)
  /// A function or lambda written in the language, with its captured variables.
  case function(Function)
  /// A function supplied by the host (`print`, `len`, a tensor method bound to its tensor).
  case builtin(Builtin)
  case module(Module)
  /// A host object the language knows only through `NativeObject`.
  case native(any NativeObject)
}

// Values never cross threads inside the interpreter; errors that carry them must be Sendable.
extension Value: @unchecked Sendable {}

extension Value {
  /// The type name shown by `type()` and in messages: `number`, `list`, a native type's name.
  public var typeName: String {
    switch self {
    case .nil: "nil"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .list: "list"
    case .record: "record"
    case .range: "range"
    case .function, .builtin: "function"
    case .module: "module"
    case .native(let object): object.typeName
    }
  }

  /// The built-in kind, whose methods the host registers (nil for native objects).
  public var kind: ValueKind? {
    switch self {
    case .nil: .nil
    case .bool: .bool
    case .number: .number
    case .string: .string
    case .list: .list
    case .record: .record
    case .range: .range
    case .function, .builtin: .function
    case .module: .module
    case .native: nil
    }
  }

  /// Truthiness: `nil`, `false`, `0`, `""`, `[]`, `{}` and empty ranges are false; a native
  /// object decides for itself (a tensor must have one element).
  public func isTruthy() throws(LangError) -> Bool {
    switch self {
    case .nil: return false
    case .bool(let b): return b
    case .number(let n): return n != 0
    case .string(let s): return !s.isEmpty
    case .list(let l): return !l.items.isEmpty
    case .record(let r): return r.count != 0
    case .range(let r): return r.count != 0
    case .function, .builtin, .module: return true
    case .native(let object): return try object.truthiness()
    }
  }
}

/// The kinds of built-in value, used to register their methods.
public enum ValueKind: String, Sendable, CaseIterable {
  case `nil`, bool, number, string, list, record, range, function, module
}

/// A mutable list, shared by reference.
public final class List {
  /// The elements.
  public var items: [Value]

  /// Creates a list holding `items`.
  public init(_ items: [Value] = []) { self.items = items }

  // Release nested containers iteratively: a list nested a million deep must not overflow
  // the stack when it is freed.
  deinit { Teardown.release(&items) }
}

/// A record: string keys in insertion order, shared by reference.
public final class Record {
  /// The keys, in insertion order.
  public private(set) var keys: [String] = []
  /// The values, parallel to `keys`.
  public private(set) var values: [Value] = []
  private var positions: [String: Int] = [:]

  /// Creates an empty record.
  public init() {}

  /// Creates a record from ordered pairs; a repeated key keeps its first position, last value.
  public init(_ pairs: [(String, Value)]) {
    for (key, value) in pairs { self[key] = value }
  }

  /// The number of fields.
  public var count: Int { keys.count }

  /// Reads or writes a field; writing a new key appends it, writing nil is not removal.
  public subscript(key: String) -> Value? {
    get { positions[key].map { values[$0] } }
    set {
      guard let newValue else { return }
      if let position = positions[key] {
        values[position] = newValue
      } else {
        positions[key] = keys.count
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  /// Removes a field and returns its value, keeping the others in order.
  @discardableResult
  public func removeValue(forKey key: String) -> Value? {
    guard let position = positions.removeValue(forKey: key) else { return nil }
    keys.remove(at: position)
    let value = values.remove(at: position)
    for index in position..<keys.count { positions[keys[index]] = index }
    return value
  }

  deinit { Teardown.release(&values) }
}

/// An integer range `start..end` or `start..=end`, or `range(start, end, step)`.
public struct RangeValue: Sendable, Equatable {
  /// The first element.
  public var start: Int
  /// The bound as written.
  public var end: Int
  /// The distance between elements; never 0.
  public var step: Int
  /// Whether `end` itself is included (`..=`).
  public var inclusive: Bool

  /// Creates a range; `step` must not be 0.
  public init(start: Int, end: Int, step: Int = 1, inclusive: Bool = false) {
    self.start = start
    self.end = end
    self.step = step == 0 ? 1 : step
    self.inclusive = inclusive
  }

  /// The number of elements.
  public var count: Int {
    // Int128 so that ranges spanning most of Int neither overflow nor trap.
    let last = Int128(end) + (inclusive ? (step > 0 ? 1 : -1) : 0)
    let first = Int128(start), stride = Int128(step)
    let count: Int128
    if step > 0 {
      count = last > first ? (last - first + stride - 1) / stride : 0
    } else {
      count = first > last ? (first - last - stride - 1) / -stride : 0
    }
    return Int(clamping: count)
  }

  /// The element at `offset` (0-based, unchecked).
  public func element(at offset: Int) -> Int { start &+ offset &* step }
}

/// Frees nested lists and records without recursion.
enum Teardown {
  static func release(_ items: inout [Value]) {
    guard items.contains(where: { $0.isContainer }) else { return }
    var pending = items
    items = []
    while !pending.isEmpty {
      var value = pending.removeLast()
      if var list = takeList(&value) {
        if isKnownUniquelyReferenced(&list) {
          pending.append(contentsOf: list.items)
          list.items = []
        }
      } else if var record = takeRecord(&value) {
        if isKnownUniquelyReferenced(&record) { pending.append(contentsOf: record.drainValues()) }
      } else if var function = takeFunction(&value) {
        if isKnownUniquelyReferenced(&function) { drain(&function.captures, into: &pending) }
      }
    }
  }

  /// Frees a closure's captures without recursion.
  static func release(captures: inout [Cell]) {
    guard captures.contains(where: { $0.value.isContainer }) else { return }
    var pending: [Value] = []
    drain(&captures, into: &pending)
    release(&pending)
  }

  /// Moves the values out of uniquely held cells, so freeing the cells does not recurse.
  private static func drain(_ captures: inout [Cell], into pending: inout [Value]) {
    var cells = captures
    captures = []
    while !cells.isEmpty {
      var cell = cells.removeLast()
      if isKnownUniquelyReferenced(&cell) {
        pending.append(cell.value)
        cell.value = .nil
      }
    }
  }

  private static func takeFunction(_ value: inout Value) -> Function? {
    guard case .function(let function) = value else { return nil }
    value = .nil
    return function
  }

  /// Moves a list out of `value`, leaving nil, so the caller holds the only local reference.
  private static func takeList(_ value: inout Value) -> List? {
    guard case .list(let list) = value else { return nil }
    value = .nil
    return list
  }

  private static func takeRecord(_ value: inout Value) -> Record? {
    guard case .record(let record) = value else { return nil }
    value = .nil
    return record
  }
}

extension Value {
  var isContainer: Bool {
    switch self {
    case .list, .record, .function: true
    default: false
    }
  }
}

extension Record {
  /// Empties the record, returning its values (for iterative teardown).
  fileprivate func drainValues() -> [Value] {
    let drained = values
    values = []
    keys = []
    positions = [:]
    return drained
  }
}
