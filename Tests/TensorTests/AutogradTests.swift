// Tests of the autograd machinery: accumulation, no_grad, detach, graph release, in-place rules.
import Testing
@testable import Tensor

@Suite struct AutogradTests {
  @Test func gradientsAccumulateAcrossBackwardCalls() throws {
    let x = try Tensor(shape: [3], scalars: [1, 2, 3]).setRequiresGrad()
    try (x * x).sum().backward()
    #expect(x.grad?.scalars == [2, 4, 6])
    try (x * 3).sum().backward()
    #expect(x.grad?.scalars == [5, 7, 9])
    x.zeroGrad()
    #expect(x.grad == nil)
  }

  @Test func sharedSubexpressionsSumTheirGradients() throws {
    let x = try Tensor(shape: [2], scalars: [1, -2]).setRequiresGrad()
    let y = try x.exp()
    try (y + y * x).sum().backward()   // d/dx [e^x (1 + x)] = e^x (2 + x)
    expectClose(x.grad?.scalars ?? [], [Float(2.718281828 * 3), Float(0.135335283 * 0)], absolute: 1e-5)
  }

  @Test func noGradAndDetachRecordNothing() throws {
    let x = try Tensor.ones([2]).setRequiresGrad()
    let y = try withoutGradient { try x * 2 }
    #expect(!y.requiresGrad && y.isLeaf)
    let z = try x.detached() * 2
    #expect(!z.requiresGrad)
    #expect(throws: TensorError.self) { try y.sum().backward() }
    #expect(GradientMode.isEnabled)
    let w = try x * 2
    #expect(w.requiresGrad && w.gradientFunctionName == "mul")
  }

  @Test func backwardReleasesTheGraphUnlessAskedToKeepIt() throws {
    let x = try Tensor.ones([2]).setRequiresGrad()
    let loss = try (x.exp() * x).sum()
    try loss.backward(retainGraph: true)
    try loss.backward()
    // d/dx Σ x e^x = e^x (1 + x) = 2e at x = 1, accumulated over two backward passes.
    expectClose(x.grad?.scalars ?? [], [4 * 2.7182817, 4 * 2.7182817], absolute: 1e-5)
    #expect(throws: TensorError.graphReleased(op: "sum")) { try loss.backward() }
    // The saved tensors are gone: the node holds nothing any more.
    #expect(loss.node?.derivative == nil && loss.node?.inputs.isEmpty == true)
  }

  @Test func nonScalarBackwardNeedsAnExplicitGradient() throws {
    let x = try Tensor.ones([2, 2]).setRequiresGrad()
    let y = try x * 3
    #expect(throws: TensorError.self) { try y.backward() }
    try y.backward(gradient: Tensor.full([2, 2], value: 0.5))
    #expect(x.grad?.scalars == [1.5, 1.5, 1.5, 1.5])
    #expect(throws: TensorError.self) { try (x * 2).backward(gradient: Tensor.ones([4])) }
  }

  @Test func retainGradKeepsIntermediateGradients() throws {
    let x = try Tensor(shape: [2], scalars: [1, 2]).setRequiresGrad()
    let hidden = try x * 3
    hidden.retainGrad()
    try hidden.square().sum().backward()
    #expect(hidden.grad?.scalars == [6, 12])
    #expect(x.grad?.scalars == [18, 36])
  }

  @Test func inPlaceRulesProtectTheGraph() throws {
    let x = try Tensor.ones([3]).setRequiresGrad()
    #expect(throws: TensorError.inPlaceOnGradientTensor(op: "mul_")) { try x.multiply(by: 2) }
    try withoutGradient { try x.multiply(by: 2) }
    #expect(x.scalars == [2, 2, 2])
    // Modifying a saved input after the forward pass is detected at backward time.
    let a = try Tensor.ones([3])
    let y = try (x * a).sum()
    try a.fill(with: 5)
    #expect(throws: TensorError.modifiedInPlace(op: "mul")) { try y.backward() }
    #expect(throws: TensorError.self) { try (x * 2).setRequiresGrad(false) }
  }

  @Test func deepGraphsDoNotOverflowTheStack() throws {
    let x = try Tensor(1).setRequiresGrad()
    var y = x
    for _ in 0..<20_000 { y = try y * 1.0001 }
    try y.backward()
    #expect(Swift.abs(try x.grad!.item() - 7.3885) < 1e-2)   // 1.0001^20000 ≈ e^2
  }
}
