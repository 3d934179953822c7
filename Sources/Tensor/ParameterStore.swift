// ParameterStore: model parameters and their gradients as views into two contiguous buffers.

/// Named parameters whose values live in one flat buffer and whose gradients live in another.
///
/// Each parameter is an ordinary leaf tensor that requires grad, but it views a slice of
/// `values`, and `backward()` accumulates its gradient into the matching slice of `gradients`.
/// An optimizer can therefore update every parameter with one fused loop over the flat
/// buffers, and `zeroGradients()` is a single fill. Slices start on 16-element (64-byte)
/// boundaries so every parameter is aligned for vector loads.
public final class ParameterStore: @unchecked Sendable {
  /// The parameters, in the order they were declared.
  public let parameters: [(name: String, tensor: Tensor)]
  /// Every parameter value, flat (including alignment padding, kept at zero).
  public let values: Tensor
  /// Every gradient, flat, aligned with `values`.
  public let gradients: Tensor

  /// Allocates parameters with the given names and shapes, initialized to zero.
  /// - Throws: on invalid shapes, duplicate names, or an allocation past the limit.
  public init(shapes: [(name: String, shape: [Int])]) throws {
    var offsets: [Int] = []
    var total = 0
    var seen = Set<String>()
    for (name, shape) in shapes {
      try Layout.validate(shape, op: "parameters")
      guard seen.insert(name).inserted else {
        throw TensorError.invalidArgument(op: "parameters", reason: "duplicate parameter name '\(name)'")
      }
      offsets.append(total)
      let (next, overflow) = total.addingReportingOverflow((Layout(contiguous: shape).count + 15) / 16 * 16)
      guard !overflow else { throw TensorError.allocationTooLarge(op: "parameters", bytes: Int.max, limit: TensorStorage<Float>.allocationLimit) }
      total = next
    }
    let values = try Tensor.zeros([total])
    let gradients = try Tensor.zeros([total])
    var parameters: [(name: String, tensor: Tensor)] = []
    for ((name, shape), offset) in zip(shapes, offsets) {
      let tensor = Tensor(storage: values.storage, layout: Layout(contiguous: shape, offset: offset), requiresGrad: true)
      let gradient = Tensor(storage: gradients.storage, layout: Layout(contiguous: shape, offset: offset))
      tensor.boundGradient = gradient
      parameters.append((name, tensor))
    }
    self.parameters = parameters
    self.values = values
    self.gradients = gradients
  }

  /// The parameter called `name`, if any.
  public subscript(name: String) -> Tensor? {
    parameters.first { $0.name == name }?.tensor
  }

  /// The number of scalar parameters (without alignment padding).
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.tensor.count } }

  /// Sets every gradient to zero with one fill, keeping each parameter's `.grad` bound.
  public func zeroGradients() {
    gradients.fillWithoutRecording(0)
    for (_, tensor) in parameters { tensor.grad = nil }
  }
}
