// SeedAggregation: curves and summaries over several seeds — mean ± std per step, and the
// paper's Table 3 (mean and max over epochs, averaged over seeds).

/// Statistics of several runs of one metric.
public enum SeedAggregation {
  /// Mean and population standard deviation at each index over the runs that reach it (runs
  /// may stop at different lengths; missing values are skipped).
  public static func curve(_ runs: [[Double?]]) -> [(mean: Double, std: Double, runs: Int)] {
    let length = runs.map(\.count).max() ?? 0
    return (0..<length).map { index in
      let values = runs.compactMap { index < $0.count ? $0[index] : nil }.filter { $0.isFinite }
      guard !values.isEmpty else { return (.nan, .nan, 0) }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      return (mean, variance.squareRoot(), values.count)
    }
  }

  /// The paper's Table-3 cell for one metric: each run's mean and max over its epochs,
  /// averaged over runs (with the std across runs). Empty runs are skipped.
  public static func epochSummary(_ runs: [[Double]]) -> (mean: Double, meanStd: Double, max: Double, maxStd: Double) {
    let finished = runs.map { $0.filter { $0.isFinite } }.filter { !$0.isEmpty }
    guard !finished.isEmpty else { return (.nan, .nan, .nan, .nan) }
    let means = finished.map { $0.reduce(0, +) / Double($0.count) }
    let maxima = finished.compactMap { $0.max() }
    func statistics(_ values: [Double]) -> (Double, Double) {
      let mean = values.reduce(0, +) / Double(values.count)
      return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot())
    }
    let (meanOfMeans, stdOfMeans) = statistics(means), (meanOfMaxima, stdOfMaxima) = statistics(maxima)
    return (meanOfMeans, stdOfMeans, meanOfMaxima, stdOfMaxima)
  }
}
