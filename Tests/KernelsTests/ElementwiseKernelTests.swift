// Tests of element-wise, reduction and softmax kernels against scalar references.
import Foundation
import Kernels
import Testing

@Suite struct ElementwiseKernelTests {
  /// fastExp and fastTanh against double-precision libm on a dense sweep, in ulps of the result.
  @Test func fastMathIsAccurateToTwoUlps() {
    var worstExp = 0.0, worstTanh = 0.0
    var x: Float = -87
    while x < 88 {
      let e = Double(fastExp(x)), exact = Foundation.exp(Double(x))
      worstExp = Swift.max(worstExp, Swift.abs(e - exact) / Double(Float(exact).ulp))
      if Swift.abs(x) < 20 {
        let t = Double(fastTanh(x)), exactTanh = Foundation.tanh(Double(x))
        worstTanh = Swift.max(worstTanh, Swift.abs(t - exactTanh) / Double(Swift.max(Float(Swift.abs(exactTanh)).ulp, Float.leastNormalMagnitude)))
      }
      x += 0.0173
    }
    #expect(worstExp <= 2, "exp error \(worstExp) ulp")
    #expect(worstTanh <= 3, "tanh error \(worstTanh) ulp")
  }

  @Test func stridedBinaryKernelCoversBroadcastAndInPlace() {
    // out[i, j] = a[j, i] (transposed read) + b[j] (broadcast over rows), written in place into a.
    var a: [Float] = [1, 2, 3, 4, 5, 6]  // stored [2, 3]
    let b: [Float] = [10, 20]
    var result = [Float](repeating: 0, count: 6)
    binary(.add, shape: [3, 2], lhs: a, lhsStrides: [1, 3], rhs: b, rhsStrides: [0, 1], output: &result, outputStrides: [2, 1])
    #expect(result == [11, 24, 12, 25, 13, 26])
    binary(.multiply, shape: [6], lhs: a, lhsStrides: [1], rhs: [2], rhsStrides: [0], output: &a, outputStrides: [1])
    #expect(a == [2, 4, 6, 8, 10, 12])
  }

  @Test func copyAndFillHonourStrides() {
    let source: [Float] = Array(0..<12).map(Float.init)  // [3, 4]
    var destination = [Float](repeating: -1, count: 12)
    copy(shape: [4, 3], source: source, sourceStrides: [1, 4], destination: &destination, destinationStrides: [3, 1])
    #expect(destination == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
    fill(shape: [2, 2], destination: &destination, strides: [6, 2], value: 7)
    #expect(destination == [7, 4, 7, 1, 5, 9, 7, 6, 7, 3, 7, 11])
  }

  @Test func reductionsMatchScalarLoops() {
    let values = pseudoRandom(3 * 37 * 5, seed: 4)
    for operation in [ReductionOperation.sum, .maximum, .minimum] {
      var fast = [Float](repeating: 0, count: 15)
      reduce(operation, input: values, outer: 3, length: 37, inner: 5, into: &fast)
      for o in 0..<3 { for i in 0..<5 {
        let column = (0..<37).map { values[(o * 37 + $0) * 5 + i] }
        let expected: Float = operation == .sum ? column.reduce(0, +) : (operation == .maximum ? column.max()! : column.min()!)
        #expect(Swift.abs(fast[o * 5 + i] - expected) < 1e-5, "\(operation) at \(o), \(i)")
      } }
    }
    var rows = [Float](repeating: 0, count: 2)
    reduce(.sum, input: pseudoRandom(2 * 1001, seed: 5), outer: 2, length: 1001, inner: 1, into: &rows)
    let data = pseudoRandom(2 * 1001, seed: 5)
    #expect(Swift.abs(rows[1] - data[1001...].reduce(0, +)) < 1e-3)
    var arg = [Int32](repeating: -1, count: 1)
    argExtremum(largest: true, input: [1, 5, 5, 2], outer: 1, length: 4, inner: 1, into: &arg)
    #expect(arg == [1])
  }

  @Test func softmaxRowsMatchDefinition() {
    let x = pseudoRandom(3 * 50, seed: 6).map { $0 * 30 }
    var y = [Float](repeating: 0, count: 150)
    softmaxRows(x, rows: 3, length: 50, into: &y)
    for r in 0..<3 {
      let row = x[(r * 50)..<(r * 50 + 50)].map(Double.init)
      let m = row.max()!
      let total = row.map { Foundation.exp($0 - m) }.reduce(0, +)
      for j in 0..<50 {
        let expected = Foundation.exp(row[j] - m) / total
        #expect(Swift.abs(Double(y[r * 50 + j]) - expected) < 1e-6)
      }
    }
  }

  /// Maximum and minimum in the 8-wide body and in the tail: NaN anywhere wins, empty is ∓inf.
  @Test func extremaSeeEveryElementAndNaN() {
    for count in [0, 1, 7, 8, 9, 16, 23] {
      var values = (0..<count).map { Float(($0 * 7) % 11) - 5 }
      let (largest, smallest) = (values.max() ?? -.infinity, values.min() ?? .infinity)
      #expect(maximum(values, count: count) == largest && minimum(values, count: count) == smallest, "count \(count)")
      for position in [0, count / 2, count - 1] where count > 0 {
        let saved = values[position]
        values[position] = .nan
        #expect(maximum(values, count: count).isNaN && minimum(values, count: count).isNaN, "NaN at \(position) of \(count)")
        values[position] = saved
      }
    }
    #expect(maximum([-Float.infinity, -3], count: 2) == -3 && minimum([.infinity, 3], count: 2) == 3)
  }
}
