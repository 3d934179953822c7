// LegendPlacement: where a dashboard panel's legend covers none of its curves.

import Plot
import RL

extension DashboardFigures {
  /// The legend corner (and, when every corner holds data, a higher top for the y axis that
  /// frees the top left) for curves with `entries` legend lines.
  ///
  /// Curves, with their ± std bands, are sampled along every segment and mapped to the unit
  /// square of their extent; a corner box as wide as 45 % of the panel and as tall as the legend
  /// (about 12 % per entry) is free when no sample falls in it. Corners are tried top left, top
  /// right, bottom right, bottom left. More than four entries go outside, right of the plot.
  static func legendPlacement(for curves: [DynamicsCurve], entries: Int) -> (legend: Legend, yUpper: Double?) {
    if entries > 4 { return (.outside, nil) }
    var points: [(x: Double, y: Double)] = []
    for curve in curves where curve.x.count == curve.mean.count && curve.std.count == curve.mean.count {
      for level in [-1.0, 0, 1] {
        let y = zip(curve.mean, curve.std).map { $0 + level * $1 }
        points += sampled(x: curve.x, y: y)
      }
    }
    let xs = points.map(\.x), ys = points.map(\.y)
    guard let xLow = xs.min(), let xHigh = xs.max(), let yLow = ys.min(), let yHigh = ys.max(), xHigh > xLow, yHigh > yLow
    else { return (.topLeft, nil) }
    let height = 0.12 * Double(max(entries, 1)), width = 0.45
    let unit = points.map { ((($0.x - xLow) / (xHigh - xLow)), ($0.y - yLow) / (yHigh - yLow)) }
    let corners: [(Legend, left: Bool, top: Bool)] = [(.topLeft, true, true), (.topRight, false, true), (.bottomRight, false, false), (.bottomLeft, true, false)]
    for (legend, left, top) in corners {
      let occupied = unit.contains { x, y in
        (left ? x <= width : x >= 1 - width) && (top ? y >= 1 - height : y <= height)
      }
      if !occupied { return (legend, nil) }
    }
    // Every corner is taken: raise the top so the data stay below the legend.
    return (.topLeft, yHigh + (yHigh - yLow) * height / (1 - height))
  }

  /// Points along a polyline: its vertices and 16 steps inside every segment.
  private static func sampled(x: [Double], y: [Double]) -> [(x: Double, y: Double)] {
    let finite = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
    guard var previous = finite.first else { return [] }
    var points = [previous]
    for point in finite.dropFirst() {
      for step in 1...16 {
        let t = Double(step) / 16
        points.append((previous.0 + t * (point.0 - previous.0), previous.1 + t * (point.1 - previous.1)))
      }
      previous = point
    }
    return points
  }
}
