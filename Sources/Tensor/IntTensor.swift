// IntTensor: n-d 32-bit integer tensors — token ids, indices, argmax results.
import Kernels

/// An n-dimensional array of 32-bit signed integers, with the same views as `Tensor`.
///
/// Used for token ids, gather/scatter indices and targets. Integer tensors carry no gradients.
/// Token ids fit comfortably: Qwen2's vocabulary is about 152k.
public final class IntTensor: @unchecked Sendable {
  /// The buffer this tensor views.
  public let storage: TensorStorage<Int32>
  /// How this view's indices map onto `storage`.
  public let layout: Layout

  init(storage: TensorStorage<Int32>, layout: Layout) {
    self.storage = storage
    self.layout = layout
  }

  static func uninitialized(_ shape: [Int], op: String) throws -> IntTensor {
    try Layout.validate(shape, op: op)
    let layout = Layout(contiguous: shape)
    return IntTensor(storage: try TensorStorage(uninitializedCount: layout.count, op: op), layout: layout)
  }

  /// Creates an integer tensor of `shape` from `values` in row-major order.
  /// - Throws: when the counts disagree or a value does not fit in 32 bits.
  public convenience init(shape: [Int], values: [Int]) throws {
    try Layout.validate(shape, op: "int_tensor")
    let layout = Layout(contiguous: shape)
    guard layout.count == values.count else {
      throw TensorError.invalidShape(op: "int_tensor", shape: shape, reason: "\(values.count) values given for \(layout.count) elements")
    }
    let storage = try TensorStorage<Int32>(uninitializedCount: values.count, op: "int_tensor")
    for (i, value) in values.enumerated() {
      guard let narrow = Int32(exactly: value) else {
        throw TensorError.invalidArgument(op: "int_tensor", reason: "value \(value) does not fit in 32 bits")
      }
      storage.pointer[i] = narrow
    }
    self.init(storage: storage, layout: layout)
  }

  /// A 1-d integer tensor of `values`.
  public convenience init(_ values: [Int]) throws { try self.init(shape: [values.count], values: values) }

  /// The integers `start..<end` with `step`.
  public static func arange(from start: Int = 0, to end: Int, step: Int = 1) throws -> IntTensor {
    guard step != 0 else { throw TensorError.invalidArgument(op: "arange", reason: "step must be non-zero") }
    return try IntTensor(Array(stride(from: start, to: end, by: step)))
  }

  /// The extent of each dimension.
  public var shape: [Int] { layout.shape }
  /// The number of dimensions.
  public var rank: Int { layout.rank }
  /// The number of elements.
  public var count: Int { layout.count }

  var base: UnsafeMutablePointer<Int32> { storage.pointer + layout.offset }

  func view(_ layout: Layout) -> IntTensor { IntTensor(storage: storage, layout: layout) }

  /// The elements in row-major order.
  public var scalars: [Int] {
    let contiguous = contiguousCopy()
    return withExtendedLifetime(contiguous) { (0..<count).map { Int(contiguous.base[$0]) } }
  }

  /// The value of a one-element tensor.
  public func item() throws -> Int {
    guard count == 1 else {
      throw TensorError.invalidArgument(op: "item", reason: "only one-element tensors have an item; this one has shape \(shapeText(shape))")
    }
    return withExtendedLifetime(self) { Int(base.pointee) }
  }

  /// A contiguous copy (this tensor itself when already contiguous).
  public func contiguousCopy() -> IntTensor {
    if layout.isContiguous { return self }
    // The count already exists in memory once, so the copy fits under the allocation limit.
    guard let result = try? IntTensor.uninitialized(shape, op: "contiguous") else { return self }
    withExtendedLifetime((self, result)) {
      Kernels.copy(shape: shape, source: UnsafePointer(base), sourceStrides: layout.strides,
                   destination: result.base, destinationStrides: result.layout.strides)
    }
    return result
  }

  /// A view (or copy) with a new shape of the same count; one dimension may be -1.
  public func reshaped(_ newShape: [Int]) throws -> IntTensor {
    let resolved = try Layout.resolve(newShape, count: count, op: "reshape")
    if let reshaped = layout.reshaped(to: resolved) { return view(reshaped) }
    return contiguousCopy().view(Layout(contiguous: resolved))
  }

  /// A view of one index along `axis`, with that axis removed.
  public func selected(axis: Int, index: Int) throws -> IntTensor {
    view(try layout.selected(axis: axis, index: index).layout)
  }

  /// A view of `start..<end` by `step` along `axis` (Python bounds; step must be positive).
  public func sliced(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> IntTensor {
    view(try layout.sliced(axis: axis, start: start, end: end, step: step).layout)
  }

  /// The values as floats (for arithmetic with float tensors).
  public func toFloat() throws -> Tensor {
    let contiguous = contiguousCopy()
    let result = try Tensor.uninitialized(shape, op: "float")
    withExtendedLifetime((contiguous, result)) {
      for i in 0..<count { result.base[i] = Float(contiguous.base[i]) }
    }
    return result
  }

  /// Checks every element is in `0..<bound` (or equals `allowed`), naming `op` otherwise.
  func validateIndices(below bound: Int, op: String, allowing allowed: Int? = nil) throws {
    let contiguous = contiguousCopy()
    try withExtendedLifetime(contiguous) {
      for i in 0..<count {
        let value = Int(contiguous.base[i])
        if value == allowed { continue }
        guard value >= 0 && value < bound else { throw TensorError.indexOutOfRange(op: op, index: value, size: bound) }
      }
    }
  }
}

extension IntTensor: Equatable {
  /// Tensors are equal when shapes and values are.
  public static func == (lhs: IntTensor, rhs: IntTensor) -> Bool {
    lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
  }
}

extension Tensor {
  /// The values rounded toward zero as integers (NaN and out-of-range values throw).
  public func toInt() throws -> IntTensor {
    let values = scalars
    let result = try IntTensor.uninitialized(shape, op: "int")
    try withExtendedLifetime(result) {
      for (i, value) in values.enumerated() {
        guard let integer = Int32(exactly: value.rounded(.towardZero)) else {
          throw TensorError.invalidArgument(op: "int", reason: "value \(value) cannot be converted to a 32-bit integer")
        }
        result.base[i] = integer
      }
    }
    return result
  }
}
