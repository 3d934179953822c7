// Tests of the contiguous parameter and gradient buffers an optimizer walks.
import Testing
@testable import Tensor

@Suite struct ParameterStoreTests {
  @Test func parametersAndGradientsLiveInFlatBuffers() throws {
    let store = try ParameterStore(shapes: [("weight", [3, 2]), ("bias", [3])])
    #expect(store.parameterCount == 9)
    #expect(store.values.count == 32)   // each slice starts on a 16-element boundary
    let (weight, bias) = (store["weight"]!, store["bias"]!)
    #expect(weight.storage === store.values.storage && bias.layout.offset == 16)
    try withoutGradient { try weight.copy(from: Tensor.arange(to: 6).reshaped([3, 2])) }
    #expect(throws: TensorError.inPlaceOnGradientTensor(op: "fill_")) { try bias.fill(with: 0) }
    let x = try Tensor(shape: [2], scalars: [1, 1])
    try (weight.matmul(x) + bias).sum().backward()
    #expect(weight.grad?.scalars == [1, 1, 1, 1, 1, 1])
    #expect(Array(store.gradients.scalars[16..<19]) == [1, 1, 1])
    #expect(weight.grad?.storage === store.gradients.storage)
    try (weight.matmul(x) + bias).sum().backward()
    #expect(Array(store.gradients.scalars[0..<6]) == [2, 2, 2, 2, 2, 2])
    store.zeroGradients()
    #expect(store.gradients.scalars.allSatisfy { $0 == 0 } && weight.grad == nil)
    // An SGD step over the flat buffers updates every parameter at once.
    try (weight.sum() + bias.sum()).backward()
    try withoutGradient { try store.values.add(store.gradients, scaledBy: -0.5) }
    #expect(try weight.scalar(at: [2, 1]) == 4.5 && bias.scalars == [-0.5, -0.5, -0.5])
  }

  @Test func duplicateNamesAreRejected() {
    #expect(throws: TensorError.invalidArgument(op: "parameters", reason: "duplicate parameter name 'w'")) {
      try ParameterStore(shapes: [("w", [2]), ("w", [3])])
    }
  }
}
