// Tensor subscripts in the language: t[0, 1:3], t[:, -1], t[::2], t[nil], t[[2, 0]], and writes.

import Lang
import Tensor

extension TensorObject {
  /// `t[components]`: integers select (dropping the axis), slices keep it, `nil` inserts a new
  /// axis, as in NumPy; the result is a view sharing storage. A single list or int tensor of
  /// indices picks rows along axis 0 (`index_select`, a copy).
  public func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    if components.count == 1, case .value(let value) = components[0], let indices = try Self.indexList(value, interpreter) {
      let this = try floatTensor()
      return .tensor(try tensorOperation(interpreter) { try this.indexSelect(axis: 0, indices: indices) })
    }
    let indices = try Self.tensorIndices(components)
    switch storage {
    case .float(let t):
      return .tensor(try tensorOperation(interpreter) { try t.indexed(indices) })
    case .int(let t):
      return .tensor(try tensorOperation(interpreter) { try Self.indexed(t, indices) })
    }
  }

  /// `t[components] = value`: writes a number, or a tensor or nested list broadcast to the
  /// selected view, into the tensor's storage (visible through every view of it).
  public func subscriptSet(_ components: [IndexComponent], to value: Value, interpreter: Interpreter) throws(LangError) {
    guard case .float(let t) = storage else {
      throw LangError.message("assign: int tensors cannot be written from the language; convert with .float() first")
    }
    let indices = try Self.tensorIndices(components)
    switch value {
    case .number(let n):
      try tensorOperation(interpreter) { try t.assign(Float(n), at: indices) }
    case .native(let object as TensorObject):
      let source = try object.floatTensor()
      try tensorOperation(interpreter) { try t.assign(source, at: indices) }
    case .list, .range, .bool:
      let source = try TensorLiteral.make(value, dtype: .float32, function: "assign", interpreter: interpreter).floatTensor()
      try tensorOperation(interpreter) { try t.assign(source, at: indices) }
    default:
      throw LangError.message("assign: cannot assign a \(value.typeName) to tensor elements (number or tensor expected)")
    }
  }

  /// The language's index components as NumPy-style tensor indices.
  static func tensorIndices(_ components: [IndexComponent]) throws(LangError) -> [TensorIndex] {
    var indices: [TensorIndex] = []
    for component in components {
      switch component {
      case .slice(let start, let end, let step): indices.append(.slice(start: start, end: end, step: step))
      case .value(.nil): indices.append(.newAxis)
      case .value(.number(let n)):
        guard let i = Int(exactly: n) else { throw LangError.message("tensor index must be an integer, got \(Format.number(n))") }
        indices.append(.index(i))
      case .value(let other):
        throw LangError.message(
          "tensor index must be an integer, a slice or nil, got \(other.typeName) (a list of indices must be the only index)")
      }
    }
    return indices
  }

  /// A list of integers or an int tensor used as an index, as a 1-d int tensor; nil otherwise.
  private static func indexList(_ value: Value, _ interpreter: Interpreter) throws(LangError) -> IntTensor? {
    if let object = value.tensorObject {
      guard case .int(let t) = object.storage else {
        throw LangError.message("tensor index must be an int tensor, got a float32 tensor (convert with .int())")
      }
      return t.rank == 1 ? t : try tensorOperation { try t.reshaped([-1]) }
    }
    guard case .list = value else { return nil }
    guard case .int(let t) = try TensorLiteral.make(value, dtype: .int32, function: "index", interpreter: interpreter).storage,
      t.rank == 1
    else { throw LangError.message("index: a list of indices must be a flat list of integers") }
    return t
  }

  /// NumPy-style indexing of an int tensor through its views (`selected`, `sliced`, and
  /// reshapes for new axes).
  private static func indexed(_ tensor: IntTensor, _ indices: [TensorIndex]) throws -> IntTensor {
    let consuming = indices.filter { $0 != .newAxis }.count
    guard consuming <= tensor.rank else {
      throw TensorError.invalidArgument(op: "index", reason: "\(consuming) indices given for a tensor of rank \(tensor.rank)")
    }
    var result = tensor
    var axis = 0
    for index in indices {
      switch index {
      case .index(let i): result = try result.selected(axis: axis, index: i)
      case .slice(let start, let end, let step):
        result = try result.sliced(axis: axis, start: start, end: end, step: step ?? 1)
        axis += 1
      case .newAxis:
        var shape = result.shape
        shape.insert(1, at: axis)
        result = try result.reshaped(shape)
        axis += 1
      case .ellipsis: break
      }
    }
    return result
  }
}
