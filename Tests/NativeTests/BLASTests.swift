// Tests that OpenBLAS links and reports which kernel it runs.
import CBLAS
import Testing

@Test func sgemmMultipliesSmallMatrices() {
  let a: [Float] = [1, 2, 3, 4, 5, 6]  // 2x3
  let b: [Float] = [7, 8, 9, 10, 11, 12]  // 3x2
  var c = [Float](repeating: 0, count: 4)
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, &c, 2)
  #expect(c == [58, 64, 139, 154])
}

@Test func openBLASReportsItsCore() {
  let core = String(cString: openblas_get_corename())
  #expect(!core.isEmpty)
}
