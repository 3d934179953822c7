// Tensor+Arithmetic: broadcasting element-wise arithmetic, comparisons and selection.
import Kernels

extension Tensor {
  /// Runs a binary kernel over the broadcast of two tensors into a new contiguous tensor.
  static func elementwise(_ operation: BinaryOperation, _ name: String, _ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let shape = try Layout.broadcast(lhs.shape, rhs.shape, op: name)
    let result = try uninitialized(shape, op: name)
    withExtendedLifetime((lhs, rhs, result)) {
      Kernels.binary(operation, shape: shape,
                     lhs: lhs.base, lhsStrides: lhs.layout.broadcastStrides(to: shape),
                     rhs: rhs.base, rhsStrides: rhs.layout.broadcastStrides(to: shape),
                     output: result.base, outputStrides: result.strides)
    }
    return result
  }

  /// Element-wise sum, broadcasting.
  public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let (a, b) = (lhs.shape, rhs.shape)
    return try record(elementwise(.add, "add", lhs, rhs), "add", inputs: [lhs, rhs]) { .add(lhsShape: a, rhsShape: b) }
  }

  /// Element-wise difference, broadcasting.
  public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let (a, b) = (lhs.shape, rhs.shape)
    return try record(elementwise(.subtract, "sub", lhs, rhs), "sub", inputs: [lhs, rhs]) { .subtract(lhsShape: a, rhsShape: b) }
  }

  /// Element-wise product, broadcasting.
  public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try record(elementwise(.multiply, "mul", lhs, rhs), "mul", inputs: [lhs, rhs]) {
      .multiply(SavedTensor(lhs), SavedTensor(rhs))
    }
  }

  /// Element-wise quotient, broadcasting.
  public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try record(elementwise(.divide, "div", lhs, rhs), "div", inputs: [lhs, rhs]) {
      .divide(SavedTensor(lhs), SavedTensor(rhs))
    }
  }

  /// Element-wise negation.
  public static prefix func - (operand: Tensor) throws -> Tensor { try operand.applying(.negate, "neg") }

  public static func + (lhs: Tensor, rhs: Float) throws -> Tensor { try lhs + Tensor(rhs) }
  public static func + (lhs: Float, rhs: Tensor) throws -> Tensor { try Tensor(lhs) + rhs }
  public static func - (lhs: Tensor, rhs: Float) throws -> Tensor { try lhs - Tensor(rhs) }
  public static func - (lhs: Float, rhs: Tensor) throws -> Tensor { try Tensor(lhs) - rhs }
  public static func * (lhs: Tensor, rhs: Float) throws -> Tensor { try lhs * Tensor(rhs) }
  public static func * (lhs: Float, rhs: Tensor) throws -> Tensor { try Tensor(lhs) * rhs }
  public static func / (lhs: Tensor, rhs: Float) throws -> Tensor { try lhs / Tensor(rhs) }
  public static func / (lhs: Float, rhs: Tensor) throws -> Tensor { try Tensor(lhs) / rhs }

  /// Element-wise lhs^rhs, broadcasting. The gradient with respect to the exponent is taken
  /// as 0 where the base is not positive (where log is undefined), as in PyTorch.
  public static func pow(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let result = try elementwise(.power, "pow", lhs, rhs)
    return try record(result, "pow", inputs: [lhs, rhs]) { .power(SavedTensor(lhs), SavedTensor(rhs), SavedTensor(result)) }
  }

  /// The element-wise larger of two tensors (ties split the gradient evenly).
  public static func maximum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    try record(elementwise(.maximum, "maximum", lhs, rhs), "maximum", inputs: [lhs, rhs]) {
      .extremum(SavedTensor(lhs), SavedTensor(rhs), largest: true)
    }
  }

  /// The element-wise smaller of two tensors (ties split the gradient evenly).
  public static func minimum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    try record(elementwise(.minimum, "minimum", lhs, rhs), "minimum", inputs: [lhs, rhs]) {
      .extremum(SavedTensor(lhs), SavedTensor(rhs), largest: false)
    }
  }

  /// Chooses `lhs` where `condition` is nonzero and `rhs` elsewhere, broadcasting all three.
  public static func `where`(_ condition: Tensor, _ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let shape = try Layout.broadcast(Layout.broadcast(condition.shape, lhs.shape, op: "where"), rhs.shape, op: "where")
    let result = try uninitialized(shape, op: "where")
    withExtendedLifetime((condition, lhs, rhs, result)) {
      Kernels.select(shape: shape,
                     condition: condition.base, conditionStrides: condition.layout.broadcastStrides(to: shape),
                     lhs: lhs.base, lhsStrides: lhs.layout.broadcastStrides(to: shape),
                     rhs: rhs.base, rhsStrides: rhs.layout.broadcastStrides(to: shape),
                     output: result.base, outputStrides: result.strides)
    }
    let (lhsShape, rhsShape) = (lhs.shape, rhs.shape)
    return record(result, "where", inputs: [lhs, rhs]) {
      .choose(condition: SavedTensor(condition), lhsShape: lhsShape, rhsShape: rhsShape)
    }
  }

  /// This tensor with `value` wherever `mask` (broadcast) is nonzero.
  public func maskedFill(_ mask: Tensor, with value: Float) throws -> Tensor {
    try Tensor.where(mask, Tensor(value), self)
  }

  /// The sum reduced to `target`, undoing a broadcast (the gradient of broadcasting).
  func sumToShape(_ target: [Int]) throws -> Tensor {
    if shape == target { return self }
    let lead = rank - target.count
    var axes = Array(0..<lead)
    for (axis, extent) in target.enumerated() where extent == 1 && shape[lead + axis] != 1 { axes.append(lead + axis) }
    return try sum(axes: axes, keepingDimensions: true).reshaped(target)
  }
}

// MARK: - Comparisons

extension Tensor {
  /// 1 where lhs == rhs, else 0 (broadcasting; not differentiable).
  public static func .== (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.equal, "eq", lhs, rhs) }
  /// 1 where lhs != rhs, else 0.
  public static func .!= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.notEqual, "ne", lhs, rhs) }
  /// 1 where lhs < rhs, else 0.
  public static func .< (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.less, "lt", lhs, rhs) }
  /// 1 where lhs <= rhs, else 0.
  public static func .<= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.lessOrEqual, "le", lhs, rhs) }
  /// 1 where lhs > rhs, else 0.
  public static func .> (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.greater, "gt", lhs, rhs) }
  /// 1 where lhs >= rhs, else 0.
  public static func .>= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try elementwise(.greaterOrEqual, "ge", lhs, rhs) }
}
