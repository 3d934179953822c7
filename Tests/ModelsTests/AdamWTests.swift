// Tests of AdamW, gradient clipping and schedules against PyTorch's numbers.
import Foundation
import Testing
@testable import Models
@testable import Tensor

/// adamw_reference.json, written by Fixtures/optimizer/make_adamw_reference.py with torch.
struct AdamWReference: Decodable {
  let params: [Float]
  let grads: [[Float]]
  let after_each_step: [[Float]]
  let clip_input: [Float]
  let clip_norm: Float
  let clipped: [Float]
  let cosine_10_100: [Float]
}

@Suite struct AdamWTests {
  let reference: AdamWReference

  init() throws {
    let path = try fixtureDirectory("optimizer") + "/adamw_reference.json"
    reference = try JSONDecoder().decode(AdamWReference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test func stepsMatchPyTorch() throws {
    let store = try ParameterStore(shapes: [("w", [2, 5]), ("frozen", [3])])
    let (w, frozen) = (store["w"]!, store["frozen"]!)
    try withoutGradient {
      try w.copy(from: Tensor(shape: [2, 5], scalars: reference.params))
      try frozen.copy(from: Tensor.ones([3]))
    }
    try frozen.setRequiresGrad(false)
    let optimizer = try AdamW(parameters: store, learningRate: 0.1, beta1: 0.9, beta2: 0.95, epsilon: 1e-5, weightDecay: 0.01)
    for (gradient, expected) in zip(reference.grads, reference.after_each_step) {
      optimizer.zeroGradients()
      try (w * Tensor(shape: [2, 5], scalars: gradient)).sum().backward()
      try optimizer.step()
      expectClose(w.scalars, expected, absolute: 1e-6, relative: 1e-6, "step \(optimizer.stepCount)")
    }
    #expect(frozen.scalars == [1, 1, 1], "frozen parameters are neither updated nor decayed")
  }

  @Test func gradientClippingMatchesPyTorch() throws {
    let store = try ParameterStore(shapes: [("x", [7])])
    let x = store["x"]!
    try (x * Tensor(shape: [7], scalars: reference.clip_input)).sum().backward()
    let optimizer = try AdamW(parameters: store)
    let norm = try optimizer.clipGradientNorm(to: 1)
    #expect(Swift.abs(norm - reference.clip_norm) < 1e-5)
    expectClose(x.grad?.scalars ?? [], reference.clipped, absolute: 1e-6, relative: 1e-6, "clipped gradient")
  }

  @Test func cosineScheduleMatchesTransformers() {
    let schedule = LearningRateSchedule.cosine(warmupSteps: 10, totalSteps: 100)
    let steps = [0, 5, 10, 55, 100, 120]
    expectClose(steps.map { schedule.multiplier(step: $0) }, reference.cosine_10_100, absolute: 1e-6, relative: 0, "cosine")
    #expect(LearningRateSchedule.linear(warmupSteps: 2, totalSteps: 10).multiplier(step: 6) == 0.5)
  }
}
