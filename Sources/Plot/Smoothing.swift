// Smoothing: moving average and exponential moving average for noisy training curves.

/// A way to smooth a noisy curve before drawing it.
public enum Smoothing: Equatable, Sendable {
  /// The mean of each value and the `window − 1` before it (`movingAverage(_:window:)`).
  case movingAverage(window: Int)
  /// TensorBoard's debiased exponential moving average (`exponentialMovingAverage(_:weight:)`).
  case exponential(weight: Double)

  /// `values` smoothed this way; the result has the same length.
  public func apply(to values: [Double]) -> [Double] {
    switch self {
    case .movingAverage(let window): Plot.movingAverage(values, window: window)
    case .exponential(let weight): Plot.exponentialMovingAverage(values, weight: weight)
    }
  }
}

/// The trailing moving average of `values` over `window` points, same length as the input.
///
/// Output `i` is the mean of the finite values among `values[i - window + 1 ... i]`; the first
/// points average what is available, so the curve starts at the first value instead of being
/// shifted or padded. A window with no finite value gives NaN (a gap). `window` below 1 counts
/// as 1, which returns the input.
///
/// ```swift
/// movingAverage([1, 2, 3, 4], window: 2)   // [1, 1.5, 2.5, 3.5]
/// ```
public func movingAverage(_ values: [Double], window: Int) -> [Double] {
  let window = max(window, 1)
  // Prefix sums of the finite values and of their count: O(n) whatever the window. Each output
  // is a difference of two sums; in double precision that loses nothing visible in a plot.
  var sums = [Double](repeating: 0, count: values.count + 1)
  var counts = [Int](repeating: 0, count: values.count + 1)
  for (index, value) in values.enumerated() {
    let finite = value.isFinite
    sums[index + 1] = sums[index] + (finite ? value : 0)
    counts[index + 1] = counts[index] + (finite ? 1 : 0)
  }
  return values.indices.map { index in
    let start = max(0, index - window + 1)
    let count = counts[index + 1] - counts[start]
    return count > 0 ? (sums[index + 1] - sums[start]) / Double(count) : .nan
  }
}

/// The exponential moving average of `values` as TensorBoard draws it, same length as input.
///
/// `s ← weight · s + (1 − weight) · x` over the finite values, starting from s = 0 and divided
/// by the debias factor `1 − weightⁿ` (n = finite values seen), so the curve starts at the first
/// value instead of rising from zero. `weight` is TensorBoard's smoothing slider, clamped to
/// [0, 1): 0 returns the input, 0.9 averages over roughly the last ten points. Non-finite
/// inputs stay NaN in the output and do not disturb the average.
///
/// ```swift
/// exponentialMovingAverage([1, 1, 1], weight: 0.9)   // [1, 1, 1]
/// ```
public func exponentialMovingAverage(_ values: [Double], weight: Double) -> [Double] {
  let weight = weight.isFinite ? min(max(weight, 0), 0.999_999) : 0
  var smoothed = 0.0
  var debias = 1.0
  return values.map { value in
    guard value.isFinite else { return .nan }
    smoothed = weight * smoothed + (1 - weight) * value
    debias *= weight
    return smoothed / (1 - debias)
  }
}
