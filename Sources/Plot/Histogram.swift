// Histogram: counting values into equal-width bins, done in Swift so it can be tested exactly.
import Foundation

/// Counts of values in equal-width bins.
///
/// Binning happens here rather than with gnuplot's `smooth frequency`, so the counts are plain
/// values a test can check and a REPL can print.
public struct Histogram: Equatable, Sendable {
  /// The centre of each bin.
  public var centers: [Double]
  /// How many values fell in each bin.
  public var counts: [Double]
  /// The width shared by every bin.
  public var width: Double

  /// Creates a histogram from already-counted bins.
  public init(centers: [Double], counts: [Double], width: Double) {
    self.centers = centers
    self.counts = counts
    self.width = width
  }

  /// Counts the finite `values` into `bins` equal bins spanning `range`.
  ///
  /// - `bins` defaults to Sturges' rule, ⌈log₂ n⌉ + 1, capped at 100.
  /// - `range` defaults to the smallest and largest finite value. When that range is a single
  ///   point it is widened to ±0.5, so a constant series still gets one visible bar.
  /// - A value equal to the upper end counts in the last bin (the bins are `[a, b)` except the
  ///   last, which is `[a, b]`, as in numpy). Values outside `range` are not counted.
  public init(_ values: [Double], bins: Int? = nil, range: ClosedRange<Double>? = nil) {
    let finite = values.filter(\.isFinite)
    var low = range?.lowerBound ?? finite.min() ?? 0
    var high = range?.upperBound ?? finite.max() ?? 1
    if !(low.isFinite && high.isFinite) || high <= low {
      let middle = low.isFinite ? low : 0
      (low, high) = (middle - 0.5, middle + 0.5)
    }
    let sturges = Int(log2(Double(max(finite.count, 1))).rounded(.up)) + 1
    let count = max(1, min(bins ?? min(sturges, 100), 100_000))
    let width = (high - low) / Double(count)
    var counts = [Double](repeating: 0, count: count)
    for value in finite where value >= low && value <= high {
      let index = min(Int((value - low) / width), count - 1)
      counts[index] += 1
    }
    self.init(
      centers: (0..<count).map { low + (Double($0) + 0.5) * width }, counts: counts, width: width)
  }
}
