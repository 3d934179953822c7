// Tensor+Softmax: softmax and log-softmax along an axis, fused per row.
import Kernels

extension Tensor {
  /// e^x / Σ e^x along `axis`, stable for large inputs.
  public func softmax(axis: Int = -1) throws -> Tensor {
    try rowwise(axis: axis, name: "softmax", kernel: Kernels.softmaxRows) { .softmax(output: SavedTensor($0)) }
  }

  /// x − log Σ e^x along `axis`, computed without forming e^x for large x.
  public func logSoftmax(axis: Int = -1) throws -> Tensor {
    try rowwise(axis: axis, name: "log_softmax", kernel: Kernels.logSoftmaxRows) { .logSoftmax(output: SavedTensor($0)) }
  }

  /// Runs a row kernel along the last axis; other axes are moved last and back (views).
  private func rowwise(
    axis: Int, name: String,
    kernel: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void,
    derivative: (Tensor) -> Derivative
  ) throws -> Tensor {
    let axis = try layout.normalizedAxis(axis, op: name)
    if axis != rank - 1 {
      return try transposed(axis, -1).rowwise(axis: -1, name: name, kernel: kernel, derivative: derivative).transposed(axis, -1)
    }
    let source = try withoutGradient { try contiguous() }
    let result = try Tensor.uninitialized(shape, op: name)
    let length = shape[rank - 1]
    if length > 0 {
      withExtendedLifetime((source, result)) { kernel(source.base, count / length, length, result.base) }
    }
    return Tensor.record(result, name, inputs: [self]) { derivative(result) }
  }

  /// Backward of a row-wise softmax or log-softmax over the last axis, from its output.
  static func softmaxGradient(output: Tensor, gradOutput: Tensor, logarithmic: Bool) throws -> Tensor {
    let g = try gradOutput.contiguous()
    let result = try Tensor.uninitialized(output.shape, op: "softmax_backward")
    let length = output.shape.last ?? 1
    guard length > 0 else { return result }
    withExtendedLifetime((output, g, result)) {
      if logarithmic {
        Kernels.logSoftmaxBackwardRows(output: output.base, gradOutput: g.base, rows: output.count / length, length: length, into: result.base)
      } else {
        Kernels.softmaxBackwardRows(output: output.base, gradOutput: g.base, rows: output.count / length, length: length, into: result.base)
      }
    }
    return result
  }
}
