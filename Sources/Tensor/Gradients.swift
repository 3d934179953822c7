// Gradients: every recorded operation and how it pulls the output gradient back to its inputs.
import Kernels

/// A recorded operation with what its backward pass needs. One case per primitive; composite
/// operations (mean, variance, logsumexp, quickGELU, linear, stack) record their parts.
enum Derivative {
  case identity
  case add(lhsShape: [Int], rhsShape: [Int])
  case subtract(lhsShape: [Int], rhsShape: [Int])
  case multiply(SavedTensor, SavedTensor)
  case divide(SavedTensor, SavedTensor)
  case power(SavedTensor, SavedTensor, SavedTensor)
  case extremum(SavedTensor, SavedTensor, largest: Bool)
  case choose(condition: SavedTensor, lhsShape: [Int], rhsShape: [Int])
  case unary(UnaryOperation, input: SavedTensor, output: SavedTensor)
  case sum(inputShape: [Int], keptShape: [Int])
  case gatherFirstExtremum(inputShape: [Int], axis: Int, indices: IntTensor)
  case matmul(SavedTensor, SavedTensor, needsGradients: (lhs: Bool, rhs: Bool))
  case reshape(inputShape: [Int])
  case permute(inverse: [Int])
  case expand(inputShape: [Int])
  case slice(inputShape: [Int], axis: Int, start: Int, step: Int)
  case select(inputShape: [Int], axis: Int, index: Int)
  case concatenate(axis: Int, sizes: [Int])
  case pad(before: [Int], inputShape: [Int])
  case gather(inputShape: [Int], axis: Int, index: IntTensor)
  case scatterAdd(axis: Int, index: IntTensor)
  case indexSelect(inputShape: [Int], axis: Int, indices: IntTensor)
  case softmax(output: SavedTensor)
  case logSoftmax(output: SavedTensor)
  case rmsNorm(input: SavedTensor, weight: SavedTensor?, rstd: Tensor)
  case layerNorm(input: SavedTensor, weight: SavedTensor?, hasBias: Bool, mean: Tensor, rstd: Tensor)
  case rotary(cos: SavedTensor, sin: SavedTensor)
  case attention(query: SavedTensor, key: SavedTensor, value: SavedTensor, mask: Tensor?, causal: Bool, scale: Float, probabilities: Tensor)
  case crossEntropy(logits: SavedTensor, targets: IntTensor, logSumExp: Tensor, ignoreIndex: Int32)

  /// The gradients of the inputs, in the order they were recorded, given the output gradient
  /// `g`. Runs with recording off.
  func inputGradients(_ g: Tensor) throws -> [Tensor?] {
    switch self {
    case .identity: return [g]
    case let .add(lhsShape, rhsShape): return [try g.sumToShape(lhsShape), try g.sumToShape(rhsShape)]
    case let .subtract(lhsShape, rhsShape): return [try g.sumToShape(lhsShape), try (-g).sumToShape(rhsShape)]
    case let .multiply(a, b):
      let (x, y) = (try a.unpack(for: "mul"), try b.unpack(for: "mul"))
      return [try (g * y).sumToShape(x.shape), try (g * x).sumToShape(y.shape)]
    case let .divide(a, b):
      let (x, y) = (try a.unpack(for: "div"), try b.unpack(for: "div"))
      let gradX = try g / y
      return [try gradX.sumToShape(x.shape), try (-(gradX * x) / y).sumToShape(y.shape)]
    case let .power(a, b, out):
      let (x, y, z) = (try a.unpack(for: "pow"), try b.unpack(for: "pow"), try out.unpack(for: "pow"))
      let gradX = try g * y * Tensor.pow(x, y - 1)
      let logX = try Tensor.where(x .> Tensor(0), x.log(), Tensor(0))
      return [try gradX.sumToShape(x.shape), try (g * z * logX).sumToShape(y.shape)]
    case let .extremum(a, b, largest):
      let (x, y) = (try a.unpack(for: "extremum"), try b.unpack(for: "extremum"))
      let wins = largest ? try x .> y : try x .< y
      let share = try wins + (x .== y) * 0.5
      return [try (g * share).sumToShape(x.shape), try (g * (1 - share)).sumToShape(y.shape)]
    case let .choose(condition, lhsShape, rhsShape):
      let c = try condition.unpack(for: "where")
      let zero = Tensor(0)
      return [try Tensor.where(c, g, zero).sumToShape(lhsShape), try Tensor.where(c, zero, g).sumToShape(rhsShape)]
    case let .unary(operation, input, output):
      return [try Tensor.unaryGradient(operation, input: input.unpack(for: "\(operation)"), output: output.unpack(for: "\(operation)"), gradOutput: g)]
    case let .sum(inputShape, keptShape): return [try g.reshaped(keptShape).expanded(to: inputShape)]
    case let .gatherFirstExtremum(inputShape, axis, indices):
      let result = try Tensor.zeros(inputShape)
      try result.scatterAddWithoutRecording(axis: axis, index: indices, source: g.reshaped(indices.shape))
      return [result]
    case let .matmul(a, b, needs):
      return try Tensor.matmulGradients(a.unpack(for: "matmul"), b.unpack(for: "matmul"), g, needsGradients: needs)
    case let .reshape(inputShape): return [try g.reshaped(inputShape)]
    case let .permute(inverse): return [try g.permuted(inverse)]
    case let .expand(inputShape): return [try g.sumToShape(inputShape)]
    case let .slice(inputShape, axis, start, step):
      let result = try Tensor.zeros(inputShape)
      let target = result.view(try result.layout.sliced(axis: axis, start: start, end: nil, step: step).layout)
      let window = target.view(try target.layout.sliced(axis: axis, start: 0, end: g.shape[axis], step: 1).layout)
      try window.copyIn(g, op: "slice_backward")
      return [result]
    case let .select(inputShape, axis, index):
      let result = try Tensor.zeros(inputShape)
      try result.view(try result.layout.selected(axis: axis, index: index).layout).copyIn(g, op: "select_backward")
      return [result]
    case let .concatenate(axis, sizes): return try g.split(sizes: sizes, axis: axis)
    case let .pad(before, inputShape):
      var interior = g.layout
      for axis in before.indices {
        interior.offset += before[axis] * interior.strides[axis]
        interior.shape[axis] = inputShape[axis]
      }
      return [g.view(interior)]
    case let .gather(inputShape, axis, index):
      let result = try Tensor.zeros(inputShape)
      try result.scatterAddWithoutRecording(axis: axis, index: index, source: g)
      return [result]
    case let .scatterAdd(axis, index): return [g, try g.gather(axis: axis, index: index)]
    case let .indexSelect(inputShape, axis, indices):
      return [try Tensor.indexSelectGradient(inputShape: inputShape, axis: axis, indices: indices, gradOutput: g)]
    case let .softmax(output):
      return [try Tensor.softmaxGradient(output: output.unpack(for: "softmax"), gradOutput: g, logarithmic: false)]
    case let .logSoftmax(output):
      return [try Tensor.softmaxGradient(output: output.unpack(for: "log_softmax"), gradOutput: g, logarithmic: true)]
    case let .rmsNorm(input, weight, rstd):
      return try Tensor.rmsNormGradients(input: input.unpack(for: "rms_norm"), weight: weight?.unpack(for: "rms_norm"), rstd: rstd, gradOutput: g)
    case let .layerNorm(input, weight, hasBias, mean, rstd):
      return try Tensor.layerNormGradients(input: input.unpack(for: "layer_norm"), weight: weight?.unpack(for: "layer_norm"),
                                           hasBias: hasBias, mean: mean, rstd: rstd, gradOutput: g)
    case let .rotary(cos, sin):
      return [try Tensor.rotate(g, cos: cos.unpack(for: "rotary"), sin: sin.unpack(for: "rotary"), inverse: true)]
    case let .attention(query, key, value, mask, causal, scale, probabilities):
      return try Tensor.attentionGradients(query: query.unpack(for: "attention"), key: key.unpack(for: "attention"),
                                           value: value.unpack(for: "attention"), mask: mask, causal: causal, scale: scale,
                                           probabilities: probabilities, gradOutput: g)
    case let .crossEntropy(logits, targets, logSumExp, ignoreIndex):
      return [try Tensor.crossEntropyGradient(logits: logits.unpack(for: "cross_entropy"), targets: targets, logSumExp: logSumExp,
                                              ignoreIndex: ignoreIndex, gradOutput: g)]
    }
  }
}

extension Tensor {
  /// The input gradient of a unary kernel, from the saved input and output.
  static func unaryGradient(_ operation: UnaryOperation, input: Tensor, output: Tensor, gradOutput: Tensor) throws -> Tensor {
    let x = try input.contiguous(), y = try output.contiguous(), g = try gradOutput.contiguous()
    let result = try Tensor.uninitialized(input.shape, op: "backward")
    withExtendedLifetime((x, y, g, result)) {
      Kernels.unaryGradient(operation, count: result.count, input: x.base, output: y.base, gradOutput: g.base, into: result.base)
    }
    return result
  }
}
