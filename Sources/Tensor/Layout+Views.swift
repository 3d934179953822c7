// Layout+Views: the index arithmetic of slicing and selecting, shared by float and integer tensors.

extension Layout {
  /// The layout of `start, start + step, …` before `end` along `axis`, and the clamped start.
  ///
  /// Bounds follow Python: negative values count from the end and out-of-range bounds are
  /// clamped. `step` must be positive.
  func sliced(axis: Int, start: Int?, end: Int?, step: Int) throws -> (layout: Layout, axis: Int, start: Int) {
    let axis = try normalizedAxis(axis, op: "slice")
    guard step > 0 else { throw TensorError.invalidArgument(op: "slice", reason: "step must be positive, got \(step)") }
    let size = shape[axis]
    func clamp(_ bound: Int?, _ fallback: Int) -> Int {
      guard let bound else { return fallback }
      return Swift.min(Swift.max(bound < 0 ? bound + size : bound, 0), size)
    }
    let first = clamp(start, 0)
    let last = clamp(end, size)
    let length = last > first ? (last - first + step - 1) / step : 0
    var result = self
    result.shape[axis] = length
    result.strides[axis] = strides[axis] * step
    if length > 0 { result.offset += first * strides[axis] }
    return (result, axis, first)
  }

  /// The layout of one index along `axis` with that axis removed, and the normalized index.
  func selected(axis: Int, index: Int) throws -> (layout: Layout, axis: Int, index: Int) {
    let axis = try normalizedAxis(axis, op: "select")
    let size = shape[axis]
    let normalized = index < 0 ? index + size : index
    guard normalized >= 0 && normalized < size else { throw TensorError.indexOutOfRange(op: "select", index: index, size: size) }
    var result = self
    result.offset += normalized * strides[axis]
    result.shape.remove(at: axis)
    result.strides.remove(at: axis)
    return (result, axis, normalized)
  }
}
