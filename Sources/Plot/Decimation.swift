// Decimation: thinning a long line series to what a picture of a given width can show.

/// Reduces a line of many points to at most four per horizontal pixel: in each of `buckets`
/// equal slices of the x range, the first, lowest, highest and last point, in their original
/// order (the "M4" aggregation of Jugel et al., VLDB 2014).
///
/// A line drawn through those points covers the same pixels as the full line when `buckets` is
/// the plot's width in pixels, so a million-point training curve renders in a fraction of the
/// time (cairo spends seconds on a million-segment path; bench/README.md). Returns nil when
/// the series is short enough already, or when the result would not be faithful: x must be
/// finite and non-decreasing and y finite (a NaN gap would be bridged).
func decimateLine(x: [Double], y: [Double], buckets: Int) -> (x: [Double], y: [Double])? {
  let buckets = max(buckets, 1)
  guard x.count == y.count, x.count > 4 * buckets, let first = x.first, let last = x.last,
    last > first, first.isFinite, last.isFinite
  else { return nil }
  for index in 1..<x.count where !(x[index] >= x[index - 1]) || !y[index].isFinite { return nil }
  guard y[0].isFinite else { return nil }

  var keptX: [Double] = []
  var keptY: [Double] = []
  keptX.reserveCapacity(4 * buckets)
  keptY.reserveCapacity(4 * buckets)
  let scale = Double(buckets) / (last - first)
  var start = 0
  while start < x.count {
    let bucket = min(Int((x[start] - first) * scale), buckets - 1)
    var end = start + 1
    var lowest = start
    var highest = start
    while end < x.count && min(Int((x[end] - first) * scale), buckets - 1) == bucket {
      if y[end] < y[lowest] { lowest = end }
      if y[end] > y[highest] { highest = end }
      end += 1
    }
    for index in Set([start, lowest, highest, end - 1]).sorted() {
      keptX.append(x[index])
      keptY.append(y[index])
    }
    start = end
  }
  return (keptX, keptY)
}
