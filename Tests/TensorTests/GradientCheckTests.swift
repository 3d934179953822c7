// Gradient checks: every differentiable operation against central differences, with contiguous
// and strided inputs.
import Testing
@testable import Tensor

/// One differentiable operation under test: how to make its inputs and how to apply it.
struct GradientCase: Sendable, CustomTestStringConvertible {
  let name: String
  let inputs: @Sendable () throws -> [Tensor]
  let function: @Sendable ([Tensor]) throws -> Tensor
  var testDescription: String { name }

  init(_ name: String, _ inputs: @escaping @Sendable () throws -> [Tensor], _ function: @escaping @Sendable ([Tensor]) throws -> Tensor) {
    self.name = name
    self.inputs = inputs
    self.function = function
  }
}

/// Seeded inputs: normal values, optionally shifted away from kinks and poles.
private func normal(_ shape: [Int], _ seed: UInt64, scale: Float = 1) -> @Sendable () throws -> Tensor {
  { try randomTensor(shape, seed: seed, scale: scale) }
}
private func positive(_ shape: [Int], _ seed: UInt64) -> @Sendable () throws -> Tensor {
  { try randomTensor(shape, seed: seed, scale: 0.3).abs() + 0.5 }
}
/// Values at least 0.05 away from zero (for relu, abs and other kinks).
private func awayFromZero(_ shape: [Int], _ seed: UInt64) -> @Sendable () throws -> Tensor {
  {
    let x = try randomTensor(shape, seed: seed)
    return try Tensor.where(x .>= Tensor(0), x + 0.05, x - 0.05)
  }
}
/// A permutation of distinct values (for max/min, which have kinks at ties).
private func distinct(_ shape: [Int], _ seed: UInt64) -> @Sendable () throws -> Tensor {
  {
    var generator = RandomGenerator(seed: seed)
    let count = shape.reduce(1, *)
    return try Tensor(shape: shape, scalars: generator.permutation(count).map { Float($0) * 0.1 - 1 })
  }
}
private func inputs(_ makers: (@Sendable () throws -> Tensor)...) -> @Sendable () throws -> [Tensor] {
  { try makers.map { try $0() } }
}

let elementwiseCases: [GradientCase] = [
  GradientCase("add", inputs(normal([3, 4], 1), normal([3, 4], 2))) { try $0[0] + $0[1] },
  GradientCase("add broadcast", inputs(normal([3, 4], 1), normal([4], 2))) { try $0[0] + $0[1] },
  GradientCase("sub broadcast", inputs(normal([2, 1, 3], 1), normal([4, 1], 2))) { try $0[0] - $0[1] },
  GradientCase("mul broadcast", inputs(normal([2, 3, 4], 1), normal([3, 1], 2))) { try $0[0] * $0[1] },
  GradientCase("div", inputs(normal([3, 4], 1), positive([3, 4], 2))) { try $0[0] / $0[1] },
  GradientCase("div broadcast", inputs(normal([3, 1], 1), positive([1, 4], 2))) { try $0[0] / $0[1] },
  GradientCase("scalar affine", inputs(normal([5], 1))) { try 2 - ($0[0] * 3) / 4 + 1 },
  GradientCase("pow tensor", inputs(positive([3, 3], 1), normal([3, 3], 2, scale: 0.5))) { try Tensor.pow($0[0], $0[1]) },
  GradientCase("maximum", inputs(distinct([3, 4], 1), distinct([3, 4], 2))) { try Tensor.maximum($0[0], $0[1]) },
  GradientCase("minimum", inputs(distinct([3, 4], 1), distinct([4], 2))) { try Tensor.minimum($0[0], $0[1]) },
  GradientCase("where", inputs(normal([3, 4], 1), normal([3, 4], 2))) {
    try Tensor.where(Tensor(shape: [4], scalars: [1, 0, 0, 1]), $0[0], $0[1])
  },
  GradientCase("masked fill", inputs(normal([2, 3], 1))) { try $0[0].maskedFill(Tensor(shape: [3], scalars: [0, 1, 0]), with: -5) },
  GradientCase("neg", inputs(normal([4, 3], 1))) { try -$0[0] },
  GradientCase("exp", inputs(normal([4, 3], 1))) { try $0[0].exp() },
  GradientCase("log", inputs(positive([4, 3], 1))) { try $0[0].log() },
  GradientCase("sqrt", inputs(positive([4, 3], 1))) { try $0[0].sqrt() },
  GradientCase("rsqrt", inputs(positive([4, 3], 1))) { try $0[0].rsqrt() },
  GradientCase("tanh", inputs(normal([4, 3], 1))) { try $0[0].tanh() },
  GradientCase("sigmoid", inputs(normal([4, 3], 1, scale: 2))) { try $0[0].sigmoid() },
  GradientCase("relu", inputs(awayFromZero([4, 3], 1))) { try $0[0].relu() },
  GradientCase("silu", inputs(normal([4, 3], 1, scale: 2))) { try $0[0].silu() },
  GradientCase("gelu exact", inputs(normal([4, 3], 1, scale: 2))) { try $0[0].gelu() },
  GradientCase("gelu tanh", inputs(normal([4, 3], 1, scale: 2))) { try $0[0].gelu(approximation: .tanh) },
  GradientCase("quick gelu", inputs(normal([4, 3], 1, scale: 2))) { try $0[0].quickGELU() },
  GradientCase("abs", inputs(awayFromZero([4, 3], 1))) { try $0[0].abs() },
  GradientCase("square", inputs(normal([4, 3], 1))) { try $0[0].square() },
  GradientCase("reciprocal", inputs(positive([4, 3], 1))) { try $0[0].reciprocal() },
  GradientCase("clamp", inputs(awayFromZero([4, 3], 1))) { try $0[0].clamped(lower: 0, upper: 0.8) + $0[0].clamped(upper: -0.5) },
  GradientCase("pow scalar", inputs(positive([4, 3], 1))) { try $0[0].pow(3) + $0[0].pow(0.5) },
]

let reductionCases: [GradientCase] = [
  GradientCase("sum all", inputs(normal([3, 4], 1))) { try $0[0].sum() },
  GradientCase("sum axis", inputs(normal([3, 4, 2], 1))) { try $0[0].sum(axis: 1) },
  GradientCase("sum axes keepdims", inputs(normal([3, 4, 2], 1))) { try $0[0].sum(axes: [0, -1], keepingDimensions: true) },
  GradientCase("mean", inputs(normal([3, 4], 1))) { try $0[0].mean(axis: -1) },
  GradientCase("max axis", inputs(distinct([3, 4], 1))) { try $0[0].max(axis: 1) },
  GradientCase("min all", inputs(distinct([3, 4], 1))) { try $0[0].min() },
  GradientCase("logsumexp", inputs(normal([3, 5], 1))) { try $0[0].logSumExp(axis: 1) },
  GradientCase("variance", inputs(normal([4, 5], 1))) { try $0[0].variance(axes: [1]) },
  GradientCase("softmax last", inputs(normal([3, 5], 1))) { try $0[0].softmax(axis: -1) },
  GradientCase("softmax first", inputs(normal([4, 3], 1))) { try $0[0].softmax(axis: 0) },
  GradientCase("log softmax", inputs(normal([3, 5], 1))) { try $0[0].logSoftmax() },
]

let viewCases: [GradientCase] = [
  GradientCase("reshape", inputs(normal([3, 4], 1))) { try $0[0].reshaped([2, -1]).exp() },
  GradientCase("permute", inputs(normal([2, 3, 4], 1))) { try $0[0].permuted([2, 0, 1]) * Tensor.arange(to: 3) },
  GradientCase("transpose", inputs(normal([3, 4], 1))) { try $0[0].transposed() },
  GradientCase("slice with step", inputs(normal([5, 4], 1))) { try $0[0].sliced(axis: 0, start: 1, end: 5, step: 2) },
  GradientCase("select", inputs(normal([3, 4], 1))) { try $0[0].selected(axis: -1, index: -2) },
  GradientCase("expand", inputs(normal([3, 1], 1))) { try $0[0].expanded(to: [2, 3, 4]) },
  GradientCase("unsqueeze squeeze", inputs(normal([3, 4], 1))) { try $0[0].unsqueezed(axis: 1).squeezed() },
  GradientCase("flatten", inputs(normal([2, 3, 2], 1))) { try $0[0].flattened(startAxis: 1) },
  GradientCase("indexed", inputs(normal([4, 5], 1))) { try $0[0].indexed([.slice(start: 1, end: nil, step: 2), .newAxis, .index(-1)]) },
  GradientCase("contiguous and clone", inputs(normal([3, 4], 1))) { try $0[0].transposed().contiguous() * $0[0].transposed().cloned() },
  GradientCase("concat", inputs(normal([2, 3], 1), normal([4, 3], 2))) { try Tensor.concatenate($0, axis: 0) },
  GradientCase("stack", inputs(normal([2, 3], 1), normal([2, 3], 2))) { try Tensor.stack($0, axis: -1) },
  GradientCase("split", inputs(normal([5, 3], 1))) {
    let parts = try $0[0].split(sizes: [2, 3], axis: 0)
    return try parts[0].sum(axis: 0) * parts[1].sum(axis: 0)
  },
  GradientCase("chunk", inputs(normal([3, 5], 1))) { try Tensor.concatenate($0[0].chunked(into: 2, axis: 1).reversed(), axis: 1) },
  GradientCase("pad", inputs(normal([2, 3], 1))) { try $0[0].padded([(1, 0), (2, 1)], value: 0.5) },
]

let linearAlgebraCases: [GradientCase] = [
  GradientCase("matmul 2d", inputs(normal([3, 4], 1), normal([4, 5], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul transposed operand", inputs(normal([3, 4], 1), normal([5, 4], 2))) { try $0[0].matmul($0[1].transposed()) },
  GradientCase("matmul batched shared weight", inputs(normal([2, 3, 4], 1), normal([4, 5], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul batched broadcast", inputs(normal([2, 1, 3, 4], 1), normal([3, 4, 2], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul vector vector", inputs(normal([4], 1), normal([4], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul matrix vector", inputs(normal([3, 4], 1), normal([4], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul vector matrix", inputs(normal([4], 1), normal([4, 3], 2))) { try $0[0].matmul($0[1]) },
  GradientCase("matmul single row", inputs(normal([1, 6], 1), normal([5, 6], 2))) { try $0[0].matmul($0[1].transposed()) },
  GradientCase("linear", inputs(normal([2, 3, 4], 1), normal([5, 4], 2), normal([5], 3))) { try $0[0].linear(weight: $0[1], bias: $0[2]) },
]

let fusedCases: [GradientCase] = [
  GradientCase("rms norm", inputs(normal([3, 8], 1), normal([8], 2))) { try $0[0].rmsNorm(weight: $0[1], eps: 1e-6) },
  GradientCase("rms norm without weight", inputs(normal([2, 3, 6], 1))) { try $0[0].rmsNorm(weight: nil) },
  GradientCase("layer norm", inputs(normal([3, 8], 1), normal([8], 2), normal([8], 3))) { try $0[0].layerNorm(weight: $0[1], bias: $0[2]) },
  GradientCase("rotary", inputs(normal([2, 3, 4, 6], 1))) {
    let angles = try randomTensor([2, 1, 4, 6], seed: 7)
    return try $0[0].applyingRotaryEmbedding(cos: angles.withoutGradientCos(), sin: angles.withoutGradientSin())
  },
  GradientCase("attention causal", inputs(normal([2, 2, 4, 3], 1), normal([2, 2, 4, 3], 2), normal([2, 2, 4, 3], 3))) {
    try Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], causal: true)
  },
  GradientCase("attention grouped with padding", inputs(normal([2, 4, 3, 3], 1), normal([2, 2, 3, 3], 2), normal([2, 2, 3, 3], 3))) {
    // Batch row 1 is left-padded by one position: its first query sees no key.
    let keep = try Tensor(shape: [2, 1, 1, 3], scalars: [1, 1, 1, 0, 1, 1])
    return try Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], causal: true, mask: keep)
  },
  GradientCase("attention against cache", inputs(normal([1, 2, 2, 4], 1), normal([1, 1, 5, 4], 2), normal([1, 1, 5, 4], 3))) {
    try Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], causal: true)
  },
  GradientCase("attention bidirectional", inputs(normal([1, 2, 3, 4], 1), normal([1, 2, 5, 4], 2), normal([1, 2, 5, 4], 3))) {
    try Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], causal: false, scale: 0.3)
  },
  GradientCase("cross entropy mean", inputs(normal([4, 5], 1))) {
    try $0[0].crossEntropy(targets: IntTensor([0, 4, -100, 2]))
  },
  GradientCase("cross entropy per token", inputs(normal([2, 3, 5], 1))) {
    try $0[0].crossEntropy(targets: IntTensor(shape: [2, 3], values: [1, 2, 3, 4, -100, 0]), reduction: .none)
  },
  GradientCase("gather", inputs(normal([3, 4], 1))) { try $0[0].gather(axis: 1, index: IntTensor(shape: [3, 2], values: [0, 3, 1, 1, 2, 0])) },
  GradientCase("scatter add", inputs(normal([3, 4], 1), normal([3, 2], 2))) {
    try $0[0].scatterAdd(axis: 1, index: IntTensor(shape: [3, 2], values: [0, 3, 1, 1, 2, 0]), source: $0[1])
  },
  GradientCase("index select", inputs(normal([4, 3], 1))) { try $0[0].indexSelect(axis: 0, indices: IntTensor([3, 0, 3])) },
  GradientCase("embedding", inputs(normal([5, 3], 1))) { try Tensor.embedding(IntTensor(shape: [2, 2], values: [4, 0, 4, 2]), weight: $0[0]) },
]

extension Tensor {
  /// cos of this tensor computed without recording (rotary angles are constants).
  func withoutGradientCos() throws -> Tensor { try withoutGradient { try (self * 0).exp() * self.detached().tanh() } }
  /// A second constant of the same shape, playing sin.
  func withoutGradientSin() throws -> Tensor { try withoutGradient { try self.detached().sigmoid() - 0.5 } }
}

@Suite struct GradientCheckTests {
  @Test(arguments: elementwiseCases, InputLayout.allCases)
  func elementwise(_ testCase: GradientCase, layout: InputLayout) throws {
    try checkGradients(testCase.name, testCase.inputs(), layout: layout, testCase.function)
  }

  @Test(arguments: reductionCases, InputLayout.allCases)
  func reductions(_ testCase: GradientCase, layout: InputLayout) throws {
    try checkGradients(testCase.name, testCase.inputs(), layout: layout, testCase.function)
  }

  @Test(arguments: viewCases, InputLayout.allCases)
  func views(_ testCase: GradientCase, layout: InputLayout) throws {
    try checkGradients(testCase.name, testCase.inputs(), layout: layout, testCase.function)
  }

  @Test(arguments: linearAlgebraCases, InputLayout.allCases)
  func linearAlgebra(_ testCase: GradientCase, layout: InputLayout) throws {
    try checkGradients(testCase.name, testCase.inputs(), layout: layout, testCase.function)
  }

  @Test(arguments: fusedCases, InputLayout.allCases)
  func fused(_ testCase: GradientCase, layout: InputLayout) throws {
    try checkGradients(testCase.name, testCase.inputs(), layout: layout, testCase.function)
  }
}
