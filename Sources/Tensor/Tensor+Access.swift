// Tensor+Access: reading elements out, and contiguous copies.
import Kernels

extension Tensor {
  /// The elements in row-major order.
  public var scalars: [Float] {
    withExtendedLifetime(self) {
      if isContiguous { return Array(UnsafeBufferPointer(start: base, count: count)) }
      return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        if let address = buffer.baseAddress {
          Kernels.copy(shape: shape, source: base, sourceStrides: strides,
                       destination: address, destinationStrides: Layout.contiguousStrides(for: shape))
        }
        initialized = count
      }
    }
  }

  /// The value of a one-element tensor.
  /// - Throws: `TensorError.invalidArgument` when the tensor has another number of elements.
  public func item() throws -> Float {
    guard count == 1 else {
      throw TensorError.invalidArgument(op: "item", reason: "only one-element tensors have an item; this one has shape \(shapeText(shape))")
    }
    return withExtendedLifetime(self) { base.pointee }
  }

  /// The element at `indices` (negative indices count from the end).
  public func scalar(at indices: [Int]) throws -> Float {
    guard indices.count == rank else {
      throw TensorError.invalidArgument(op: "scalar", reason: "\(indices.count) indices given for a tensor of rank \(rank)")
    }
    var position = 0
    for (axis, index) in indices.enumerated() {
      let size = shape[axis]
      let normalized = index < 0 ? index + size : index
      guard normalized >= 0 && normalized < size else { throw TensorError.indexOutOfRange(op: "scalar", index: index, size: size) }
      position += normalized * strides[axis]
    }
    return withExtendedLifetime(self) { base[position] }
  }

  /// A new contiguous tensor with this tensor's elements, unrelated to the graph.
  func contiguousCopy() throws -> Tensor {
    let result = try Tensor.uninitialized(shape, op: "copy")
    withExtendedLifetime((self, result)) {
      Kernels.copy(shape: shape, source: base, sourceStrides: strides, destination: result.base, destinationStrides: result.strides)
    }
    return result
  }

  /// This tensor if it is contiguous, otherwise a contiguous copy (gradients flow through).
  public func contiguous() throws -> Tensor {
    if isContiguous { return self }
    return try Tensor.record(contiguousCopy(), "contiguous", inputs: [self]) { .identity }
  }

  /// A contiguous copy of this tensor that gradients flow through (PyTorch's `clone`).
  public func cloned() throws -> Tensor {
    try Tensor.record(contiguousCopy(), "clone", inputs: [self]) { .identity }
  }
}

extension Tensor {
  /// Calls `body` with this contiguous tensor's elements as a mutable buffer: the fast path for
  /// checkpoint loaders and optimizers. Counts as an in-place write.
  /// - Throws: when the tensor is not contiguous, or requires grad while gradients are recorded.
  public func withUnsafeMutableScalars<Result>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> Result) throws -> Result {
    try checkInPlace("write")
    guard isContiguous else {
      throw TensorError.invalidArgument(op: "write", reason: "the tensor is a non-contiguous view of shape \(shapeText(shape))")
    }
    defer { storage.noteMutation() }
    return try withExtendedLifetime(self) { try body(UnsafeMutableBufferPointer(start: base, count: count)) }
  }

  /// Calls `body` with the elements in row-major order as a buffer, without copying when the
  /// tensor is contiguous.
  public func withUnsafeScalars<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) throws -> Result {
    let source = isContiguous ? self : try contiguousCopy()
    return try withExtendedLifetime(source) { try body(UnsafeBufferPointer(start: source.base, count: source.count)) }
  }
}
