// TensorError: every way a tensor operation can fail on its inputs, with one message renderer.

/// An error thrown by a tensor operation. Each case names the operation (`op`) and carries the
/// values that were wrong, so the message can show both sides of a mismatch.
public enum TensorError: Error, Equatable, Sendable {
  /// Two shapes that had to agree (broadcast, multiply, concatenate, assign) do not.
  case shapeMismatch(op: String, lhs: [Int], rhs: [Int], detail: String = "")
  /// An axis argument outside `-rank..<rank`.
  case axisOutOfRange(op: String, axis: Int, rank: Int)
  /// An index outside `-size..<size` (or a token id outside the vocabulary).
  case indexOutOfRange(op: String, index: Int, size: Int)
  /// A shape argument that cannot describe the tensor (negative sizes, two -1s, wrong count).
  case invalidShape(op: String, shape: [Int], reason: String)
  /// Any other argument that the operation cannot accept.
  case invalidArgument(op: String, reason: String)
  /// A single allocation larger than the limit (physical memory, or `RLNB_MAX_TENSOR_BYTES`).
  case allocationTooLarge(op: String, bytes: Int, limit: Int)
  /// The system could not provide the memory.
  case outOfMemory(op: String, bytes: Int)
  /// `backward()` called where no gradient can flow, or with a missing or wrong-shaped seed.
  case notDifferentiable(op: String, reason: String)
  /// `backward()` reached an operation whose graph an earlier backward already released.
  case graphReleased(op: String)
  /// A tensor saved for the backward pass was modified in place after it was saved.
  case modifiedInPlace(op: String)
  /// An in-place write to a tensor that requires grad while gradients are being recorded.
  case inPlaceOnGradientTensor(op: String)
}

extension TensorError: CustomStringConvertible {
  /// The message shown to users: a lowercase phrase that starts with the operation.
  public var description: String {
    switch self {
    case let .shapeMismatch(op, lhs, rhs, detail):
      let suffix = detail.isEmpty ? "" : " (\(detail))"
      return "\(op): shape mismatch, \(shapeText(lhs)) vs \(shapeText(rhs))\(suffix)"
    case let .axisOutOfRange(op, axis, rank):
      return "\(op): axis \(axis) is out of range for a tensor of rank \(rank) (expected \(-max(rank, 1))..\(max(rank, 1) - 1))"
    case let .indexOutOfRange(op, index, size):
      return "\(op): index \(index) is out of range for size \(size)"
    case let .invalidShape(op, shape, reason):
      return "\(op): invalid shape \(shapeText(shape)): \(reason)"
    case let .invalidArgument(op, reason):
      return "\(op): \(reason)"
    case let .allocationTooLarge(op, bytes, limit):
      return "\(op): refusing to allocate \(byteText(bytes)) for one tensor (limit \(byteText(limit)); set RLNB_MAX_TENSOR_BYTES to change it)"
    case let .outOfMemory(op, bytes):
      return "\(op): out of memory allocating \(byteText(bytes))"
    case let .notDifferentiable(op, reason):
      return "\(op): \(reason)"
    case let .graphReleased(op):
      return "backward: the graph through '\(op)' was already released by an earlier backward() (pass retainGraph to keep it)"
    case let .modifiedInPlace(op):
      return "backward: a tensor saved by '\(op)' was modified in place after it was used; its gradient would be wrong"
    case let .inPlaceOnGradientTensor(op):
      return "\(op): cannot modify a tensor that requires grad in place while recording gradients (use no_grad, or detach it)"
    }
  }
}

/// Renders a shape as `[2, 3]`.
func shapeText(_ shape: [Int]) -> String {
  "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

/// Renders a byte count with a binary unit, e.g. `3.7 TiB (4000000000000 bytes)`.
func byteText(_ bytes: Int) -> String {
  let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
  var value = Double(bytes)
  var unit = 0
  while value >= 1024 && unit < units.count - 1 {
    value /= 1024
    unit += 1
  }
  if unit == 0 { return "\(bytes) bytes" }
  let rounded = (value * 10).rounded() / 10
  return "\(rounded) \(units[unit]) (\(bytes) bytes)"
}
