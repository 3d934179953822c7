// Converting between language values and tensors: nested lists, shapes, axes, dtypes.

import Lang
import Tensor

/// Nested lists ↔ tensors: `tensor([[1, 2], [3, 4]])` and `t.tolist()`.
enum TensorLiteral {
  /// The deepest nesting a literal may have (a guard against self-containing lists).
  static let maxDepth = 32

  /// The shape and row-major values of a nested list of numbers (booleans count as 0/1, and
  /// tensors as elements contribute their own shape); an error naming `function` for ragged
  /// or non-numeric input.
  static func flatten(_ value: Value, function: String, interpreter: Interpreter) throws(LangError)
    -> (shape: [Int], values: [Double])
  {
    // 1. The shape, read down the first elements.
    var shape: [Int] = []
    var probe = value
    while true {
      if let object = probe.tensorObject {
        shape += object.shape
        break
      }
      guard let items = try sequence(probe, interpreter) else { break }
      shape.append(items.count)
      guard let first = items.first, shape.count <= maxDepth else { break }
      probe = first
    }
    // 2. The values, checking every element against that shape.
    var values: [Double] = []
    func visit(_ value: Value, depth: Int) throws(LangError) {
      try interpreter.checkInterrupt()
      if let object = value.tensorObject {
        guard Array(shape[depth...]) == object.shape else { throw ragged(function, shape, depth) }
        values += object.scalars
        return
      }
      switch value {
      case .number(let n) where depth == shape.count: values.append(n)
      case .bool(let b) where depth == shape.count: values.append(b ? 1 : 0)
      default:
        guard depth < shape.count, let items = try sequence(value, interpreter) else {
          if depth < shape.count, case .number = value { throw ragged(function, shape, depth) }
          if depth < shape.count, case .bool = value { throw ragged(function, shape, depth) }
          throw LangError.message("\(function): expected numbers in nested lists, got \(value.typeName)")
        }
        guard items.count == shape[depth] else { throw ragged(function, shape, depth) }
        for item in items { try visit(item, depth: depth + 1) }
      }
    }
    try visit(value, depth: 0)
    return (shape, values)
  }

  /// The elements of a list or range; nil for anything else.
  private static func sequence(_ value: Value, _ interpreter: Interpreter) throws(LangError) -> [Value]? {
    switch value {
    case .list, .range: return try interpreter.elements(of: value)
    default: return nil
    }
  }

  private static func ragged(_ function: String, _ shape: [Int], _ depth: Int) -> LangError {
    .message("\(function): ragged nested list: every list at depth \(depth) must have \(shape[depth]) elements (expected shape \(shape))")
  }

  /// Nested lists of numbers with the given shape (a number for a 0-d tensor).
  static func nestedList(shape: [Int], values: [Double]) -> Value {
    guard !shape.isEmpty else { return .number(values.first ?? 0) }
    var position = 0
    func build(_ axis: Int) -> Value {
      if axis == shape.count - 1 {
        defer { position += shape[axis] }
        return .list(List(values[position..<(position + shape[axis])].map { .number($0) }))
      }
      return .list(List((0..<shape[axis]).map { _ in build(axis + 1) }))
    }
    return build(0)
  }

  /// A tensor of `dtype` (`float32` or `int32`) from any value `tensor()` accepts.
  static func make(_ value: Value, dtype: TensorDType, function: String, interpreter: Interpreter) throws(LangError)
    -> TensorObject
  {
    let (shape, values) = try flatten(value, function: function, interpreter: interpreter)
    switch dtype {
    case .float32:
      return TensorObject(try tensorOperation { try Tensor(shape: shape, scalars: values.map(Float.init)) })
    case .int32:
      var integers: [Int] = []
      integers.reserveCapacity(values.count)
      for v in values {
        guard let i = Int(exactly: v) else {
          throw LangError.message("\(function): int32 tensors need integral values, got \(Format.number(v))")
        }
        integers.append(i)
      }
      return TensorObject(try tensorOperation { try IntTensor(shape: shape, values: integers) })
    }
  }
}

/// The element types a tensor can be created with.
enum TensorDType: String {
  case float32, int32

  /// Reads `float32`/`float` or `int32`/`int`/`long`.
  init?(name: String) {
    switch name.lowercased() {
    case "float32", "float": self = .float32
    case "int32", "int", "int64", "long": self = .int32
    default: return nil
    }
  }
}

extension Arguments {
  /// A tensor argument (numbers and nested lists of numbers are converted to float tensors).
  public func tensorObject(_ name: String) throws(LangError) -> TensorObject {
    let value = try value(name)
    if let object = value.tensorObject { return object }
    switch value {
    case .number, .bool, .list, .range:
      return try TensorLiteral.make(value, dtype: .float32, function: functionName, interpreter: interpreter)
    default: throw badArgument(name, expected: "tensor", got: value)
    }
  }

  /// A float tensor argument (int tensors converted).
  public func tensor(_ name: String) throws(LangError) -> Tensor { try tensorObject(name).floatTensor() }

  /// A float tensor argument, or nil when it is nil or absent.
  public func optionalTensor(_ name: String) throws(LangError) -> Tensor? {
    guard let value = self[name], !value.isNil else { return nil }
    return try tensor(name)
  }

  /// An integer tensor argument: an int32 tensor, or integral numbers in (nested) lists.
  public func intTensor(_ name: String) throws(LangError) -> IntTensor {
    let value = try value(name)
    if let object = value.tensorObject {
      switch object.storage {
      case .int(let t): return t
      case .float(let t): return try tensorOperation { try t.toInt() }
      }
    }
    guard case .int(let t) = try TensorLiteral.make(value, dtype: .int32, function: functionName, interpreter: interpreter).storage
    else { throw badArgument(name, expected: "int tensor", got: value) }
    return t
  }

  /// The float tensor a method was called on (an int tensor's values converted).
  public func receiverTensor() throws(LangError) -> Tensor { try receiver(as: TensorObject.self).floatTensor() }

  /// A shape: a list of integers, or one integer for a 1-d shape.
  public func shape(_ name: String) throws(LangError) -> [Int] {
    let value = try value(name)
    if case .number = value { return [try integer(name)] }
    return try integers(in: value, name: name, expected: "shape (list of integers)")
  }

  /// A shape given as one list or as several integers (`t.reshape([2, 3])`, `t.reshape(2, 3)`).
  public func restShape(_ name: String) throws(LangError) -> [Int] {
    if rest.count == 1, let only = rest.first, !isNumber(only) {
      return try integers(in: only, name: name, expected: "list of integers")
    }
    return try integers(in: .list(List(rest)), name: name, expected: "integers")
  }

  /// Axes: nil (all), one integer, or a list of integers.
  public func axes(_ name: String) throws(LangError) -> [Int]? {
    guard let value = self[name], !value.isNil else { return nil }
    if case .number = value { return [try integer(name)] }
    return try integers(in: value, name: name, expected: "axis (integer or list of integers)")
  }

  /// A dtype name (`float32`, `int32`).
  func dtype(_ name: String) throws(LangError) -> TensorDType {
    let text = try string(name)
    guard let dtype = TensorDType(name: text) else {
      throw badArgument(name, expected: "dtype \"float32\" or \"int32\"", got: .string(text))
    }
    return dtype
  }

  /// A float in the tensor's precision.
  func float(_ name: String) throws(LangError) -> Float { Float(try number(name)) }

  private func integers(in value: Value, name: String, expected: String) throws(LangError) -> [Int] {
    guard let items = try? interpreter.elements(of: value), !isString(value) else {
      throw badArgument(name, expected: expected, got: value)
    }
    var result: [Int] = []
    for item in items {
      guard case .number(let n) = item, let i = Int(exactly: n) else {
        throw LangError.fault(.badArgument(function: functionName, parameter: name, expected: expected,
                                           got: item.isNumber ? Format.number(item.numberValue) : item.typeName))
      }
      result.append(i)
    }
    return result
  }

  private func isNumber(_ value: Value) -> Bool { value.isNumber }
  private func isString(_ value: Value) -> Bool {
    if case .string = value { return true }
    return false
  }
}

extension Value {
  var isNumber: Bool {
    if case .number = self { return true }
    return false
  }

  var numberValue: Double {
    if case .number(let n) = self { return n }
    return .nan
  }
}
