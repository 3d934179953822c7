// Tests that bad calls throw errors naming the operation and both shapes, and never trap.
import Testing
@testable import Tensor

/// One bad call and the exact message it must produce.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  let call: @Sendable () throws -> Any
  let message: String
  var testDescription: String { message }
  init(_ message: String, _ call: @escaping @Sendable () throws -> Any) {
    self.message = message
    self.call = call
  }
}

let errorCases: [ErrorCase] = [
  ErrorCase("add: shape mismatch, [2, 3] vs [4] (cannot broadcast)") { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) },
  ErrorCase("mul: shape mismatch, [2, 3] vs [3, 2] (cannot broadcast)") { try Tensor.zeros([2, 3]) * Tensor.zeros([3, 2]) },
  ErrorCase("matmul: shape mismatch, [2, 3] vs [2, 3] (inner dimensions 3 and 2 differ)") { try Tensor.zeros([2, 3]).matmul(Tensor.zeros([2, 3])) },
  ErrorCase("sum: axis 2 is out of range for a tensor of rank 2 (expected -2..1)") { try Tensor.zeros([2, 3]).sum(axis: 2) },
  ErrorCase("softmax: axis -3 is out of range for a tensor of rank 2 (expected -2..1)") { try Tensor.zeros([2, 3]).softmax(axis: -3) },
  ErrorCase("transpose: axis 5 is out of range for a tensor of rank 3 (expected -3..2)") { try Tensor.zeros([1, 2, 3]).transposed(5, 0) },
  ErrorCase("reshape: invalid shape [4, 2]: 8 elements requested, tensor has 6") { try Tensor.zeros([2, 3]).reshaped([4, 2]) },
  ErrorCase("select: index 3 is out of range for size 3") { try Tensor.zeros([2, 3]).selected(axis: 1, index: 3) },
  ErrorCase("expand: shape mismatch, [2, 3] vs [2, 4] (only size-1 dimensions can be expanded)") { try Tensor.zeros([2, 3]).expanded(to: [2, 4]) },
  ErrorCase("rms_norm: shape mismatch, [2, 3] vs [4] (weight and bias must be [3])") { try Tensor.zeros([2, 3]).rmsNorm(weight: Tensor.ones([4])) },
  ErrorCase("attention: shape mismatch, [1, 3, 2, 4] vs [1, 2, 2, 4] (batch and head_dim must match, and query heads must be a multiple of key heads)") {
    try Tensor.scaledDotProductAttention(query: Tensor.zeros([1, 3, 2, 4]), key: Tensor.zeros([1, 2, 2, 4]), value: Tensor.zeros([1, 2, 2, 4]))
  },
  ErrorCase("cross_entropy: shape mismatch, [2, 5] vs [3] (targets must have the logits' shape without the class axis)") {
    try Tensor.zeros([2, 5]).crossEntropy(targets: IntTensor([0, 1, 2]))
  },
  ErrorCase("where: shape mismatch, [2] vs [3] (cannot broadcast)") { try Tensor.where(Tensor.ones([2]), Tensor.ones([3]), Tensor(0)) },
  ErrorCase("item: only one-element tensors have an item; this one has shape [2]") { try Tensor.zeros([2]).item() },
  ErrorCase("backward: a tensor of shape [2] needs an explicit gradient; only one-element tensors default to 1") {
    try (Tensor.zeros([2]).setRequiresGrad() * 2).backward()
  },
  ErrorCase("permute: axes [0, 0] are not a permutation of 0..<2") { try Tensor.zeros([2, 2]).permuted([0, 0]) },
  ErrorCase("clamp: lower bound 2.0 exceeds upper bound 1.0") { try Tensor.zeros([2]).clamped(lower: 2, upper: 1) },
]

@Suite struct TensorErrorTests {
  @Test(arguments: errorCases)
  func badCallsThrowNamedErrors(_ testCase: ErrorCase) {
    do {
      _ = try testCase.call()
      Issue.record("no error thrown; expected: \(testCase.message)")
    } catch let error as TensorError {
      #expect(error.description == testCase.message)
    } catch {
      Issue.record("unexpected error type: \(error)")
    }
  }

  @Test func runawayAllocationsAreRefusedWithTheirSize() {
    let error = #expect(throws: TensorError.self) { try Tensor.zeros([1_000_000, 1_000_000]) }
    #expect(error?.description.hasPrefix("full: refusing to allocate 3.6 TiB (4000000000000 bytes) for one tensor") == true)
    #expect(throws: TensorError.self) { try Tensor.zeros([Int.max, 4]) }
    #expect(throws: TensorError.self) { try Tensor.ones([1]).expanded(to: [1 << 20, 1 << 20]).contiguous() }
  }
}
