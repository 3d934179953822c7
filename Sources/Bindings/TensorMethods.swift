// Tensor methods, part 1: shapes and views, conversions, autograd and in-place updates.

import Lang
import Tensor

/// The methods of tensor values, by name (`t.reshape([4, -1])`, `t.sum(axis: -1)`).
enum TensorMethods {
  /// Every tensor method.
  static let table: [String: Builtin] = Dictionary(
    uniqueKeysWithValues: (shapes + conversions + autograd + inPlace + elementwise + reductions + layers).map { ($0.name, $0) })

  // MARK: - Shapes and views

  static let shapes: [Builtin] = [
    Builtin("reshape", signature: "tensor.reshape(shape...)",
            doc: "A view (or a copy when the strides forbid one) with a new shape; one size may be -1: t.reshape([4, -1]).") { args in
      let shape = try args.restShape("shape")
      return try keepingDType(args) { try $0.reshaped(shape) } int: { try $0.reshaped(shape) }
    },
    Builtin("flatten", signature: "tensor.flatten(start = 0, end = -1)", doc: "The axes start..end merged into one.") { args in
      let start = try args.integer("start"), end = try args.integer("end")
      return try keepingDType(args) { try $0.flattened(startAxis: start, endAxis: end) } int: { t in
        let shape = try IntShapes.flattened(t.shape, start: start, end: end)
        return try t.reshaped(shape)
      }
    },
    Builtin("squeeze", signature: "tensor.squeeze(axis = nil)", doc: "Without the size-1 axis (every size-1 axis when nil).") { args in
      let axis = try args.optionalInteger("axis")
      return try keepingDType(args) { try $0.squeezed(axis: axis) } int: { try $0.reshaped(IntShapes.squeezed($0.shape, axis: axis)) }
    },
    Builtin("unsqueeze", signature: "tensor.unsqueeze(axis)", doc: "With a new size-1 axis at axis.") { args in
      let axis = try args.integer("axis")
      return try keepingDType(args) { try $0.unsqueezed(axis: axis) } int: { try $0.reshaped(IntShapes.unsqueezed($0.shape, axis: axis)) }
    },
    method("transpose", "a = -2, b = -1", "A view with axes a and b swapped (the last two by default).") { t, args in
      try t.transposed(try args.integer("a"), try args.integer("b"))
    },
    method("permute", "axes...", "A view with the axes reordered: t.permute([2, 0, 1]).") { t, args in
      try t.permuted(try args.restShape("axes"))
    },
    method("expand", "shape...", "A broadcast view (no copy); -1 keeps a size: t.expand([4, -1]).") { t, args in
      try t.expanded(to: try args.restShape("shape"))
    },
    Builtin("contiguous", signature: "tensor.contiguous()", doc: "This tensor, or a contiguous copy of a strided view.") { args in
      try keepingDType(args) { try $0.contiguous() } int: { $0.contiguousCopy() }
    },
    Builtin("clone", signature: "tensor.clone()", doc: "A contiguous copy that gradients flow through.") { args in
      try keepingDType(args) { try $0.cloned() } int: { try IntTensor(shape: $0.shape, values: $0.scalars) }
    },
    Builtin("split", signature: "tensor.split(sizes, axis = 0)",
            doc: "Views of consecutive pieces along axis: sizes is a list of sizes, or one size for equal pieces (the last may be smaller).") { args in
      let t = try args.receiverTensor(), axis = try args.integer("axis")
      var sizes = try args.shape("sizes")
      if case .number = try args.value("sizes") {
        let piece = sizes[0]
        guard piece > 0 else { throw args.badArgument("sizes", expected: "positive size", got: .number(Double(piece))) }
        let length = try tensorOperation { t.shape[try t.layout.normalizedAxis(axis, op: "split")] }
        sizes = length == 0 ? [0] : stride(from: 0, to: length, by: piece).map { min(piece, length - $0) }
      }
      return .list(List(try tensorOperation(args.interpreter) { try t.split(sizes: sizes, axis: axis) }.map { .tensor($0) }))
    },
    Builtin("chunk", signature: "tensor.chunk(count, axis = 0)", doc: "count nearly equal views along axis (the last may be smaller).") { args in
      let t = try args.receiverTensor(), count = try args.integer("count"), axis = try args.integer("axis")
      return .list(List(try tensorOperation(args.interpreter) { try t.chunked(into: count, axis: axis) }.map { .tensor($0) }))
    },
    method("pad", "widths, value = 0", "Surrounded by value: widths holds one [before, after] pair per axis.") { t, args in
      let pairs = try args.sequence("widths").map { pair throws(LangError) -> (before: Int, after: Int) in
        guard case .list(let list) = pair, list.items.count == 2, case .number(let a) = list.items[0], case .number(let b) = list.items[1],
          let before = Int(exactly: a), let after = Int(exactly: b)
        else { throw args.badArgument("widths", expected: "list of [before, after] integer pairs", got: pair) }
        return (before, after)
      }
      return try t.padded(pairs, value: try args.float("value"))
    },
  ]

  // MARK: - Reading out and converting

  static let conversions: [Builtin] = [
    Builtin("item", signature: "tensor.item()", doc: "The number in a one-element tensor.") { args in
      switch try args.receiver(as: TensorObject.self).storage {
      case .float(let t): return .number(Double(try tensorOperation { try t.item() }))
      case .int(let t): return .number(Double(try tensorOperation { try t.item() }))
      }
    },
    Builtin("tolist", signature: "tensor.tolist()", doc: "The values as nested lists of numbers (a number for a 0-d tensor).") { args in
      let object = try args.receiver(as: TensorObject.self)
      try args.interpreter.checkAllocation(count: Double(object.shape.reduce(1, *)), of: "list")
      return TensorLiteral.nestedList(shape: object.shape, values: object.scalars)
    },
    Builtin("numel", signature: "tensor.numel()", doc: "The number of elements.") { args in
      .number(Double(try args.receiver(as: TensorObject.self).shape.reduce(1, *)))
    },
    Builtin("size", signature: "tensor.size(axis = nil)", doc: "The shape as a list, or the size of one axis.") { args in
      let shape = try args.receiver(as: TensorObject.self).shape
      guard let axis = try args.optionalInteger("axis") else { return .list(List(shape.map { .number(Double($0)) })) }
      let normalized = try tensorOperation { try Layout(contiguous: shape).normalizedAxis(axis, op: "size") }
      return .number(Double(shape[normalized]))
    },
    Builtin("float", signature: "tensor.float()", doc: "A float32 tensor (this one when it already is).") { args in
      .tensor(try args.receiverTensor())
    },
    Builtin("int", signature: "tensor.int()", doc: "An int32 tensor, values rounded toward zero (this one when it already is).") { args in
      switch try args.receiver(as: TensorObject.self).storage {
      case .int(let t): return .tensor(t)
      case .float(let t): return .tensor(try tensorOperation(args.interpreter) { try t.toInt() })
      }
    },
  ]

  // MARK: - Autograd

  static let autograd: [Builtin] = [
    Builtin("backward", signature: "tensor.backward(gradient = nil, retain_graph = false)",
            doc: "Accumulates d(self)/d(leaf) into .grad of every leaf that requires grad; gradient defaults to 1 for one-element tensors.") { args in
      let t = try args.receiverTensor(), gradient = try args.optionalTensor("gradient"), retain = try args.bool("retain_graph")
      try tensorOperation(args.interpreter) { try t.backward(gradient: gradient, retainGraph: retain) }
      return .nil
    },
    Builtin("detach", signature: "tensor.detach()", doc: "A tensor sharing storage that records nothing and requires no grad.") { args in
      try keepingDType(args) { $0.detached() } int: { $0 }
    },
    Builtin("zero_grad", signature: "tensor.zero_grad()", doc: "Clears .grad (gradients accumulate over backward calls until then).") { args in
      try args.receiverTensor().zeroGrad()
      return .nil
    },
    Builtin("retain_grad", signature: "tensor.retain_grad()", doc: "Keeps .grad on this intermediate tensor after backward, for inspection.") { args in
      try args.receiverTensor().retainGrad()
      return .nil
    },
    Builtin("requires_grad_", signature: "tensor.requires_grad_(flag = true)", doc: "Sets requires_grad on this leaf and returns it.") { args in
      let object = try args.receiver(as: TensorObject.self)
      try object.setField("requires_grad", to: .bool(try args.bool("flag")), interpreter: args.interpreter)
      return .native(object)
    },
  ]

  // MARK: - In place (outside autograd: inside no_grad for tensors that require grad)

  static let inPlace: [Builtin] = [
    updating("add_", "other, alpha = 1", "Adds alpha · other (broadcast) in place.") { t, args in
      try t.add(try args.tensor("other"), scaledBy: try args.float("alpha"))
    },
    updating("sub_", "other, alpha = 1", "Subtracts alpha · other (broadcast) in place: no_grad(() => w.sub_(w.grad, alpha: lr)).") { t, args in
      try t.add(try args.tensor("other"), scaledBy: -(try args.float("alpha")))
    },
    updating("mul_", "factor", "Multiplies every element by the number factor in place.") { t, args in
      try t.multiply(by: try args.float("factor"))
    },
    updating("fill_", "value", "Sets every element to value in place.") { t, args in try t.fill(with: try args.float("value")) },
    updating("zero_", "", "Sets every element to 0 in place.") { t, _ in try t.fill(with: 0) },
    updating("copy_", "source", "Copies source (broadcast) into this tensor in place.") { t, args in try t.copy(from: try args.tensor("source")) },
  ]

  // MARK: - Helpers

  /// A method of the float tensor returning a float tensor; int receivers are converted.
  static func method(_ name: String, _ parameters: String, _ doc: String,
                     _ body: @escaping @Sendable (Tensor, Arguments) throws -> Tensor) -> Builtin {
    Builtin(name, signature: "tensor.\(name)(\(parameters))", doc: doc) { args in
      let t = try args.receiverTensor()
      return .tensor(try tensorOperation(args.interpreter) { try body(t, args) })
    }
  }

  /// An in-place method on a float tensor; returns the tensor itself.
  private static func updating(_ name: String, _ parameters: String, _ doc: String,
                               _ body: @escaping @Sendable (Tensor, Arguments) throws -> Void) -> Builtin {
    Builtin(name, signature: "tensor.\(name)(\(parameters))", doc: doc) { args in
      let object = try args.receiver(as: TensorObject.self)
      guard case .float(let t) = object.storage else {
        throw LangError.message("\(name): int tensors cannot be modified in place; convert with .float() first")
      }
      try tensorOperation(args.interpreter) {
        do {
          try body(t, args)
        } catch TensorError.inPlaceOnGradientTensor {
          throw TensorError.inPlaceOnGradientTensor(op: name)  // name the method called, not the one below
        }
      }
      return .native(object)
    }
  }

  /// Applies `float` or `int` to the receiver, keeping its dtype.
  private static func keepingDType(_ args: Arguments, float: (Tensor) throws -> Tensor, int: (IntTensor) throws -> IntTensor)
    throws(LangError) -> Value
  {
    switch try args.receiver(as: TensorObject.self).storage {
    case .float(let t): return .tensor(try tensorOperation(args.interpreter) { try float(t) })
    case .int(let t): return .tensor(try tensorOperation(args.interpreter) { try int(t) })
    }
  }
}

/// Shape arithmetic for int tensors, whose only view is `reshaped`.
enum IntShapes {
  static func flattened(_ shape: [Int], start: Int, end: Int) throws -> [Int] {
    if shape.isEmpty { return [1] }
    let layout = Layout(contiguous: shape)
    let a = try layout.normalizedAxis(start, op: "flatten"), b = try layout.normalizedAxis(end, op: "flatten")
    guard a <= b else { throw TensorError.invalidArgument(op: "flatten", reason: "start axis \(start) is after end axis \(end)") }
    return Array(shape[..<a]) + [shape[a...b].reduce(1, *)] + Array(shape[(b + 1)...])
  }

  static func squeezed(_ shape: [Int], axis: Int?) throws -> [Int] {
    guard let axis else { return shape.filter { $0 != 1 } }
    let a = try Layout(contiguous: shape).normalizedAxis(axis, op: "squeeze")
    guard shape[a] == 1 else { throw TensorError.invalidArgument(op: "squeeze", reason: "dimension \(a) has size \(shape[a]), not 1") }
    var result = shape
    result.remove(at: a)
    return result
  }

  static func unsqueezed(_ shape: [Int], axis: Int) throws -> [Int] {
    var result = shape
    result.insert(1, at: try Layout(contiguous: shape).normalizedAxis(axis, op: "unsqueeze", rank: 1))
    return result
  }
}
