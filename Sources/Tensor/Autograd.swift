// Autograd: the recorded graph, gradient mode, and the reverse-mode backward pass.

/// Whether operations are recorded for autograd in the current task or thread.
public enum GradientMode {
  /// True unless inside `withoutGradient`. Task-local, so concurrent tests and tasks each have
  /// their own mode.
  @TaskLocal public static var isEnabled = true
}

/// Runs `body` without recording operations: results require no grad and keep no graph
/// (inference, optimizer updates, evaluation).
public func withoutGradient<Result>(_ body: () throws -> Result) rethrows -> Result {
  try GradientMode.$isEnabled.withValue(false) { try body() }
}

/// One recorded operation: its differentiable inputs and how to pull a gradient back to them.
final class Node {
  /// The operation's name, for messages.
  let name: String
  /// The inputs that required grad, by position (nil where no gradient is needed).
  var inputs: [Tensor?]
  /// How to compute input gradients from the output gradient; nil once released.
  var derivative: Derivative?
  /// The tensor this node produced, held weakly (the tensor owns its node).
  weak var output: Tensor?

  init(name: String, inputs: [Tensor?], derivative: Derivative) {
    self.name = name
    self.inputs = inputs
    self.derivative = derivative
  }

  /// Drops the saved tensors and inputs, freeing the graph's memory.
  func release() {
    inputs = []
    derivative = nil
  }
}

/// A tensor saved for the backward pass, with the storage version at the time it was saved.
struct SavedTensor {
  let tensor: Tensor
  let version: Int

  init(_ tensor: Tensor) {
    self.tensor = tensor.detached()
    self.version = tensor.storage.version
  }

  /// The saved tensor, after checking it was not modified in place since.
  func unpack(for op: String) throws -> Tensor {
    guard tensor.storage.version == version else { throw TensorError.modifiedInPlace(op: op) }
    return tensor
  }
}

extension Tensor {
  /// Attaches the operation that produced `output` from `inputs`, when recording is on and some
  /// input requires grad. The derivative is built lazily, so nothing is saved otherwise.
  @discardableResult
  static func record(
    _ output: Tensor, _ name: String, inputs: [Tensor], _ derivative: () throws -> Derivative
  ) rethrows -> Tensor {
    guard GradientMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return output }
    let node = Node(name: name, inputs: inputs.map { $0.requiresGrad ? $0 : nil }, derivative: try derivative())
    node.output = output
    output.node = node
    output.requiresGrad = true
    return output
  }

  /// Computes the gradient of this tensor with respect to every leaf that requires grad, and
  /// accumulates it into their `.grad`.
  ///
  /// - Parameters:
  ///   - gradient: the gradient of some scalar with respect to this tensor; defaults to 1 for a
  ///     one-element tensor.
  ///   - retainGraph: keep the graph so `backward()` can run through it again.
  /// - Throws: `TensorError.notDifferentiable` if this tensor requires no grad, or is not a
  ///   scalar and no `gradient` is given; `.graphReleased` on a second backward through the
  ///   same graph; `.modifiedInPlace` if a saved tensor changed since the forward pass.
  public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
    guard requiresGrad else {
      throw TensorError.notDifferentiable(op: "backward", reason: "the tensor does not require grad (set requires_grad on an input first)")
    }
    let seed: Tensor
    if let gradient {
      guard gradient.shape == shape else {
        throw TensorError.shapeMismatch(op: "backward", lhs: shape, rhs: gradient.shape, detail: "gradient must match the tensor")
      }
      seed = gradient.detached()
    } else {
      guard count == 1 else {
        throw TensorError.notDifferentiable(op: "backward", reason: "a tensor of shape \(shapeText(shape)) needs an explicit gradient; only one-element tensors default to 1")
      }
      seed = try Tensor.full(shape, value: 1)
    }
    try withoutGradient {
      guard let root = node else {
        try accumulateGradient(seed)
        return
      }
      var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
      for node in Tensor.topologicalOrder(from: root).reversed() {
        guard let gradOutput = gradients.removeValue(forKey: ObjectIdentifier(node)) else { continue }
        if let output = node.output, output.retainsGrad { try output.accumulateGradient(gradOutput) }
        guard let derivative = node.derivative else { throw TensorError.graphReleased(op: node.name) }
        let inputGradients = try derivative.inputGradients(gradOutput)
        for (input, inputGradient) in zip(node.inputs, inputGradients) {
          guard let input, let inputGradient else { continue }
          guard inputGradient.shape == input.shape else {
            throw TensorError.shapeMismatch(op: "backward of \(node.name)", lhs: input.shape, rhs: inputGradient.shape, detail: "internal gradient shape error")
          }
          if let producer = input.node {
            let key = ObjectIdentifier(producer)
            gradients[key] = try gradients[key].map { try $0 + inputGradient } ?? inputGradient
          } else {
            try input.accumulateGradient(inputGradient)
          }
        }
        if !retainGraph { node.release() }
      }
    }
  }

  /// Adds `gradient` into `.grad` (in place when a gradient already exists).
  func accumulateGradient(_ gradient: Tensor) throws {
    if let bound = boundGradient {
      try bound.addWithoutRecording(gradient)
      grad = bound
    } else if let existing = grad {
      try existing.addWithoutRecording(gradient)
    } else {
      grad = try gradient.contiguousCopy()
    }
  }

  /// Nodes reachable from `root`, each after all nodes it depends on (iterative, so deep
  /// graphs such as long training loops cannot overflow the stack).
  static func topologicalOrder(from root: Node) -> [Node] {
    var order: [Node] = []
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack: [(node: Node, nextInput: Int)] = [(root, 0)]
    while let top = stack.last {
      if top.nextInput < top.node.inputs.count {
        stack[stack.count - 1].nextInput += 1
        if let input = top.node.inputs[top.nextInput], let producer = input.node,
          visited.insert(ObjectIdentifier(producer)).inserted
        {
          stack.append((producer, 0))
        }
      } else {
        order.append(top.node)
        stack.removeLast()
      }
    }
    return order
  }
}
