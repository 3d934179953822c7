// BinaryOperation: element-wise functions of two broadcast tensors, and selection by a mask.

#if canImport(Glibc)
import Glibc
#endif

/// An element-wise function z = f(x, y). Comparisons produce 1 for true and 0 for false.
public enum BinaryOperation: Sendable, Equatable {
  case add, subtract, multiply, divide, power
  /// The larger of x and y; NaN if either is NaN.
  case maximum
  /// The smaller of x and y; NaN if either is NaN.
  case minimum
  case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
}

/// Applies `operation` element-wise. Operands are strided views of the same n-d `shape`
/// (broadcast dimensions have stride 0); the output may alias an input for in-place updates.
public func binary(
  _ operation: BinaryOperation, shape: [Int],
  lhs: UnsafePointer<Float>, lhsStrides: [Int],
  rhs: UnsafePointer<Float>, rhsStrides: [Int],
  output: UnsafeMutablePointer<Float>, outputStrides: [Int]
) {
  let operands = (lhs, lhsStrides, rhs, rhsStrides, output, outputStrides)
  switch operation {
  case .add: binaryLoop(operands) { $0 + $1 }
  case .subtract: binaryLoop(operands) { $0 - $1 }
  case .multiply: binaryLoop(operands) { $0 * $1 }
  case .divide: binaryLoop(operands) { $0 / $1 }
  case .power: binaryLoop(operands) { powf($0, $1) }
  case .maximum: binaryLoop(operands) { $0.isNaN || $0 > $1 ? $0 : $1 }
  case .minimum: binaryLoop(operands) { $0.isNaN || $0 < $1 ? $0 : $1 }
  case .equal: binaryLoop(operands) { $0 == $1 ? 1 : 0 }
  case .notEqual: binaryLoop(operands) { $0 != $1 ? 1 : 0 }
  case .less: binaryLoop(operands) { $0 < $1 ? 1 : 0 }
  case .lessOrEqual: binaryLoop(operands) { $0 <= $1 ? 1 : 0 }
  case .greater: binaryLoop(operands) { $0 > $1 ? 1 : 0 }
  case .greaterOrEqual: binaryLoop(operands) { $0 >= $1 ? 1 : 0 }
  }

  @inline(__always)
  func binaryLoop(
    _ operands: (
      UnsafePointer<Float>, [Int], UnsafePointer<Float>, [Int], UnsafeMutablePointer<Float>, [Int]
    ),
    _ f: (Float, Float) -> Float
  ) {
    let (lhs, lhsStrides, rhs, rhsStrides, output, outputStrides) = operands
    forEachRow(shape: shape, strides: [lhsStrides, rhsStrides, outputStrides]) {
      offsets, length, strides in
      let a = lhs + offsets[0]
      let b = rhs + offsets[1]
      let z = output + offsets[2]
      // The three row shapes that matter: both contiguous, and one side a broadcast scalar.
      switch (strides[0], strides[1], strides[2]) {
      case (1, 1, 1):
        for i in 0..<length { z[i] = f(a[i], b[i]) }
      case (1, 0, 1):
        let scalar = b[0]
        for i in 0..<length { z[i] = f(a[i], scalar) }
      case (0, 1, 1):
        let scalar = a[0]
        for i in 0..<length { z[i] = f(scalar, b[i]) }
      case let (sa, sb, sz):
        for i in 0..<length { z[i * sz] = f(a[i * sa], b[i * sb]) }
      }
    }
  }
}

/// Writes `condition ≠ 0 ? lhs : rhs` element-wise over strided operands of one shape.
public func select(
  shape: [Int],
  condition: UnsafePointer<Float>, conditionStrides: [Int],
  lhs: UnsafePointer<Float>, lhsStrides: [Int],
  rhs: UnsafePointer<Float>, rhsStrides: [Int],
  output: UnsafeMutablePointer<Float>, outputStrides: [Int]
) {
  forEachRow(shape: shape, strides: [conditionStrides, lhsStrides, rhsStrides, outputStrides]) {
    offsets, length, strides in
    let c = condition + offsets[0]
    let a = lhs + offsets[1]
    let b = rhs + offsets[2]
    let z = output + offsets[3]
    let (sc, sa, sb, sz) = (strides[0], strides[1], strides[2], strides[3])
    for i in 0..<length { z[i * sz] = c[i * sc] != 0 ? a[i * sa] : b[i * sb] }
  }
}

/// Copies a strided n-d view into another of the same shape (gathers views into contiguous
/// storage, writes slices, materializes broadcasts).
public func copy(
  shape: [Int], source: UnsafePointer<Float>, sourceStrides: [Int],
  destination: UnsafeMutablePointer<Float>, destinationStrides: [Int]
) {
  forEachRow(shape: shape, strides: [sourceStrides, destinationStrides]) { offsets, length, strides in
    let x = source + offsets[0]
    let y = destination + offsets[1]
    if strides[0] == 1 && strides[1] == 1 {
      y.update(from: x, count: length)
    } else {
      let (sx, sy) = (strides[0], strides[1])
      for i in 0..<length { y[i * sy] = x[i * sx] }
    }
  }
}

/// Sets every element of a strided n-d view to `value`.
public func fill(
  shape: [Int], destination: UnsafeMutablePointer<Float>, strides: [Int], value: Float
) {
  forEachRow(shape: shape, strides: [strides]) { offsets, length, rowStrides in
    let y = destination + offsets[0]
    let stride = rowStrides[0]
    if stride == 1 {
      y.update(repeating: value, count: length)
    } else {
      for i in 0..<length { y[i * stride] = value }
    }
  }
}

/// Copies a strided n-d view of 32-bit integers (token ids) into another of the same shape.
public func copy(
  shape: [Int], source: UnsafePointer<Int32>, sourceStrides: [Int],
  destination: UnsafeMutablePointer<Int32>, destinationStrides: [Int]
) {
  forEachRow(shape: shape, strides: [sourceStrides, destinationStrides]) { offsets, length, strides in
    let x = source + offsets[0]
    let y = destination + offsets[1]
    let (sx, sy) = (strides[0], strides[1])
    for i in 0..<length { y[i * sy] = x[i * sx] }
  }
}
