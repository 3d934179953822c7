// Tensor+Reduction: sum, mean, max, min, argmax, logsumexp and variance over any axes.
import Kernels

extension Tensor {
  /// Normalizes, de-duplicates and sorts reduction axes (nil means every axis).
  func reductionAxes(_ axes: [Int]?, op: String) throws -> [Int] {
    guard let axes else { return Array(0..<rank) }
    let normalized = try axes.map { try layout.normalizedAxis($0, op: op) }
    guard Set(normalized).count == normalized.count else {
      throw TensorError.invalidArgument(op: op, reason: "axis \(axes) repeats a dimension")
    }
    return normalized.sorted()
  }

  /// Reduces one axis with a kernel, keeping it as size 1. The input is made contiguous first.
  func reduceKeepingDimension(_ operation: ReductionOperation, axis: Int, op: String) throws -> Tensor {
    let source = try withoutGradient { try contiguous() }
    var outputShape = shape
    outputShape[axis] = 1
    let result = try Tensor.uninitialized(outputShape, op: op)
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    withExtendedLifetime((source, result)) {
      Kernels.reduce(operation, input: source.base, outer: outer, length: shape[axis], inner: inner, into: result.base)
    }
    return result
  }

  /// The sum over `axes` (every axis when nil); reduced axes are dropped unless
  /// `keepingDimensions`.
  public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) throws -> Tensor {
    let axes = try reductionAxes(axes, op: "sum")
    var result = self.detached()
    for axis in axes.reversed() { result = try result.reduceKeepingDimension(.sum, axis: axis, op: "sum") }
    if axes.isEmpty { result = try contiguousCopy() }
    let keptShape = result.shape
    if !keepingDimensions { result = result.view(Layout(contiguous: shape.enumerated().filter { !axes.contains($0.offset) }.map { $0.element })) }
    let inputShape = shape
    return Tensor.record(result, "sum", inputs: [self]) { .sum(inputShape: inputShape, keptShape: keptShape) }
  }

  /// The sum over one axis.
  public func sum(axis: Int, keepingDimensions: Bool = false) throws -> Tensor {
    try sum(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The mean over `axes` (every axis when nil).
  public func mean(axes: [Int]? = nil, keepingDimensions: Bool = false) throws -> Tensor {
    let normalized = try reductionAxes(axes, op: "mean")
    let count = normalized.reduce(1) { $0 * shape[$1] }
    return try sum(axes: normalized, keepingDimensions: keepingDimensions) * (1 / Float(count))
  }

  /// The mean over one axis.
  public func mean(axis: Int, keepingDimensions: Bool = false) throws -> Tensor {
    try mean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variance over `axes` with Bessel's `correction` (1, the PyTorch default, gives the
  /// unbiased estimate; 0 the population variance).
  public func variance(axes: [Int]? = nil, correction: Int = 1, keepingDimensions: Bool = false) throws -> Tensor {
    let normalized = try reductionAxes(axes, op: "var")
    let count = normalized.reduce(1) { $0 * shape[$1] }
    let centered = try self - mean(axes: normalized, keepingDimensions: true)
    return try centered.square().sum(axes: normalized, keepingDimensions: keepingDimensions)
      * (1 / Float(Swift.max(count - correction, 0)))
  }

  /// The largest element along `axis` (every element when nil). The gradient goes to the
  /// first maximal element, the one `argmax` returns.
  public func max(axis: Int? = nil, keepingDimensions: Bool = false) throws -> Tensor {
    try extremum(largest: true, axis: axis, keepingDimensions: keepingDimensions)
  }

  /// The smallest element along `axis` (every element when nil).
  public func min(axis: Int? = nil, keepingDimensions: Bool = false) throws -> Tensor {
    try extremum(largest: false, axis: axis, keepingDimensions: keepingDimensions)
  }

  /// The index of the largest element along `axis` (of the flattened tensor when nil).
  public func argmax(axis: Int? = nil, keepingDimensions: Bool = false) throws -> IntTensor {
    try argExtremum(largest: true, axis: axis, keepingDimensions: keepingDimensions)
  }

  /// The index of the smallest element along `axis` (of the flattened tensor when nil).
  public func argmin(axis: Int? = nil, keepingDimensions: Bool = false) throws -> IntTensor {
    try argExtremum(largest: false, axis: axis, keepingDimensions: keepingDimensions)
  }

  /// log Σ exp(x) over `axis`, computed stably (shifted by the detached maximum).
  public func logSumExp(axis: Int, keepingDimensions: Bool = false) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: "logsumexp")
    let largest = try withoutGradient {
      let m = try self.max(axis: axis, keepingDimensions: true)
      // An all −inf slice has log-sum-exp −inf; shift it by 0 so no inf − inf appears.
      return try m.maskedFill(m.abs() .== Tensor(.infinity), with: 0)
    }
    let result = try (self - largest).exp().sum(axis: axis, keepingDimensions: true).log() + largest
    return keepingDimensions ? result : try result.squeezed(axis: axis)
  }

  private func extremum(largest: Bool, axis: Int?, keepingDimensions: Bool) throws -> Tensor {
    let name = largest ? "max" : "min"
    guard let axis else {
      guard count > 0 else { throw TensorError.invalidArgument(op: name, reason: "cannot reduce an empty tensor") }
      return try flattened().extremum(largest: largest, axis: 0, keepingDimensions: false)
    }
    let normalized = try layout.normalizedAxis(axis, op: name)
    guard shape[normalized] > 0 else {
      throw TensorError.invalidArgument(op: name, reason: "cannot reduce an empty dimension (axis \(axis) of \(shapeText(shape)))")
    }
    let values = try reduceKeepingDimension(largest ? .maximum : .minimum, axis: normalized, op: name)
    let result = keepingDimensions ? values : values.view(Layout(contiguous: shape.enumerated().filter { $0.offset != normalized }.map { $0.element }))
    let inputShape = shape
    return try Tensor.record(result, name, inputs: [self]) {
      let indices = try argExtremum(largest: largest, axis: normalized, keepingDimensions: true)
      return .gatherFirstExtremum(inputShape: inputShape, axis: normalized, indices: indices)
    }
  }

  private func argExtremum(largest: Bool, axis: Int?, keepingDimensions: Bool) throws -> IntTensor {
    let name = largest ? "argmax" : "argmin"
    guard let axis else {
      guard count > 0 else { throw TensorError.invalidArgument(op: name, reason: "cannot reduce an empty tensor") }
      return try withoutGradient { try flattened() }.argExtremum(largest: largest, axis: 0, keepingDimensions: false)
    }
    let normalized = try layout.normalizedAxis(axis, op: name)
    guard shape[normalized] > 0 else {
      throw TensorError.invalidArgument(op: name, reason: "cannot reduce an empty dimension (axis \(axis) of \(shapeText(shape)))")
    }
    let source = try withoutGradient { try contiguous() }
    var outputShape = shape
    outputShape[normalized] = 1
    let result = try IntTensor.uninitialized(outputShape, op: name)
    withExtendedLifetime((source, result)) {
      Kernels.argExtremum(largest: largest, input: source.base, outer: shape[..<normalized].reduce(1, *),
                          length: shape[normalized], inner: shape[(normalized + 1)...].reduce(1, *), into: result.base)
    }
    if keepingDimensions { return result }
    outputShape.remove(at: normalized)
    return result.view(Layout(contiguous: outputShape))
  }
}
