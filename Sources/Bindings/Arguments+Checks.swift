// Argument checkers for builtins, modelled on luaL_checknumber and friends.

import Lang

extension Arguments {
  /// The error `bad argument 'name' to f (expected expected, got type)`.
  public func badArgument(_ name: String, expected: String, got value: Value?) -> LangError {
    .fault(.badArgument(function: functionName, parameter: name, expected: expected,
                        got: value.map(\.typeName) ?? "no value"))
  }

  /// The argument `name`; an error if it was not given and has no default.
  public func value(_ name: String) throws(LangError) -> Value {
    guard let value = self[name] else { throw LangError.fault(.missingArgument(function: functionName, parameter: name)) }
    return value
  }

  /// A number argument.
  public func number(_ name: String) throws(LangError) -> Double {
    let value = try value(name)
    guard case .number(let n) = value else { throw badArgument(name, expected: "number", got: value) }
    return n
  }

  /// A number argument, or nil when it is nil or absent.
  public func optionalNumber(_ name: String) throws(LangError) -> Double? { try optional(name, number) }

  /// An integral number argument.
  public func integer(_ name: String) throws(LangError) -> Int {
    let n = try number(name)
    guard let int = Int(exactly: n) else {
      throw LangError.fault(.badArgument(function: functionName, parameter: name, expected: "integer", got: Format.number(n)))
    }
    return int
  }

  /// An integral number argument, or nil when it is nil or absent.
  public func optionalInteger(_ name: String) throws(LangError) -> Int? { try optional(name, integer) }

  /// A string argument.
  public func string(_ name: String) throws(LangError) -> String {
    let value = try value(name)
    guard case .string(let s) = value else { throw badArgument(name, expected: "string", got: value) }
    return s
  }

  /// A string argument, or nil when it is nil or absent.
  public func optionalString(_ name: String) throws(LangError) -> String? { try optional(name, string) }

  /// A boolean argument.
  public func bool(_ name: String) throws(LangError) -> Bool {
    let value = try value(name)
    guard case .bool(let b) = value else { throw badArgument(name, expected: "bool", got: value) }
    return b
  }

  /// A list argument.
  public func list(_ name: String) throws(LangError) -> List {
    let value = try value(name)
    guard case .list(let list) = value else { throw badArgument(name, expected: "list", got: value) }
    return list
  }

  /// A list argument, or nil when it is nil or absent.
  public func optionalList(_ name: String) throws(LangError) -> List? { try optional(name, list) }

  /// A record argument.
  public func record(_ name: String) throws(LangError) -> Record {
    let value = try value(name)
    guard case .record(let record) = value else { throw badArgument(name, expected: "record", got: value) }
    return record
  }

  /// A function argument (user function or builtin).
  public func function(_ name: String) throws(LangError) -> Value {
    let value = try value(name)
    switch value {
    case .function, .builtin: return value
    default: throw badArgument(name, expected: "function", got: value)
    }
  }

  /// A function argument, or nil when it is nil or absent.
  public func optionalFunction(_ name: String) throws(LangError) -> Value? { try optional(name, function) }

  /// The elements of a sequence argument: a list, a range (materialized within the
  /// allocation limit), or a string's characters.
  public func sequence(_ name: String) throws(LangError) -> [Value] {
    let value = try value(name)
    guard let items = try interpreter.elements(of: value) else {
      throw badArgument(name, expected: "list", got: value)
    }
    return items
  }

  /// Reads `name` with `read` unless it is nil or absent.
  private func optional<T>(_ name: String, _ read: (String) throws(LangError) -> T) throws(LangError) -> T? {
    guard let value = self[name], !value.isNil else { return nil }
    return try read(name)
  }

  // MARK: - Receivers

  /// The list a method was called on.
  public func receiverList() throws(LangError) -> List {
    guard case .list(let list)? = receiver else { throw LangError.message("\(functionName) needs a list") }
    return list
  }

  /// The elements of the list or range a method was called on.
  public func receiverElements() throws(LangError) -> [Value] {
    guard let receiver, let items = try interpreter.elements(of: receiver) else {
      throw LangError.message("\(functionName) needs a list")
    }
    return items
  }

  /// The string a method was called on.
  public func receiverString() throws(LangError) -> String {
    guard case .string(let s)? = receiver else { throw LangError.message("\(functionName) needs a string") }
    return s
  }

  /// The record a method was called on.
  public func receiverRecord() throws(LangError) -> Record {
    guard case .record(let record)? = receiver else { throw LangError.message("\(functionName) needs a record") }
    return record
  }

  /// The native object of type `T` a method was called on.
  public func receiver<T: NativeObject>(as type: T.Type) throws(LangError) -> T {
    guard case .native(let object)? = receiver, let typed = object as? T else {
      throw LangError.message("\(functionName) needs a \(receiver.map(\.typeName) ?? "receiver")")
    }
    return typed
  }
}

extension Value {
  /// Whether the value is nil.
  public var isNil: Bool {
    if case .nil = self { return true }
    return false
  }
}

extension Interpreter {
  /// The elements of a list, range (within the allocation limit), string (characters) or
  /// iterable native object; nil for other values.
  public func elements(of value: Value) throws(LangError) -> [Value]? {
    switch value {
    case .list(let list): return list.items
    case .range(let range):
      try checkAllocation(count: Double(range.count), of: "list")
      return (0..<range.count).map { .number(Double(range.element(at: $0))) }
    case .string(let s): return s.map { .string(String($0)) }
    case .record(let record): return record.keys.map { .string($0) }
    case .native(let object):
      guard let iterator = try object.makeIterator(interpreter: self) else { return nil }
      var items: [Value] = []
      while let next = try iterator.next() {
        items.append(next)
        if items.count > limits.maxCollectionCount {
          try checkAllocation(count: Double(items.count), of: "list")
        }
      }
      return items
    default: return nil
    }
  }
}
