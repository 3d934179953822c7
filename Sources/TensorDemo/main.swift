// tensor-demo: a tour of the tensor engine — views, broadcasting, autograd, attention, and a
// small classifier trained from scratch with a hand-written SGD loop.
import Foundation
import Kernels
import Tensor

BLASRuntime.selectKernelFamily()

/// Prints a section heading.
func section(_ title: String) { print("\n== \(title) ==") }

/// Two interleaved spirals of `count` points each, labelled 0 and 1: a problem a linear model
/// cannot solve and a small MLP can.
func spirals(count: Int, generator: inout RandomGenerator) throws -> (points: Tensor, labels: IntTensor) {
  var coordinates: [Float] = []
  var labels: [Int] = []
  for label in 0..<2 {
    for i in 0..<count {
      let radius = 0.2 + 2.0 * Double(i) / Double(count)
      let angle = 1.75 * Double.pi * Double(i) / Double(count) + Double.pi * Double(label)
      let noise = 0.08 * generator.nextNormal()
      coordinates += [Float(radius * cos(angle) + noise), Float(radius * sin(angle) + noise)]
      labels.append(label)
    }
  }
  return (try Tensor(shape: [2 * count, 2], scalars: coordinates), try IntTensor(labels))
}

func run() throws {
  print("rlnb tensor demo — OpenBLAS \(BLASRuntime.coreName) kernels, \(BLASRuntime.maximumThreads) threads")

  section("Tensors and views")
  let x = try Tensor.arange(to: 12).reshaped([3, 4])
  print("x =", x)
  print("x.T (a view, no copy) =", try x.transposed())
  print("x[:, 1::2] =", try x.indexed([.all, .slice(start: 1, end: nil, step: 2)]))
  try x.transposed().assign(-1, at: [.index(0)])
  print("after x.T[0] = -1, x =", x)

  section("Broadcasting and reductions")
  let centered = try x - x.mean(axis: 1, keepingDimensions: true)
  print("x - x.mean(axis: 1) =", centered)
  print("softmax(x, axis: -1)[0] =", try x.softmax().selected(axis: 0, index: 0))

  section("Autograd")
  var generator = RandomGenerator(seed: 0)
  let w = try Tensor.randn([4, 1], generator: &generator).setRequiresGrad()
  let loss = try (x.matmul(w) - 1).square().mean()
  try loss.backward()
  print("loss =", loss)
  print("d loss / d w =", w.grad ?? "none")

  section("Causal attention with a left-padded batch")
  let q = try Tensor.randn([2, 2, 4, 8], generator: &generator)
  let k = try Tensor.randn([2, 1, 4, 8], generator: &generator)
  let keep = try Tensor(shape: [2, 1, 1, 4], scalars: [1, 1, 1, 1, 0, 0, 1, 1])
  let attended = try Tensor.scaledDotProductAttention(query: q, key: k, value: k, causal: true, mask: keep)
  print("output shape \(attended.shape), all finite: \(attended.scalars.allSatisfy { $0.isFinite })")

  section("Training a 2-64-2 MLP on two spirals (cross-entropy, SGD)")
  let (points, labels) = try spirals(count: 150, generator: &generator)
  let store = try ParameterStore(shapes: [("w1", [64, 2]), ("b1", [64]), ("w2", [2, 64]), ("b2", [2])])
  try withoutGradient {
    try store["w1"]!.copy(from: Tensor.randn([64, 2], standardDeviation: 1.0, generator: &generator))
    try store["w2"]!.copy(from: Tensor.randn([2, 64], standardDeviation: 0.125, generator: &generator))
  }
  print("\(store.parameterCount) parameters in one contiguous buffer")
  let start = Date()
  for step in 0...1500 {
    store.zeroGradients()
    let logits = try points.linear(weight: store["w1"]!, bias: store["b1"]!).tanh().linear(weight: store["w2"]!, bias: store["b2"]!)
    let loss = try logits.crossEntropy(targets: labels)
    try loss.backward()
    try withoutGradient { try store.values.add(store.gradients, scaledBy: -0.5) }
    if step % 300 == 0 {
      let predictions = try logits.argmax(axis: 1).scalars
      let accuracy = Double(zip(predictions, labels.scalars).filter { $0 == $1 }.count) / Double(predictions.count)
      print(String(format: "step %4d  loss %.4f  accuracy %.1f%%", step, try loss.item(), 100 * accuracy))
    }
  }
  print(String(format: "trained in %.2f s", Date().timeIntervalSince(start)))
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("tensor-demo: \(error)\n".utf8))
  exit(1)
}
