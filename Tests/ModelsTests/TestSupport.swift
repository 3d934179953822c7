// TestSupport: approximate comparison of float arrays, reporting the worst element.
import Testing

/// Expects |actual − expected| ≤ absolute + relative·|expected| element-wise.
func expectClose(
  _ actual: [Float], _ expected: [Float], absolute: Float, relative: Float, _ message: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "\(message): \(actual.count) vs \(expected.count) values", sourceLocation: sourceLocation)
  var worst: (index: Int, error: Float)?
  for (index, (a, b)) in zip(actual, expected).enumerated() {
    let error = Swift.abs(a - b)
    if !(error <= absolute + relative * Swift.abs(b)), worst.map({ error > $0.error }) ?? true { worst = (index, error) }
  }
  if let worst {
    Issue.record("\(message): element \(worst.index) is \(actual[worst.index]), expected \(expected[worst.index]) (error \(worst.error))",
                 sourceLocation: sourceLocation)
  }
}
