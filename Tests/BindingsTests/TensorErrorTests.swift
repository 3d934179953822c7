// Tensor errors in the language: each becomes a catchable error naming the operation and shapes.

import Bindings
import Lang
import Testing

struct TensorErrorTests {
  @Test(arguments: [
    // Shape errors carry TensorError's text: the operation and both shapes.
    ("ones([2, 3]) + ones([4])", "add: shape mismatch, [2, 3] vs [4] (cannot broadcast)"),
    ("ones([2, 3]) @ ones([4, 5])", "matmul: shape mismatch, [2, 3] vs [4, 5] (inner dimensions 3 and 4 differ)"),
    ("ones([2, 3]).reshape([4, -1])", "reshape: invalid shape [4, -1]: cannot infer -1 for 6 elements"),
    ("ones([2, 3]).sum(axis: 2)", "sum: axis 2 is out of range for a tensor of rank 2 (expected -2..1)"),
    ("ones([2, 3]).transpose(0, 5)", "transpose: axis 5 is out of range for a tensor of rank 2 (expected -2..1)"),
    ("ones([2, 3])[2]", "select: index 2 is out of range for size 2"),
    ("ones([2])[0, 0]", "index: 2 indices given for a tensor of rank 1"),
    ("let t = zeros([2, 3]); t[0] = ones([2])", "assign: shape mismatch, [3] vs [2] (cannot broadcast)"),
    ("cat([ones([2, 3]), ones([2, 4])])", "concat: shape mismatch, [2, 3] vs [2, 4] (all dimensions but 0 must match)"),
    ("ones([3]).item()", "item: only one-element tensors have an item; this one has shape [3]"),
    ("ones([3]).backward()", "backward: the tensor does not require grad (set requires_grad on an input first)"),
    ("randn([2], requires_grad: true).backward()",
     "backward: a tensor of shape [2] needs an explicit gradient; only one-element tensors default to 1"),
    ("let w = ones([1], requires_grad: true); let y = w * 2; y.backward(); y.backward()",
     "backward: the graph through 'mul' was already released by an earlier backward() (pass retainGraph to keep it)"),
    ("tensor([1, 2]).cross_entropy([0])", "cross_entropy: shape mismatch, [2] vs [1] (targets must have the logits' shape without the class axis)"),
    ("zeros([2, 2]).cross_entropy([0, 5])", "cross_entropy: index 5 is out of range for size 2"),
    // Literals, arguments and unsupported uses name the function and the argument.
    ("tensor([[1, 2], [3]])", "tensor: ragged nested list: every list at depth 1 must have 2 elements (expected shape [2, 2])"),
    ("tensor([1, \"a\"])", "tensor: expected numbers in nested lists, got string"),
    ("tensor([1.5], dtype: \"int32\")", "tensor: int32 tensors need integral values, got 1.5"),
    ("tensor([1], dtype: \"complex\")", "bad argument 'dtype' to tensor (dtype \"float32\" or \"int32\" expected, got string)"),
    ("zeros(\"x\")", "bad argument 'shape' to zeros (shape (list of integers) expected, got string)"),
    ("zeros([2.5])", "bad argument 'shape' to zeros (shape (list of integers) expected, got 2.5)"),
    ("zeros([-1])", "full: invalid shape [-1]: negative size -1"),
    ("ones([2]).sum(axis: \"x\")", "bad argument 'axis' to sum (axis (integer or list of integers) expected, got string)"),
    ("ones([2]).reshape(\"x\")", "bad argument 'shape' to reshape (list of integers expected, got string)"),
    ("ones([2]).gelu(approximate: \"fast\")", "bad argument 'approximate' to gelu (\"none\" or \"tanh\" expected, got string)"),
    ("ones([2, 2]).cross_entropy([0, 1], reduction: \"avg\")", "bad argument 'reduction' to cross_entropy (\"mean\", \"sum\" or \"none\" expected, got string)"),
    ("ones([2]).sum(axes: 0)", "unknown label 'axes' in call to sum; did you mean 'axis'?"),
    ("cat([ones([1]), 2])", "bad argument 'tensors' to cat (list of tensors expected, got number)"),
    ("matmul(\"a\", ones([1]))", "bad argument 'a' to matmul (tensor expected, got string)"),
    ("set_seed(-1)", "bad argument 'n' to set_seed (non-negative integer expected, got number)"),
    ("no_grad(1)", "bad argument 'fn' to no_grad (function expected, got number)"),
    ("randint(3, 3, [2])", "randint: high (3) must be above low (3)"),
    ("ones([2]) // 2", "unsupported operands for '//': tensor and number"),
    ("ones([2]) + \"a\"", "unsupported operands for '+': tensor and string"),
    ("if ones([2]) { 1 }", "the truth value of a tensor with 2 elements is ambiguous; use .item() or a reduction such as .sum()"),
    ("len(tensor(1))", "len() of a 0-d tensor"),
    ("for x in tensor(1) { }", "iteration over a 0-d tensor"),
    ("ones([2])[\"a\"]", "tensor index must be an integer, a slice or nil, got string (a list of indices must be the only index)"),
    ("ones([2])[0.5]", "tensor index must be an integer, got 0.5"),
    ("ones([3])[ones([1])]", "tensor index must be an int tensor, got a float32 tensor (convert with .int())"),
    ("let t = ones([2]); t[0] = \"x\"", "assign: cannot assign a string to tensor elements (number or tensor expected)"),
    ("let ids = tensor([1], dtype: \"int\"); ids[0] = 2", "assign: int tensors cannot be written from the language; convert with .float() first"),
    ("tensor([1], dtype: \"int\").requires_grad = true", "requires_grad: int tensors carry no gradients; convert with .float() first"),
    ("tensor([1], dtype: \"int\").zero_()", "zero_: int tensors cannot be modified in place; convert with .float() first"),
    ("ones([2]).colour", "no field 'colour' in tensor"),
    ("ones([2]).clamp(min: 2, max: 1)", "clamp: lower bound 2.0 exceeds upper bound 1.0"),
  ])
  func errorMessage(_ source: String, _ expected: String) throws {
    let result = try evaluate("try { \(source) } catch e { print(e.message) }")
    #expect(result.output == expected + "\n", "\(source)\n\(result.error ?? "")")
  }

  @Test func uncaughtTensorErrorsAreRuntimeErrorsWithALocation() throws {
    let interpreter = try Startup.makeInterpreter()
    do {
      try interpreter.run("let a = ones([2])\nlet b = a + ones([3])", file: "t.rlnb")
      Issue.record("expected an error")
    } catch {
      let text = interpreter.render(error)
      #expect(text.hasPrefix("t.rlnb:2:11: error: add: shape mismatch, [2] vs [3]"), "\(text)")
    }
  }
}
