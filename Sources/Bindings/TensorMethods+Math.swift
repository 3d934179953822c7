// Tensor methods, part 2: element-wise math, reductions with labelled axes, and layer ops.

import Lang
import Tensor

extension TensorMethods {
  // MARK: - Element-wise

  static let elementwise: [Builtin] = [
    unary("exp", "e^x element-wise.") { try $0.exp() },
    unary("log", "The natural logarithm element-wise.") { try $0.log() },
    unary("sqrt", "The square root element-wise.") { try $0.sqrt() },
    unary("rsqrt", "1 / sqrt(x) element-wise.") { try $0.rsqrt() },
    unary("tanh", "tanh element-wise.") { try $0.tanh() },
    unary("sigmoid", "1 / (1 + e^-x) element-wise.") { try $0.sigmoid() },
    unary("relu", "max(x, 0) element-wise.") { try $0.relu() },
    unary("silu", "x · sigmoid(x) element-wise.") { try $0.silu() },
    unary("abs", "|x| element-wise.") { try $0.abs() },
    unary("square", "x² element-wise.") { try $0.square() },
    unary("reciprocal", "1 / x element-wise.") { try $0.reciprocal() },
    method("gelu", "approximate = \"none\"", "GELU element-wise: exact (erf), or approximate: \"tanh\".") { t, args in
      switch try args.string("approximate") {
      case "none": return try t.gelu(approximation: .exact)
      case "tanh": return try t.gelu(approximation: .tanh)
      case let other: throw args.badArgument("approximate", expected: "\"none\" or \"tanh\"", got: .string(other))
      }
    },
    method("clamp", "min = nil, max = nil", "Each element clamped into [min, max]; either bound may be omitted.") { t, args in
      try t.clamped(lower: Float(try args.optionalNumber("min") ?? -.infinity), upper: Float(try args.optionalNumber("max") ?? .infinity))
    },
    method("pow", "exponent", "x ** exponent element-wise; the exponent is a number or a tensor (broadcasting).") { t, args in
      if case .number(let n) = try args.value("exponent") { return try t.pow(Float(n)) }
      return try Tensor.pow(t, try args.tensor("exponent"))
    },
    method("softmax", "axis = -1", "Softmax along axis.") { t, args in try t.softmax(axis: try args.integer("axis")) },
    method("log_softmax", "axis = -1", "log(softmax) along axis, computed stably.") { t, args in
      try t.logSoftmax(axis: try args.integer("axis"))
    },
    method("masked_fill", "mask, value", "value wherever mask (broadcast) is nonzero.") { t, args in
      try t.maskedFill(try args.tensor("mask"), with: try args.float("value"))
    },
    method("matmul", "other", "The matrix product self @ other.") { t, args in try t.matmul(try args.tensor("other")) },
  ]

  // MARK: - Reductions

  static let reductions: [Builtin] = [
    method("sum", "axis = nil, keepdim = false", "The sum over axis (an integer or a list; every axis when nil).") { t, args in
      try t.sum(axes: try args.axes("axis"), keepingDimensions: try args.bool("keepdim"))
    },
    method("mean", "axis = nil, keepdim = false", "The mean over axis (an integer or a list; every axis when nil).") { t, args in
      try t.mean(axes: try args.axes("axis"), keepingDimensions: try args.bool("keepdim"))
    },
    method("var", "axis = nil, correction = 1, keepdim = false",
           "The variance over axis; correction 1 (default) is unbiased, 0 the population variance.") { t, args in
      try t.variance(axes: try args.axes("axis"), correction: try args.integer("correction"), keepingDimensions: try args.bool("keepdim"))
    },
    method("std", "axis = nil, correction = 1, keepdim = false", "The standard deviation over axis (sqrt of var).") { t, args in
      try t.variance(axes: try args.axes("axis"), correction: try args.integer("correction"), keepingDimensions: try args.bool("keepdim")).sqrt()
    },
    method("norm", "axis = nil, keepdim = false", "The Euclidean norm over axis (every axis when nil).") { t, args in
      try t.square().sum(axes: try args.axes("axis"), keepingDimensions: try args.bool("keepdim")).sqrt()
    },
    method("max", "axis = nil, keepdim = false", "The largest value along axis (of all elements when nil); values only, see argmax.") { t, args in
      try t.max(axis: try args.optionalInteger("axis"), keepingDimensions: try args.bool("keepdim"))
    },
    method("min", "axis = nil, keepdim = false", "The smallest value along axis (of all elements when nil).") { t, args in
      try t.min(axis: try args.optionalInteger("axis"), keepingDimensions: try args.bool("keepdim"))
    },
    indices("argmax", "The int32 index of the largest value along axis (of the flattened tensor when nil).") { try $0.argmax(axis: $1, keepingDimensions: $2) },
    indices("argmin", "The int32 index of the smallest value along axis (of the flattened tensor when nil).") { try $0.argmin(axis: $1, keepingDimensions: $2) },
    method("logsumexp", "axis = -1, keepdim = false", "log Σ exp(x) along axis, computed stably.") { t, args in
      try t.logSumExp(axis: try args.integer("axis"), keepingDimensions: try args.bool("keepdim"))
    },
  ]

  // MARK: - Indexing and layers

  static let layers: [Builtin] = [
    method("gather", "axis, index", "Values at the int32 index along axis (index has self's rank).") { t, args in
      try t.gather(axis: try args.integer("axis"), index: try args.intTensor("index"))
    },
    method("index_select", "axis, indices", "The slices at the 1-d int32 indices along axis, in order.") { t, args in
      try t.indexSelect(axis: try args.integer("axis"), indices: try args.intTensor("indices"))
    },
    method("scatter_add", "axis, index, source", "A copy with source added at the int32 index along axis.") { t, args in
      try t.scatterAdd(axis: try args.integer("axis"), index: try args.intTensor("index"), source: try args.tensor("source"))
    },
    method("rms_norm", "weight = nil, eps = 1e-6", "Each last-axis row divided by its RMS, then scaled by weight.") { t, args in
      try t.rmsNorm(weight: try args.optionalTensor("weight"), eps: try args.float("eps"))
    },
    method("layer_norm", "weight = nil, bias = nil, eps = 1e-5", "Each last-axis row normalized to mean 0, variance 1, then weight · x + bias.") { t, args in
      try t.layerNorm(weight: try args.optionalTensor("weight"), bias: try args.optionalTensor("bias"), eps: try args.float("eps"))
    },
    Builtin("cross_entropy", signature: "tensor.cross_entropy(targets, ignore_index = -100, reduction = \"mean\")",
            doc: "Cross-entropy of these logits [..., classes] against int targets [...] (see cross_entropy).") { args in
      try crossEntropy(try args.receiverTensor(), args)
    },
  ]

  // MARK: - Helpers

  /// `cross_entropy` for the function and the method.
  static func crossEntropy(_ logits: Tensor, _ args: Arguments) throws(LangError) -> Value {
    let targets = try args.intTensor("targets"), ignore = try args.integer("ignore_index")
    let reduction: LossReduction
    switch try args.string("reduction") {
    case "mean": reduction = .mean
    case "sum": reduction = .sum
    case "none": reduction = .none
    case let other: throw args.badArgument("reduction", expected: "\"mean\", \"sum\" or \"none\"", got: .string(other))
    }
    return .tensor(try tensorOperation(args.interpreter) { try logits.crossEntropy(targets: targets, ignoreIndex: ignore, reduction: reduction) })
  }

  /// A method without arguments.
  private static func unary(_ name: String, _ doc: String, _ body: @escaping @Sendable (Tensor) throws -> Tensor) -> Builtin {
    method(name, "", doc) { t, _ in try body(t) }
  }

  /// argmax/argmin: an int32 result.
  private static func indices(_ name: String, _ doc: String,
                              _ body: @escaping @Sendable (Tensor, Int?, Bool) throws -> IntTensor) -> Builtin {
    Builtin(name, signature: "tensor.\(name)(axis = nil, keepdim = false)", doc: doc) { args in
      let t = try args.receiverTensor(), axis = try args.optionalInteger("axis"), keep = try args.bool("keepdim")
      return .tensor(try tensorOperation(args.interpreter) { try body(t, axis, keep) })
    }
  }
}
