// TensorIndex: NumPy-style subscripts (integers, slices, new axes, ellipsis) and slice assignment.
import Kernels

/// One component of a subscript such as `t[0, 1:3, ..., None]`.
public enum TensorIndex: Sendable, Equatable {
  /// Selects one position and removes the dimension; negative counts from the end.
  case index(Int)
  /// Python slice `start:end:step`; nil bounds mean the whole extent.
  case slice(start: Int?, end: Int?, step: Int?)
  /// Inserts a size-1 dimension.
  case newAxis
  /// Stands for as many whole dimensions as needed.
  case ellipsis

  /// The whole dimension (`:`).
  public static let all = TensorIndex.slice(start: nil, end: nil, step: nil)
}

extension Tensor {
  /// The view selected by NumPy-style subscript components (`t[0, 1:3]` is
  /// `[.index(0), .slice(start: 1, end: 3, step: nil)]`). Missing trailing components mean `:`.
  public func indexed(_ components: [TensorIndex]) throws -> Tensor {
    let consuming = components.filter { $0 != .newAxis && $0 != .ellipsis }.count
    guard components.filter({ $0 == .ellipsis }).count <= 1 else {
      throw TensorError.invalidArgument(op: "index", reason: "an index can contain at most one '...'")
    }
    guard consuming <= rank else {
      throw TensorError.invalidArgument(op: "index", reason: "\(consuming) indices given for a tensor of rank \(rank)")
    }
    var expandedComponents: [TensorIndex] = []
    for component in components {
      if component == .ellipsis {
        expandedComponents += Array(repeating: .all, count: rank - consuming)
      } else {
        expandedComponents.append(component)
      }
    }
    var result = self
    var axis = 0
    for component in expandedComponents {
      switch component {
      case .index(let index):
        result = try result.selected(axis: axis, index: index)
      case let .slice(start, end, step):
        if start != nil || end != nil || (step ?? 1) != 1 {
          result = try result.sliced(axis: axis, start: start, end: end, step: step ?? 1)
        }
        axis += 1
      case .newAxis:
        result = try result.unsqueezed(axis: axis)
        axis += 1
      case .ellipsis:
        break
      }
    }
    return result
  }

  /// Writes `value` (broadcast) into the view selected by `components`, in place.
  /// - Throws: when the tensor requires grad while recording, or the shapes do not broadcast.
  public func assign(_ value: Tensor, at components: [TensorIndex]) throws {
    try checkInPlace("assign")
    let target = try withoutGradient { try indexed(components) }
    try target.copyIn(value, op: "assign")
  }

  /// Writes `value` into every element of the view selected by `components`, in place.
  public func assign(_ value: Float, at components: [TensorIndex]) throws {
    try checkInPlace("assign")
    let target = try withoutGradient { try indexed(components) }
    withExtendedLifetime(target) {
      Kernels.fill(shape: target.shape, destination: target.base, strides: target.strides, value: value)
    }
    storage.noteMutation()
  }

  /// Copies `value`, broadcast to this view's shape, into this view.
  func copyIn(_ value: Tensor, op: String) throws {
    let broadcast = try Layout.broadcast(shape, value.shape, op: op)
    guard broadcast == shape else {
      throw TensorError.shapeMismatch(op: op, lhs: shape, rhs: value.shape, detail: "the value must broadcast to the target")
    }
    // A source overlapping the destination (t[1:] = t[:-1]) is copied out first.
    let source = value.storage === storage ? try value.contiguousCopy() : value
    withExtendedLifetime((self, source)) {
      Kernels.copy(shape: shape, source: source.base, sourceStrides: source.layout.broadcastStrides(to: shape),
                   destination: base, destinationStrides: strides)
    }
    storage.noteMutation()
  }
}
