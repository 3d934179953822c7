// Tests of the BLAS wrapper against the naive reference: every layout, gemv routing, alpha/beta.
import Kernels
import Testing

/// Deterministic pseudo-random floats in [-1, 1) (a linear congruential sequence).
func pseudoRandom(_ count: Int, seed: UInt32) -> [Float] {
  var state = seed &* 747_796_405 &+ 2_891_336_453
  return (0..<count).map { _ in
    state = state &* 1_664_525 &+ 1_013_904_223
    return Float(state >> 8) / Float(1 << 23) - 1
  }
}

@Suite struct GEMMTests {
  /// (m, n, k) covering single rows and columns (the gemv routes), primes and depth 0.
  static let shapes = [(1, 9, 5), (7, 1, 5), (1, 1, 13), (13, 11, 17), (64, 31, 3), (3, 5, 0), (17, 64, 40)]

  @Test(arguments: shapes)
  func blasMatchesReferenceForEveryLayout(m: Int, n: Int, k: Int) {
    for layoutA in [MatrixLayout.normal, .transposed] {
      for layoutB in [MatrixLayout.normal, .transposed] {
        // Leading dimensions with padding, so strides and sizes differ.
        let lda = (layoutA == .normal ? k : m) + 3
        let ldb = (layoutB == .normal ? n : k) + 2
        let ldc = n + 1
        let a = pseudoRandom((layoutA == .normal ? m : k) * lda, seed: 1)
        let b = pseudoRandom((layoutB == .normal ? k : n) * ldb, seed: 2)
        var fast = pseudoRandom(m * ldc, seed: 3)
        var reference = fast
        gemm(layoutA, layoutB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 2, c: &fast, ldc: ldc)
        gemmReference(layoutA, layoutB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 2, c: &reference, ldc: ldc)
        for i in 0..<(m * ldc) where Swift.abs(fast[i] - reference[i]) > 1e-4 * Swift.max(1, Swift.abs(reference[i])) {
          Issue.record("\(m)x\(n)x\(k) \(layoutA)/\(layoutB): element \(i) is \(fast[i]), expected \(reference[i])")
          break
        }
      }
    }
  }

  @Test func betaZeroOverwritesGarbage() {
    var c = [Float](repeating: .nan, count: 4)
    gemm(.normal, .normal, m: 2, n: 2, k: 0, alpha: 1, a: [], lda: 1, b: [], ldb: 2, beta: 0, c: &c, ldc: 2)
    #expect(c == [0, 0, 0, 0])
  }

  @Test func reportsTheOpenBLASCore() {
    #expect(!BLASRuntime.coreName.isEmpty)
    #expect(BLASRuntime.configuration.contains("OpenBLAS"))
    #expect(BLASRuntime.maximumThreads >= 1)
  }
}

@Suite struct BLASRuntimeTests {
  @Test func kernelFamilyFollowsTheCPUAndRlnbSettingNotOpenBLASPreset() {
    let avx512: Set<String> = ["sse2", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    let avx2: Set<String> = ["sse2", "avx", "avx2", "fma"]
    #expect(BLASRuntime.wantedCoreType(environment: [:], cpuFlags: avx512) == "SkylakeX")
    #expect(BLASRuntime.wantedCoreType(environment: ["OPENBLAS_CORETYPE": "Haswell"], cpuFlags: avx512) == "SkylakeX")
    #expect(BLASRuntime.wantedCoreType(environment: ["RLNB_BLAS_CORE": "auto"], cpuFlags: avx2) == "Haswell")
    #expect(BLASRuntime.wantedCoreType(environment: [:], cpuFlags: ["sse2"]) == nil)
    #expect(BLASRuntime.wantedCoreType(environment: ["RLNB_BLAS_CORE": "native"], cpuFlags: avx512) == nil)
    #expect(BLASRuntime.wantedCoreType(environment: ["RLNB_BLAS_CORE": "Haswell"], cpuFlags: avx512) == "Haswell")
    #expect(BLASRuntime.cpuFlags().contains("sse2"))
  }
}
