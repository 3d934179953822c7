// The tensor as a language value: a float32 `Tensor` or an int32 `IntTensor` behind one type.

import Lang
import Tensor

/// A tensor in the language: `type(t) == "tensor"`, with `t.dtype` telling `float32` from
/// `int32`.
///
/// Float tensors carry autograd; int tensors (token ids, indices, argmax results) keep their
/// dtype through indexing, slicing, reshaping, `item` and `tolist`, and every other operation
/// computes on their values as float32 (exact for magnitudes up to 2^24) and returns a float
/// tensor. Tensors are shared by reference, like lists: `let u = t` names the same tensor,
/// and views (`t[0]`, `t.transpose()`) share storage with their base.
public final class TensorObject: NativeObject {
  /// The two element types a tensor value can have.
  public enum Storage {
    /// float32, differentiable.
    case float(Tensor)
    /// int32, no gradients.
    case int(IntTensor)
  }

  /// The wrapped tensor.
  public let storage: Storage

  /// Wraps a float tensor.
  public init(_ tensor: Tensor) { storage = .float(tensor) }

  /// Wraps an integer tensor.
  public init(_ tensor: IntTensor) { storage = .int(tensor) }

  /// `tensor`, for `type()` and messages.
  public var typeName: String { "tensor" }

  /// The shape, whatever the dtype.
  public var shape: [Int] {
    switch storage {
    case .float(let t): t.shape
    case .int(let t): t.shape
    }
  }

  /// `float32` or `int32`.
  public var dtype: String {
    if case .int = storage { return "int32" }
    return "float32"
  }

  /// The float tensor, converting an int tensor's values (a copy) when needed.
  public func floatTensor() throws(LangError) -> Tensor {
    switch storage {
    case .float(let t): return t
    case .int(let t): return try tensorOperation { try t.toFloat() }
    }
  }

  /// The elements in row-major order, as doubles.
  public var scalars: [Double] {
    switch storage {
    case .float(let t): t.scalars.map(Double.init)
    case .int(let t): t.scalars.map(Double.init)
    }
  }

  /// The elements after permuting the axes (for plotting channel-first images).
  func scalars(permutedBy axes: [Int]) throws(LangError) -> [Double] {
    let t = try floatTensor()
    return try tensorOperation { try t.permuted(axes).scalars.map(Double.init) }
  }

  /// PyTorch's printed form (`tensor([[1., 2.], [3., 4.]])`), abbreviated past 1000
  /// elements; the same at top level and inside lists, as in Python.
  public func describe(nested: Bool) -> String {
    switch storage {
    case .float(let t): t.description
    case .int(let t): t.description
    }
  }

  /// A one-element tensor's value, so `f"{loss:.3f}"` formats it like a number.
  public var numericValue: Double? {
    shape.reduce(1, *) == 1 ? scalars.first : nil
  }

  /// One-element tensors are true when nonzero; any other size is an error, as in PyTorch.
  public func truthiness() throws(LangError) -> Bool {
    let count = shape.reduce(1, *)
    guard count == 1 else {
      throw LangError.message(
        "the truth value of a tensor with \(count) elements is ambiguous; use .item() or a reduction such as .sum()")
    }
    return scalars[0] != 0
  }

  /// The size of the first dimension; an error for 0-d tensors.
  public func count() throws(LangError) -> Int? {
    guard let first = shape.first else { throw LangError.message("len() of a 0-d tensor") }
    return first
  }

  /// Iterates over the first dimension, yielding views (0-d tensors for a 1-d tensor).
  public func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? {
    guard let extent = shape.first else { throw LangError.message("iteration over a 0-d tensor") }
    var index = 0
    return ValueIterator { [self] () throws(LangError) -> Value? in
      guard index < extent else { return nil }
      defer { index += 1 }
      return try tensorOperation(interpreter) { () throws -> Value in
        switch storage {
        case .float(let t): .tensor(try t.selected(axis: 0, index: index))
        case .int(let t): .tensor(try t.selected(axis: 0, index: index))
        }
      }
    }
  }

  /// Equal inside lists and records when dtype, shape and values agree.
  public func isEqual(to other: any NativeObject) -> Bool {
    guard let other = other as? TensorObject else { return false }
    return other === self || (other.dtype == dtype && other.shape == shape && other.scalars == scalars)
  }

  /// The fields, for completion and `help()`.
  public var fieldNames: [String] { ["shape", "ndim", "dtype", "grad", "requires_grad", "is_leaf", "grad_fn", "T"] }

  /// `shape`, `ndim`, `dtype`, `grad`, `requires_grad`, `is_leaf`, `grad_fn`, `T`.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "shape": return .list(List(shape.map { .number(Double($0)) }))
    case "ndim": return .number(Double(shape.count))
    case "dtype": return .string(dtype)
    default: break
    }
    guard case .float(let t) = storage else {
      switch name {
      case "grad", "grad_fn": return .nil
      case "requires_grad": return .bool(false)
      case "is_leaf": return .bool(true)
      case "T":
        let float = try floatTensor()
        return .tensor(try tensorOperation { try float.permuted(Array((0..<float.rank).reversed())) })
      default: return nil
      }
    }
    switch name {
    case "grad": return t.grad.map { .tensor($0) } ?? .nil
    case "requires_grad": return .bool(t.requiresGrad)
    case "is_leaf": return .bool(t.isLeaf)
    case "grad_fn": return t.gradientFunctionName.map { .string($0) } ?? .nil
    case "T": return .tensor(try tensorOperation { try t.permuted(Array((0..<t.rank).reversed())) })
    default: return nil
    }
  }

  /// `t.requires_grad = flag` on a float leaf; every other field is read-only.
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    guard name == "requires_grad" else {
      if fieldNames.contains(name) { throw LangError.message("the tensor field '\(name)' is read-only") }
      throw LangError.fault(.missingField(name: name, type: typeName))
    }
    guard case .bool(let flag) = value else {
      throw LangError.message("requires_grad must be a bool, got \(value.typeName)")
    }
    guard case .float(let t) = storage else {
      throw LangError.message("requires_grad: int tensors carry no gradients; convert with .float() first")
    }
    try tensorOperation { try t.setRequiresGrad(flag) }
  }

  /// The tensor methods (`help(t)` lists them).
  public var methods: [String: Builtin] { TensorMethods.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    An n-d float32 (or int32) tensor. Operators + - * / ** @ and comparisons broadcast like
    NumPy, with numbers on either side; t[0, 1:3] indexes and slices (views share storage);
    t.shape is a list; axis arguments are labelled: t.sum(axis: -1, keepdim: true).
    """
  }
}

extension Value {
  /// A float tensor as a language value.
  public static func tensor(_ tensor: Tensor) -> Value { .native(TensorObject(tensor)) }

  /// An integer tensor as a language value.
  public static func tensor(_ tensor: IntTensor) -> Value { .native(TensorObject(tensor)) }

  /// The tensor object this value holds, if it is a tensor.
  public var tensorObject: TensorObject? {
    if case .native(let object as TensorObject) = self { return object }
    return nil
  }
}

/// Runs one tensor operation for the language: polls the interpreter's interrupt hook first
/// (so Ctrl-C stops a long chain of tensor operations), then turns a `TensorError` into a
/// language error whose message is the operation and shapes (`TensorError.description`).
@inline(__always) @discardableResult
func tensorOperation<Result>(_ interpreter: Interpreter? = nil, _ body: () throws -> Result) throws(LangError) -> Result {
  try interpreter?.checkInterrupt()
  do {
    return try body()
  } catch let error as LangError {
    throw error
  } catch {
    throw LangError.message(String(describing: error))
  }
}
