// Layout: shape, strides and offset — how an n-d view maps onto flat storage.

/// The shape, element strides and storage offset of a tensor view.
///
/// Views (transpose, slice, select, expand, most reshapes) are new layouts over the same
/// storage; nothing is copied. Broadcast dimensions have stride 0.
public struct Layout: Equatable, Sendable {
  /// The extent of each dimension, outermost first.
  public var shape: [Int]
  /// The distance in elements between neighbours along each dimension.
  public var strides: [Int]
  /// The storage index of the element at all-zero indices.
  public var offset: Int

  /// A contiguous row-major layout of `shape` starting at `offset`.
  public init(contiguous shape: [Int], offset: Int = 0) {
    self.shape = shape
    self.strides = Layout.contiguousStrides(for: shape)
    self.offset = offset
  }

  /// A layout with explicit strides.
  public init(shape: [Int], strides: [Int], offset: Int) {
    self.shape = shape
    self.strides = strides
    self.offset = offset
  }

  /// Row-major strides for `shape`.
  public static func contiguousStrides(for shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for axis in shape.indices.reversed() {
      strides[axis] = running
      running *= max(shape[axis], 1)
    }
    return strides
  }

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// The number of elements (1 for a 0-d scalar, 0 if any extent is 0).
  public var count: Int { shape.reduce(1, *) }

  /// Whether the elements are laid out row-major without gaps, so the view is a plain buffer.
  public var isContiguous: Bool {
    var expected = 1
    for axis in shape.indices.reversed() where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// Maps a possibly negative axis into `0..<rank`.
  public func normalizedAxis(_ axis: Int, op: String, rank extra: Int = 0) throws -> Int {
    let rank = self.rank + extra
    let normalized = axis < 0 ? axis + rank : axis
    guard normalized >= 0 && normalized < rank else {
      throw TensorError.axisOutOfRange(op: op, axis: axis, rank: rank)
    }
    return normalized
  }

  /// The strides that read this layout as if it had the (broadcast-compatible) `target` shape:
  /// leading new dimensions and size-1 dimensions get stride 0.
  public func broadcastStrides(to target: [Int]) -> [Int] {
    var result = [Int](repeating: 0, count: target.count)
    let lead = target.count - rank
    for axis in shape.indices where shape[axis] != 1 || target[lead + axis] == 1 {
      result[lead + axis] = shape[axis] == 1 ? 0 : strides[axis]
    }
    return result
  }

  /// The layout of this view reshaped to `newShape` without copying, or nil when the strides
  /// do not allow it (a transposed view flattened across its swapped axes, for example).
  ///
  /// Walking from the innermost dimension, old dimensions form chunks that are contiguous
  /// among themselves; each chunk must be covered exactly by consecutive new dimensions, which
  /// then get strides within that chunk (the rule of PyTorch's `view`).
  public func reshaped(to newShape: [Int]) -> Layout? {
    if isContiguous || count == 0 { return Layout(contiguous: newShape, offset: offset) }
    var newStrides = [Int](repeating: 0, count: newShape.count)
    var viewAxis = newShape.count - 1
    var chunkStride = strides.last ?? 1
    var chunkCount = 1
    var viewCount = 1
    for axis in shape.indices.reversed() {
      chunkCount *= shape[axis]
      let chunkEnds = axis == 0 || (shape[axis - 1] != 1 && strides[axis - 1] != chunkCount * chunkStride)
      guard chunkEnds else { continue }
      while viewAxis >= 0 && (viewCount < chunkCount || newShape[viewAxis] == 1) {
        newStrides[viewAxis] = viewCount * chunkStride
        viewCount *= newShape[viewAxis]
        viewAxis -= 1
      }
      if viewCount != chunkCount { return nil }
      if axis > 0 {
        chunkStride = strides[axis - 1]
        chunkCount = 1
        viewCount = 1
      }
    }
    guard viewAxis == -1 else { return nil }
    return Layout(shape: newShape, strides: newStrides, offset: offset)
  }

  /// Resolves a reshape target containing at most one -1 against `count` elements.
  public static func resolve(_ shape: [Int], count: Int, op: String) throws -> [Int] {
    let inferred = shape.indices.filter { shape[$0] == -1 }
    if inferred.count > 1 { throw TensorError.invalidShape(op: op, shape: shape, reason: "only one dimension can be -1") }
    if let bad = shape.first(where: { $0 < -1 }) {
      throw TensorError.invalidShape(op: op, shape: shape, reason: "negative size \(bad)")
    }
    let known = shape.filter { $0 != -1 }.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    var result = shape
    if let axis = inferred.first {
      guard known != 0, count % known == 0 else {
        throw TensorError.invalidShape(op: op, shape: shape, reason: "cannot infer -1 for \(count) elements")
      }
      result[axis] = count / known
    } else if known != count {
      throw TensorError.invalidShape(op: op, shape: shape, reason: "\(known) elements requested, tensor has \(count)")
    }
    return result
  }

  /// The broadcast of two shapes (NumPy rules: align trailing dimensions, 1 stretches).
  public static func broadcast(_ lhs: [Int], _ rhs: [Int], op: String) throws -> [Int] {
    let rank = max(lhs.count, rhs.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let a = i < rank - lhs.count ? 1 : lhs[i - (rank - lhs.count)]
      let b = i < rank - rhs.count ? 1 : rhs[i - (rank - rhs.count)]
      guard a == b || a == 1 || b == 1 else {
        throw TensorError.shapeMismatch(op: op, lhs: lhs, rhs: rhs, detail: "cannot broadcast")
      }
      result[i] = a == 1 ? b : a
    }
    return result
  }

  /// Validates a user-supplied shape: non-negative extents whose product fits in an Int.
  public static func validate(_ shape: [Int], op: String) throws {
    var total = 1
    for extent in shape {
      guard extent >= 0 else { throw TensorError.invalidShape(op: op, shape: shape, reason: "negative size \(extent)") }
      let (product, overflow) = total.multipliedReportingOverflow(by: extent)
      guard !overflow else { throw TensorError.allocationTooLarge(op: op, bytes: Int.max, limit: TensorStorage<Float>.allocationLimit) }
      total = product
    }
  }
}
