// TestSupport: seeded tensors, approximate comparison and a central-difference gradient checker.
import Foundation
import Testing
@testable import Tensor

/// A seeded normal tensor (tests never depend on unseeded randomness).
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1, shift: Float = 0) throws -> Tensor {
  var generator = RandomGenerator(seed: seed)
  return try Tensor.randn(shape, mean: shift, standardDeviation: scale, generator: &generator)
}

/// Expects two float arrays to agree element-wise within |a − b| ≤ absolute + relative·|b|.
func expectClose(
  _ actual: [Float], _ expected: [Float], absolute: Float = 1e-5, relative: Float = 1e-5,
  _ message: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "\(message): \(actual.count) vs \(expected.count) values", sourceLocation: sourceLocation)
  var worst: (index: Int, error: Float)? = nil
  for (i, (a, b)) in zip(actual, expected).enumerated() {
    let error = Swift.abs(a - b)
    let allowed = absolute + relative * Swift.abs(b)
    if !(error <= allowed) || a.isNaN != b.isNaN {
      if worst == nil || error > worst!.error { worst = (i, error) }
    }
  }
  if let worst {
    Issue.record("\(message): element \(worst.index) is \(actual[worst.index]), expected \(expected[worst.index])", sourceLocation: sourceLocation)
  }
}

/// How a gradient check presents its inputs to the function under test.
enum InputLayout: CaseIterable, Sendable {
  /// Contiguous leaves.
  case contiguous
  /// Leaves stored transposed (rank ≥ 2) or strided (rank 1) and viewed back: every op must
  /// handle non-contiguous inputs.
  case strided
}

/// Checks the analytic gradient of `loss = Σ f(inputs) ⊙ w` (w a fixed random weighting)
/// with respect to each input against central differences: ε = 1e-3 in float32, so the
/// tolerance is |analytic − numeric| ≤ 5e-3 + 2e-2·|numeric| (STYLE.md, Tensor rule 7).
func checkGradients(
  _ name: String, _ inputs: [Tensor], layout: InputLayout = .contiguous,
  epsilon: Float = 1e-3, absolute: Double = 5e-3, relative: Double = 2e-2,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ function: ([Tensor]) throws -> Tensor
) throws {
  // Leaves hold the values; `views` are what the function sees.
  var leaves: [Tensor] = []
  var views: [Tensor] = []
  for input in inputs {
    switch layout {
    case .contiguous:
      let leaf = try input.contiguousCopy().setRequiresGrad()
      leaves.append(leaf)
      views.append(leaf)
    case .strided where input.rank >= 2:
      let leaf = try input.transposed().contiguousCopy().setRequiresGrad()
      leaves.append(leaf)
      views.append(try leaf.transposed())
    case .strided:
      let doubled = try Tensor.concatenate([input.reshaped([-1, 1]), Tensor.zeros([input.count, 1])], axis: 1)
      let leaf = try doubled.contiguousCopy().setRequiresGrad()
      leaves.append(leaf)
      views.append(try leaf.selected(axis: 1, index: 0).reshaped(input.shape))
    }
  }
  let output = try function(views)
  let weights = try randomTensor(output.shape, seed: 99)
  let weightValues = weights.scalars.map(Double.init)
  try (output * weights).sum().backward()

  func lossValue() throws -> Double {
    let values = try withoutGradient { try function(views) }.scalars
    return zip(values, weightValues).reduce(0) { $0 + Double($1.0) * $1.1 }
  }
  for (index, leaf) in leaves.enumerated() {
    guard let analytic = leaf.grad?.scalars else {
      Issue.record("\(name): input \(index) received no gradient", sourceLocation: sourceLocation)
      continue
    }
    #expect(leaf.grad?.shape == leaf.shape, "\(name): gradient shape", sourceLocation: sourceLocation)
    let pointer = leaf.storage.pointer + leaf.layout.offset
    // Check every element of small inputs, a spread of 40 for large ones.
    let positions = leaf.count <= 40 ? Array(0..<leaf.count) : (0..<40).map { $0 * leaf.count / 40 }
    for position in positions {
      let saved = pointer[position]
      pointer[position] = saved + epsilon
      let plus = try lossValue()
      pointer[position] = saved - epsilon
      let minus = try lossValue()
      pointer[position] = saved
      let numeric = (plus - minus) / (2 * Double(epsilon))
      let error = Swift.abs(Double(analytic[position]) - numeric)
      #expect(error <= absolute + relative * Swift.abs(numeric),
              "\(name) [\(layout)]: d/dinput\(index)[\(position)] analytic \(analytic[position]) vs numeric \(numeric)",
              sourceLocation: sourceLocation)
    }
  }
}
