// A test-only native type: a 1-D vector of numbers that implements every NativeObject hook.

import Bindings
import Foundation
import Lang

/// A small stand-in for a tensor, so the native-object protocol is tested without Tensor.
final class Vector: NativeObject {
  var values: [Double]
  var requiresGrad = false

  init(_ values: [Double]) { self.values = values }

  var typeName: String { "vector" }

  func describe(nested: Bool) -> String {
    "vector(" + Value.list(List(values.map { .number($0) })).repr + ")"
  }

  func truthiness() throws(LangError) -> Bool {
    guard values.count == 1 else {
      throw LangError.message("the truth value of a vector with \(values.count) elements is ambiguous")
    }
    return values[0] != 0
  }

  func binary(_ op: BinaryOperator, _ other: Value, isLeftOperand: Bool, interpreter: Interpreter)
    throws(LangError) -> Value?
  {
    if op == .contains {
      guard case .number(let n) = other else { return nil }
      return .bool(values.contains(n))
    }
    let rhs: [Double]
    switch other {
    case .number(let n): rhs = Array(repeating: n, count: values.count)
    case .native(let object as Vector):
      guard object.values.count == values.count else {
        throw LangError.message("size mismatch, lhs: [\(values.count)], rhs: [\(object.values.count)]")
      }
      rhs = object.values
    default: return nil
    }
    let (a, b) = isLeftOperand ? (values, rhs) : (rhs, values)
    if op == .matrixMultiply {
      return .number(zip(a, b).reduce(0) { $0 + $1.0 * $1.1 })
    }
    let f: (Double, Double) -> Double
    switch op {
    case .add: f = (+)
    case .subtract: f = (-)
    case .multiply: f = (*)
    case .divide: f = (/)
    case .floorDivide: f = { ($0 / $1).rounded(.down) }
    case .modulo: f = Arithmetic.flooredModulo
    case .power: f = { Foundation.pow($0, $1) }
    case .equal: f = { $0 == $1 ? 1 : 0 }
    case .notEqual: f = { $0 != $1 ? 1 : 0 }
    case .less: f = { $0 < $1 ? 1 : 0 }
    case .lessEqual: f = { $0 <= $1 ? 1 : 0 }
    case .greater: f = { $0 > $1 ? 1 : 0 }
    case .greaterEqual: f = { $0 >= $1 ? 1 : 0 }
    case .matrixMultiply, .contains: return nil
    }
    return .native(Vector(zip(a, b).map(f)))
  }

  func negate(interpreter: Interpreter) throws(LangError) -> Value? { .native(Vector(values.map { -$0 })) }

  func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    guard components.count == 1 else { throw LangError.message("too many indices for a vector: \(components.count)") }
    switch components[0] {
    case .value(.nil): return .list(List([.native(Vector(values))]))  // a new leading axis
    case .value(.number(let n)):
      guard let i = Int(exactly: n), i >= -values.count, i < values.count else {
        throw LangError.message("vector index \(Format.number(n)) out of range (size \(values.count))")
      }
      return .number(values[i < 0 ? i + values.count : i])
    case .value(let other): throw LangError.message("vector index must be a number, got \(other.typeName)")
    case .slice(let start, let end, let step):
      guard let offsets = Slicing.offsets(count: values.count, start: start, end: end, step: step) else {
        throw LangError.message("slice step cannot be zero")
      }
      return .native(Vector(offsets.map { values[$0] }))
    }
  }

  func subscriptSet(_ components: [IndexComponent], to value: Value, interpreter: Interpreter) throws(LangError) {
    guard components.count == 1 else { throw LangError.message("too many indices for a vector") }
    let offsets: [Int]
    switch components[0] {
    case .value(.number(let n)):
      guard let i = Int(exactly: n), i >= -values.count, i < values.count else {
        throw LangError.message("vector index out of range")
      }
      offsets = [i < 0 ? i + values.count : i]
    case .slice(let start, let end, let step):
      offsets = Slicing.offsets(count: values.count, start: start, end: end, step: step) ?? []
    case .value(let other): throw LangError.message("vector index must be a number, got \(other.typeName)")
    }
    switch value {
    case .number(let n): for offset in offsets { values[offset] = n }
    case .native(let source as Vector) where source.values.count == offsets.count:
      for (offset, n) in zip(offsets, source.values) { values[offset] = n }
    default: throw LangError.message("cannot assign a \(value.typeName) to \(offsets.count) vector elements")
    }
  }

  func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "shape": .list(List([.number(Double(values.count))]))
    case "requires_grad": .bool(requiresGrad)
    default: nil
    }
  }

  func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    guard name == "requires_grad" else { throw LangError.message("cannot set field '\(name)' of a vector") }
    guard case .bool(let flag) = value else { throw LangError.message("requires_grad must be a bool, got \(value.typeName)") }
    requiresGrad = flag
  }

  var methods: [String: Builtin] { Vector.methodTable }

  static let methodTable: [String: Builtin] = [
    "sum": Builtin("sum", signature: "vector.sum(axis = nil)", doc: "The sum of the elements.") { args in
      let vector = try args.receiver(as: Vector.self)
      if let axis = try args.optionalInteger("axis"), axis != 0, axis != -1 {
        throw LangError.message("axis \(axis) out of range for a 1-D vector")
      }
      return .number(vector.values.reduce(0, +))
    },
    "scale": Builtin("scale", signature: "vector.scale(by, shift = 0)", doc: "Each element times by, plus shift.") { args in
      let vector = try args.receiver(as: Vector.self)
      let by = try args.number("by"), shift = try args.number("shift")
      return .native(Vector(vector.values.map { $0 * by + shift }))
    },
    "tolist": Builtin("tolist", signature: "vector.tolist()", doc: "The elements as a list.") { args in
      .list(List(try args.receiver(as: Vector.self).values.map { .number($0) }))
    },
  ]

  var fieldNames: [String] { ["shape", "requires_grad"] }

  func count() throws(LangError) -> Int? { values.count }

  func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? {
    var index = 0
    let snapshot = values
    return ValueIterator { () throws(LangError) -> Value? in
      defer { index += 1 }
      return index < snapshot.count ? .number(snapshot[index]) : nil
    }
  }

  func isEqual(to other: any NativeObject) -> Bool {
    (other as? Vector)?.values == values
  }

  var help: String { "A 1-D vector of numbers (test type)." }

  /// `vec(values...)`, registered by the tests.
  static let constructor = Builtin("vec", signature: "vec(values...)", doc: "A vector of the given numbers.") { args in
    var numbers: [Double] = []
    for value in args.rest {
      guard case .number(let n) = value else { throw args.badArgument("values", expected: "number", got: value) }
      numbers.append(n)
    }
    return .native(Vector(numbers))
  }
}
