// Tensor+Joining: concatenate, stack, split, chunk and pad.
import Kernels

extension Tensor {
  /// Joins tensors along an existing `axis`; every other dimension must agree.
  public static func concatenate(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "concat", reason: "needs at least one tensor")
    }
    let axis = try first.layout.normalizedAxis(axis, op: "concat")
    for tensor in tensors.dropFirst() {
      guard tensor.rank == first.rank,
        tensor.shape.indices.allSatisfy({ $0 == axis || tensor.shape[$0] == first.shape[$0] })
      else {
        throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: tensor.shape, detail: "all dimensions but \(axis) must match")
      }
    }
    let sizes = tensors.map { $0.shape[axis] }
    var shape = first.shape
    shape[axis] = sizes.reduce(0, +)
    let result = try uninitialized(shape, op: "concat")
    var start = 0
    for tensor in tensors {
      let target = result.view(try result.layout.sliced(axis: axis, start: start, end: start + tensor.shape[axis], step: 1).layout)
      withExtendedLifetime((tensor, target)) {
        Kernels.copy(shape: tensor.shape, source: tensor.base, sourceStrides: tensor.strides,
                     destination: target.base, destinationStrides: target.strides)
      }
      start += tensor.shape[axis]
    }
    return record(result, "concat", inputs: tensors) { .concatenate(axis: axis, sizes: sizes) }
  }

  /// Joins same-shaped tensors along a new `axis`.
  public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "stack", reason: "needs at least one tensor")
    }
    for tensor in tensors where tensor.shape != first.shape {
      throw TensorError.shapeMismatch(op: "stack", lhs: first.shape, rhs: tensor.shape, detail: "all tensors must have the same shape")
    }
    return try concatenate(tensors.map { try $0.unsqueezed(axis: axis) }, axis: axis < 0 ? axis + first.rank + 1 : axis)
  }

  /// Views of consecutive pieces of `sizes` elements along `axis` (the sizes must add up).
  public func split(sizes: [Int], axis: Int = 0) throws -> [Tensor] {
    let normalized = try layout.normalizedAxis(axis, op: "split")
    guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[normalized] else {
      throw TensorError.invalidArgument(op: "split", reason: "sizes \(sizes) do not add up to \(shape[normalized]) along axis \(axis)")
    }
    var start = 0
    return try sizes.map { size in
      defer { start += size }
      return try sliced(axis: normalized, start: start, end: start + size)
    }
  }

  /// Views of `count` nearly equal pieces along `axis` (the last may be smaller, as in PyTorch).
  public func chunked(into count: Int, axis: Int = 0) throws -> [Tensor] {
    let normalized = try layout.normalizedAxis(axis, op: "chunk")
    guard count > 0 else { throw TensorError.invalidArgument(op: "chunk", reason: "count must be positive, got \(count)") }
    let size = shape[normalized]
    let piece = Swift.max(1, (size + count - 1) / count)
    var sizes: [Int] = []
    var remaining = size
    while remaining > 0 {
      sizes.append(Swift.min(piece, remaining))
      remaining -= piece
    }
    return try split(sizes: sizes.isEmpty ? [0] : sizes, axis: normalized)
  }

  /// This tensor surrounded by `value`: `widths[i]` gives the elements added before and after
  /// along axis i (one pair per dimension).
  public func padded(_ widths: [(before: Int, after: Int)], value: Float = 0) throws -> Tensor {
    guard widths.count == rank else {
      throw TensorError.invalidArgument(op: "pad", reason: "\(widths.count) padding pairs given for a tensor of rank \(rank)")
    }
    guard widths.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
      throw TensorError.invalidArgument(op: "pad", reason: "padding widths must be non-negative")
    }
    let outputShape = zip(shape, widths).map { $0 + $1.before + $1.after }
    let result = try Tensor.full(outputShape, value: value)
    var interior = result.layout
    for (axis, width) in widths.enumerated() {
      interior.offset += width.before * interior.strides[axis]
      interior.shape[axis] = shape[axis]
    }
    let target = result.view(interior)
    withExtendedLifetime((self, target)) {
      Kernels.copy(shape: shape, source: base, sourceStrides: strides, destination: target.base, destinationStrides: target.strides)
    }
    let before = widths.map { $0.before }
    return Tensor.record(result, "pad", inputs: [self]) { .pad(before: before, inputShape: shape) }
  }
}
