// GEMMBenchmark: matmul through the Tensor API against bare cblas_sgemm on the same buffers.
import CBLAS
import Kernels
import Tensor

/// Product shapes: large squares, and the skinny shapes of decoding and linear layers
/// (`A·Bᵀ` is a PyTorch-style Linear with the weight stored [out, in]).
let gemmShapes: [(m: Int, n: Int, k: Int, transposedB: Bool)] = [
  (64, 64, 64, false), (128, 128, 128, false), (256, 256, 256, false), (512, 512, 512, false),
  (1024, 1024, 1024, false), (2048, 2048, 2048, false),
  (1, 1024, 256, true), (16, 1024, 256, true), (64, 1024, 256, true), (2048, 512, 128, true),
]

/// Prints GFLOP/s of `a.matmul(b)` and of a bare `cblas_sgemm` call, and their ratio.
func runGEMMBenchmark(rounds: Int, minimumSeconds: Double) throws {
  print("\n### GEMM: Tensor API vs bare cblas_sgemm (GFLOP/s, best of \(rounds) rounds)\n")
  let table = Table("shape m×n×k", "tensor API", "bare cblas_sgemm", "ratio")
  var generator = RandomGenerator(seed: 0)
  for shape in gemmShapes {
    let a = try Tensor.randn([shape.m, shape.k], generator: &generator)
    let stored = try Tensor.randn(shape.transposedB ? [shape.n, shape.k] : [shape.k, shape.n], generator: &generator)
    let b = shape.transposedB ? try stored.transposed() : stored
    let aValues = a.scalars, bValues = stored.scalars
    var c = [Float](repeating: 0, count: shape.m * shape.n)
    let transB = shape.transposedB ? CblasTrans : CblasNoTrans
    let ldb = Int32(shape.transposedB ? shape.k : shape.n)
    let times = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [
      { _ = try a.matmul(b) },
      {
        // The same thread policy the Tensor API applies, so only the wrapper cost differs.
        BLASRuntime.configureThreads(forRows: shape.m, columns: shape.n, depth: shape.k)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transB, Int32(shape.m), Int32(shape.n), Int32(shape.k), 1,
                    aValues, Int32(shape.k), bValues, ldb, 0, &c, Int32(shape.n))
      },
    ])
    let flops = 2.0 * Double(shape.m * shape.n * shape.k)
    let name = "\(shape.m)×\(shape.n)×\(shape.k)" + (shape.transposedB ? " (A·Bᵀ)" : "")
    table.row(name, fixed(flops / times[0] / 1e9), fixed(flops / times[1] / 1e9), fixed(times[1] / times[0], 2))
  }
}
