// Tensor+InPlace: writes into existing storage — optimizer updates, fills, gradient accumulation.
import Kernels

extension Tensor {
  /// Refuses in-place writes that would corrupt a recorded graph.
  func checkInPlace(_ op: String) throws {
    if requiresGrad && GradientMode.isEnabled { throw TensorError.inPlaceOnGradientTensor(op: op) }
  }

  /// Adds `alpha · other` (broadcast) into this tensor, in place.
  public func add(_ other: Tensor, scaledBy alpha: Float = 1) throws {
    try checkInPlace("add_")
    if alpha == 1 {
      try addWithoutRecording(other)
    } else {
      try addWithoutRecording(withoutGradient { try other * alpha })
    }
  }

  /// Multiplies every element by `factor`, in place.
  public func multiply(by factor: Float) throws {
    try checkInPlace("mul_")
    withExtendedLifetime(self) {
      Kernels.unary(.affine(scale: factor, shift: 0), shape: shape, input: base, inputStrides: strides,
                    output: base, outputStrides: strides)
    }
    storage.noteMutation()
  }

  /// Sets every element to `value`, in place.
  public func fill(with value: Float) throws {
    try checkInPlace("fill_")
    fillWithoutRecording(value)
  }

  /// Copies `source` (broadcast to this shape) into this tensor, in place.
  public func copy(from source: Tensor) throws {
    try checkInPlace("copy_")
    try copyIn(source, op: "copy_")
  }

  /// Adds `other` (broadcast) into this tensor without autograd checks: gradient accumulation.
  func addWithoutRecording(_ other: Tensor) throws {
    let broadcast = try Layout.broadcast(shape, other.shape, op: "add_")
    guard broadcast == shape else {
      throw TensorError.shapeMismatch(op: "add_", lhs: shape, rhs: other.shape, detail: "the addend must broadcast to the target")
    }
    withExtendedLifetime((self, other)) {
      Kernels.binary(.add, shape: shape, lhs: base, lhsStrides: strides,
                     rhs: other.base, rhsStrides: other.layout.broadcastStrides(to: shape),
                     output: base, outputStrides: strides)
    }
    storage.noteMutation()
  }
}
