// ElementwiseBenchmark: memory throughput of element-wise and softmax kernels, through the Tensor
// API (allocating each result from the pool) and as raw kernels into a reused buffer.
import Kernels
import Tensor

/// Prints GB/s (bytes read + written per second) for element-wise operations and softmax.
func runElementwiseBenchmark(rounds: Int, minimumSeconds: Double) throws -> [String: Double] {
  print("\n### Element-wise and softmax throughput (GB/s: bytes read + written, best of \(rounds) rounds)\n")
  let table = Table("operation", "elements", "Tensor API", "raw kernel", "copy (bandwidth bound)")
  var results: [String: Double] = [:]
  var generator = RandomGenerator(seed: 1)
  for count in [1 << 20, 1 << 24] {
    let a = try Tensor.randn([count], generator: &generator)
    let b = try Tensor.randn([count], generator: &generator)
    let output = try Tensor.zeros([count])
    let aValues = a.scalars, bValues = b.scalars
    var raw = [Float](repeating: 0, count: count)
    let copyTime = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [{ try output.copy(from: a) }])[0]
    let copyBandwidth = Double(8 * count) / copyTime / 1e9
    let cases: [(String, Int, () throws -> Tensor, () -> Void)] = [
      ("add", 12, { try a + b }, {
        Kernels.binary(.add, shape: [count], lhs: aValues, lhsStrides: [1], rhs: bValues, rhsStrides: [1], output: &raw, outputStrides: [1])
      }),
      ("exp", 8, { try a.exp() }, {
        Kernels.unary(.exp, shape: [count], input: aValues, inputStrides: [1], output: &raw, outputStrides: [1])
      }),
      ("tanh", 8, { try a.tanh() }, {
        Kernels.unary(.tanh, shape: [count], input: aValues, inputStrides: [1], output: &raw, outputStrides: [1])
      }),
      ("silu", 8, { try a.silu() }, {
        Kernels.unary(.silu, shape: [count], input: aValues, inputStrides: [1], output: &raw, outputStrides: [1])
      }),
      ("gelu (tanh)", 8, { try a.gelu(approximation: .tanh) }, {
        Kernels.unary(.geluTanh, shape: [count], input: aValues, inputStrides: [1], output: &raw, outputStrides: [1])
      }),
      ("softmax rows of 1024", 8, { try a.reshaped([-1, 1024]).softmax() }, {
        Kernels.softmaxRows(aValues, rows: count / 1024, length: 1024, into: &raw)
      }),
    ]
    for (name, bytesPerElement, viaTensor, viaKernel) in cases {
      let times = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [{ _ = try viaTensor() }, viaKernel])
      let tensorBandwidth = Double(bytesPerElement * count) / times[0] / 1e9
      let kernelBandwidth = Double(bytesPerElement * count) / times[1] / 1e9
      results["\(name)/\(count)"] = tensorBandwidth
      table.row(name, "\(count / (1 << 20))M", fixed(tensorBandwidth), fixed(kernelBandwidth), fixed(copyBandwidth))
    }
  }
  return results
}
