// Tensor builtins: constructors, random draws, no_grad, and functions of several tensors.

import Lang
import Tensor

extension Library {
  /// Tensor constructors and functions: `tensor zeros ones full arange linspace eye randn rand
  /// randint randperm zeros_like ones_like set_seed no_grad is_tensor cat concat stack where maximum
  /// minimum matmul linear cross_entropy embedding attention`.
  public static let tensors = Library("tensors", functions: TensorFunctions.creation + TensorFunctions.combining)
}

/// The tables behind `Library.tensors`.
enum TensorFunctions {
  static let creation: [Builtin] = [
    Builtin("tensor", signature: "tensor(data, requires_grad = false, dtype = \"float32\")",
            doc: "A tensor from a number or nested lists of numbers (the nesting gives the shape).\nfloat32 unless dtype: \"int32\" (token ids, indices): the language has one number type, so integral values do not make int tensors.") { args in
      let object = try TensorLiteral.make(try args.value("data"), dtype: try args.dtype("dtype"), function: "tensor", interpreter: args.interpreter)
      return try requiringGrad(object, args)
    },
    shaped("zeros", "A tensor of zeros.") { shape, _ in try Tensor.zeros(shape) },
    shaped("ones", "A tensor of ones.") { shape, _ in try Tensor.ones(shape) },
    Builtin("full", signature: "full(shape, value, requires_grad = false)", doc: "A tensor filled with value.") { args in
      let shape = try args.shape("shape"), value = try args.float("value")
      return try requiringGrad(TensorObject(tensorOperation(args.interpreter) { try Tensor.full(shape, value: value) }), args)
    },
    Builtin("zeros_like", signature: "zeros_like(t)", doc: "Zeros with t's shape.") { args in
      let shape = try args.tensorObject("t").shape
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.zeros(shape) })
    },
    Builtin("ones_like", signature: "ones_like(t)", doc: "Ones with t's shape.") { args in
      let shape = try args.tensorObject("t").shape
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.ones(shape) })
    },
    Builtin("arange", signature: "arange(start, end = nil, step = 1, dtype = \"float32\")",
            doc: "start, start + step, ... below end; arange(n) is 0 .. n-1.") { args in
      let first = try args.number("start"), step = try args.number("step")
      let (start, end) = try args.optionalNumber("end").map { (first, $0) } ?? (0, first)
      guard try args.dtype("dtype") == .int32 else {
        return .tensor(try tensorOperation(args.interpreter) { try Tensor.arange(from: Float(start), to: Float(end), step: Float(step)) })
      }
      guard let a = Int(exactly: start), let b = Int(exactly: end), let s = Int(exactly: step) else {
        throw LangError.message("arange: int32 ranges need integral start, end and step")
      }
      return .tensor(try tensorOperation(args.interpreter) { try IntTensor.arange(from: a, to: b, step: s) })
    },
    Builtin("linspace", signature: "linspace(start, end, steps)", doc: "steps evenly spaced values from start to end, both included.") { args in
      let start = try args.float("start"), end = try args.float("end"), steps = try args.integer("steps")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.linspace(from: start, to: end, count: steps) })
    },
    Builtin("eye", signature: "eye(n, m = nil)", doc: "The n × m identity matrix (square when m is nil).") { args in
      let n = try args.integer("n"), m = try args.optionalInteger("m")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.eye(n, m) })
    },
    Builtin("randn", signature: "randn(shape, mean = 0, std = 1, requires_grad = false)",
            doc: "Normal samples from the interpreter's generator (set_seed).") { args in
      let shape = try args.shape("shape"), mean = try args.float("mean"), std = try args.float("std")
      let t = try tensorOperation(args.interpreter) {
        try args.interpreter.withRandomGenerator { try Tensor.randn(shape, mean: mean, standardDeviation: std, generator: &$0) }
      }
      return try requiringGrad(TensorObject(t), args)
    },
    Builtin("rand", signature: "rand(shape, low = 0, high = 1, requires_grad = false)",
            doc: "Uniform samples in [low, high) from the interpreter's generator (set_seed).") { args in
      let shape = try args.shape("shape"), low = try args.float("low"), high = try args.float("high")
      let t = try tensorOperation(args.interpreter) {
        try args.interpreter.withRandomGenerator { try Tensor.rand(shape, low: low, high: high, generator: &$0) }
      }
      return try requiringGrad(TensorObject(t), args)
    },
    Builtin("randint", signature: "randint(low, high, shape)", doc: "An int32 tensor of uniform integers in [low, high).") { args in
      let low = try args.integer("low"), high = try args.integer("high"), shape = try args.shape("shape")
      guard high > low else { throw LangError.message("randint: high (\(high)) must be above low (\(low))") }
      let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: max($1, 0)).partialValue }
      try args.interpreter.checkAllocation(count: Double(count), of: "tensor")
      let values = args.interpreter.withRandomGenerator { g in (0..<count).map { _ in low + g.integer(below: high - low) } }
      return .tensor(try tensorOperation(args.interpreter) { try IntTensor(shape: shape, values: values) })
    },
    Builtin("randperm", signature: "randperm(n)", doc: "A random permutation of 0 .. n-1 as an int32 tensor.") { args in
      let n = try args.integer("n")
      try args.interpreter.checkAllocation(count: Double(n), of: "tensor")
      let values = args.interpreter.withRandomGenerator { $0.permutation(n) }
      return .tensor(try tensorOperation(args.interpreter) { try IntTensor(values) })
    },
    Library.seedFunction,
    Builtin("no_grad", signature: "no_grad(fn)",
            doc: "Calls fn() without recording operations for autograd and returns its value\n(parameter updates, evaluation): no_grad(() => w.sub_(lr * w.grad)).") { args in
      let function = try args.function("fn")
      return try withoutGradient { try args.interpreter.call(function, []) }
    },
    Builtin("is_tensor", signature: "is_tensor(x)", doc: "Whether x is a tensor.") { args in
      .bool(try args.value("x").tensorObject != nil)
    },
  ]

  static let combining: [Builtin] = [
    concatenation("cat"),
    concatenation("concat"),
    Builtin("stack", signature: "stack(tensors, axis = 0)", doc: "Joins same-shaped tensors along a new axis.") { args in
      let tensors = try tensorList(args, "tensors"), axis = try args.integer("axis")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.stack(tensors, axis: axis) })
    },
    Builtin("where", signature: "where(condition, a, b)", doc: "a where condition is nonzero, else b (broadcasting).") { args in
      let condition = try args.tensor("condition"), a = try args.tensor("a"), b = try args.tensor("b")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.where(condition, a, b) })
    },
    binary("maximum", "The element-wise larger of a and b (broadcasting).") { try Tensor.maximum($0, $1) },
    binary("minimum", "The element-wise smaller of a and b (broadcasting).") { try Tensor.minimum($0, $1) },
    binary("matmul", "The matrix product a @ b, with NumPy batching and 1-d promotion.") { try $0.matmul($1) },
    Builtin("linear", signature: "linear(x, weight, bias = nil)", doc: "x @ weight.T + bias, with weight laid out [out, in] as in PyTorch.") { args in
      let x = try args.tensor("x"), weight = try args.tensor("weight"), bias = try args.optionalTensor("bias")
      return .tensor(try tensorOperation(args.interpreter) { try x.linear(weight: weight, bias: bias) })
    },
    Builtin("cross_entropy", signature: "cross_entropy(logits, targets, ignore_index = -100, reduction = \"mean\")",
            doc: "Cross-entropy of logits [..., classes] against int targets [...]; reduction \"mean\", \"sum\" or \"none\"\n(per-position -log p(target)). Targets equal to ignore_index are skipped.") { args in
      try TensorMethods.crossEntropy(try args.tensor("logits"), args)
    },
    Builtin("embedding", signature: "embedding(ids, weight)", doc: "The rows of weight [vocab, dim] at the int ids.") { args in
      let ids = try args.intTensor("ids"), weight = try args.tensor("weight")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.embedding(ids, weight: weight) })
    },
    Builtin("attention", signature: "attention(query, key, value, causal = false, mask = nil, scale = nil)",
            doc: "softmax(scale · Q Kᵀ) V for Q [B, H, Tq, D] and K, V [B, Hkv, Tk, D] (grouped-query when H > Hkv);\nmask is a keep-mask broadcastable to [B, H, Tq, Tk]; scale defaults to 1/sqrt(D).") { args in
      let q = try args.tensor("query"), k = try args.tensor("key"), v = try args.tensor("value")
      let causal = try args.bool("causal"), mask = try args.optionalTensor("mask"), scale = try args.optionalNumber("scale").map(Float.init)
      return .tensor(try tensorOperation(args.interpreter) {
        try Tensor.scaledDotProductAttention(query: q, key: k, value: v, causal: causal, mask: mask, scale: scale)
      })
    },
  ]

  /// `cat` and its PyTorch alias `concat`.
  private static func concatenation(_ name: String) -> Builtin {
    Builtin(name, signature: "\(name)(tensors, axis = 0)", doc: "Joins tensors along an existing axis; every other size must agree.") { args in
      let tensors = try tensorList(args, "tensors"), axis = try args.integer("axis")
      return .tensor(try tensorOperation(args.interpreter) { try Tensor.concatenate(tensors, axis: axis) })
    }
  }

  /// A constructor taking a shape and `requires_grad`.
  private static func shaped(_ name: String, _ doc: String, _ make: @escaping @Sendable ([Int], Arguments) throws -> Tensor) -> Builtin {
    Builtin(name, signature: "\(name)(shape, requires_grad = false)", doc: doc + " The shape is a list: \(name)([2, 3]).") { args in
      let shape = try args.shape("shape")
      return try requiringGrad(TensorObject(tensorOperation(args.interpreter) { try make(shape, args) }), args)
    }
  }

  /// A function of two tensors (numbers and lists are converted).
  private static func binary(_ name: String, _ doc: String, _ body: @escaping @Sendable (Tensor, Tensor) throws -> Tensor) -> Builtin {
    Builtin(name, signature: "\(name)(a, b)", doc: doc) { args in
      let a = try args.tensor("a"), b = try args.tensor("b")
      return .tensor(try tensorOperation(args.interpreter) { try body(a, b) })
    }
  }

  /// Applies the `requires_grad` argument to a new tensor.
  static func requiringGrad(_ object: TensorObject, _ args: Arguments) throws(LangError) -> Value {
    if try args.bool("requires_grad") {
      try object.setField("requires_grad", to: .bool(true), interpreter: args.interpreter)
    }
    return .native(object)
  }

  /// A list of tensors (each element converted like a tensor argument).
  static func tensorList(_ args: Arguments, _ name: String) throws(LangError) -> [Tensor] {
    var tensors: [Tensor] = []
    for item in try args.sequence(name) {
      guard let object = item.tensorObject else { throw args.badArgument(name, expected: "list of tensors", got: item) }
      tensors.append(try object.floatTensor())
    }
    return tensors
  }
}
