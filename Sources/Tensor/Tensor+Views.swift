// Tensor+Views: reshape, permute, slice, select, expand — new layouts over shared storage.

extension Tensor {
  /// A view (or, when the strides forbid a view, a copy) with a new shape of the same count.
  /// One dimension may be -1 and is inferred.
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    let resolved = try Layout.resolve(newShape, count: count, op: "reshape")
    let inputShape = shape
    if let layout = layout.reshaped(to: resolved) {
      return Tensor.record(view(layout), "reshape", inputs: [self]) { .reshape(inputShape: inputShape) }
    }
    let copy = try contiguousCopy()
    return Tensor.record(copy.view(Layout(contiguous: resolved)), "reshape", inputs: [self]) { .reshape(inputShape: inputShape) }
  }

  /// A view with the dimensions reordered: result dimension i is this tensor's `axes[i]`.
  public func permuted(_ axes: [Int]) throws -> Tensor {
    guard axes.count == rank else {
      throw TensorError.invalidArgument(op: "permute", reason: "\(axes.count) axes given for a tensor of rank \(rank)")
    }
    let normalized = try axes.map { try layout.normalizedAxis($0, op: "permute") }
    guard Set(normalized).count == rank else {
      throw TensorError.invalidArgument(op: "permute", reason: "axes \(axes) are not a permutation of 0..<\(rank)")
    }
    var inverse = [Int](repeating: 0, count: rank)
    for (position, axis) in normalized.enumerated() { inverse[axis] = position }
    let permutedLayout = Layout(shape: normalized.map { shape[$0] }, strides: normalized.map { strides[$0] }, offset: layout.offset)
    return Tensor.record(view(permutedLayout), "permute", inputs: [self]) { .permute(inverse: inverse) }
  }

  /// A view with two axes swapped (the last two by default).
  public func transposed(_ first: Int = -2, _ second: Int = -1) throws -> Tensor {
    guard rank >= 2 || (first == -2 && second == -1 && rank < 2) else {
      throw TensorError.axisOutOfRange(op: "transpose", axis: first, rank: rank)
    }
    if rank < 2 { return self }
    let a = try layout.normalizedAxis(first, op: "transpose")
    let b = try layout.normalizedAxis(second, op: "transpose")
    var axes = Array(0..<rank)
    axes.swapAt(a, b)
    return try permuted(axes)
  }

  /// A view of the elements `start, start + step, …` before `end` along `axis`.
  ///
  /// Bounds follow Python: negative values count from the end, and out-of-range bounds are
  /// clamped (an empty range gives an empty dimension). `step` must be positive.
  public func sliced(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
    let (sliced, axis, first) = try layout.sliced(axis: axis, start: start, end: end, step: step)
    let inputShape = shape
    return Tensor.record(view(sliced), "slice", inputs: [self]) {
      .slice(inputShape: inputShape, axis: axis, start: first, step: step)
    }
  }

  /// A view of one index along `axis`, with that axis removed.
  public func selected(axis: Int, index: Int) throws -> Tensor {
    let (selected, axis, index) = try layout.selected(axis: axis, index: index)
    let inputShape = shape
    return Tensor.record(view(selected), "select", inputs: [self]) {
      .select(inputShape: inputShape, axis: axis, index: index)
    }
  }

  /// A view broadcast to `target` (NumPy rules; -1 keeps a dimension). Nothing is copied:
  /// broadcast dimensions get stride 0.
  public func expanded(to target: [Int]) throws -> Tensor {
    guard target.count >= rank else {
      throw TensorError.shapeMismatch(op: "expand", lhs: shape, rhs: target, detail: "cannot expand to fewer dimensions")
    }
    let lead = target.count - rank
    var resolved = target
    for axis in target.indices {
      if target[axis] == -1 {
        guard axis >= lead else { throw TensorError.invalidShape(op: "expand", shape: target, reason: "-1 is only allowed for existing dimensions") }
        resolved[axis] = shape[axis - lead]
      }
    }
    try Layout.validate(resolved, op: "expand")
    for axis in shape.indices where shape[axis] != 1 && shape[axis] != resolved[lead + axis] {
      throw TensorError.shapeMismatch(op: "expand", lhs: shape, rhs: target, detail: "only size-1 dimensions can be expanded")
    }
    let expandedLayout = Layout(shape: resolved, strides: layout.broadcastStrides(to: resolved), offset: layout.offset)
    let inputShape = shape
    return Tensor.record(view(expandedLayout), "expand", inputs: [self]) { .expand(inputShape: inputShape) }
  }

  /// A view with a new size-1 dimension at `axis` (which may equal the rank, or be negative).
  public func unsqueezed(axis: Int) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: "unsqueeze", rank: 1)
    var newShape = shape
    newShape.insert(1, at: axis)
    return try reshaped(newShape)
  }

  /// A view without the size-1 dimension `axis`, or without every size-1 dimension when nil.
  public func squeezed(axis: Int? = nil) throws -> Tensor {
    var newShape = shape
    if let axis {
      let axis = try layout.normalizedAxis(axis, op: "squeeze")
      guard shape[axis] == 1 else {
        throw TensorError.invalidArgument(op: "squeeze", reason: "dimension \(axis) has size \(shape[axis]), not 1")
      }
      newShape.remove(at: axis)
    } else {
      newShape.removeAll { $0 == 1 }
    }
    return try reshaped(newShape)
  }

  /// A view with the dimensions `startAxis...endAxis` merged into one.
  public func flattened(startAxis: Int = 0, endAxis: Int = -1) throws -> Tensor {
    if rank == 0 { return try reshaped([1]) }
    let start = try layout.normalizedAxis(startAxis, op: "flatten")
    let end = try layout.normalizedAxis(endAxis, op: "flatten")
    guard start <= end else { throw TensorError.invalidArgument(op: "flatten", reason: "start axis \(startAxis) is after end axis \(endAxis)") }
    let merged = shape[start...end].reduce(1, *)
    return try reshaped(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
  }
}
