// Tests of tensor printing: PyTorch-style values, alignment, abbreviation and autograd state.
import Testing
@testable import Tensor

@Suite struct TensorDescriptionTests {
  @Test func smallTensorsPrintLikePyTorch() throws {
    #expect(try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]).description == "tensor([[1., 2.],\n        [3., 4.]])")
    #expect(try Tensor(shape: [3], scalars: [0.5, -1.25, 10]).description == "tensor([ 0.5000, -1.2500, 10.0000])")
    #expect(Tensor(2.5).description == "tensor(2.5000)")
    #expect(try Tensor(shape: [2], scalars: [1e-6, 1]).description == "tensor([1.0000e-06, 1.0000e+00])")
    #expect(try Tensor(shape: [3], scalars: [.nan, .infinity, 1]).description == "tensor([nan, inf, 1.])")
    #expect(try IntTensor([3, 14, 1]).description == "tensor([ 3, 14,  1], dtype=int32)")
  }

  @Test func largeTensorsAreAbbreviatedWithTheirShape() throws {
    let text = try Tensor.arange(to: 2000).reshaped([40, 50]).description
    #expect(text.hasPrefix("tensor([[   0.,    1.,    2.,  ...,   47.,   48.,   49.],\n        [  50.,"))
    #expect(text.contains("        ...,\n"))
    #expect(text.hasSuffix("1997., 1998., 1999.]], shape=[40, 50])"))
  }

  @Test func autogradStateIsShown() throws {
    let x = try Tensor.ones([2]).setRequiresGrad()
    #expect(x.description == "tensor([1., 1.], requires_grad=true)")
    #expect(try (x * 2).description == "tensor([2., 2.], grad_fn=<mul>)")
  }
}
