// Figure+Builders: figures made in one call from a metric log or from several panels.

extension Figure {
  /// One panel per metric, stacked in a column, each titled with the metric's name, plotting
  /// the log's values against `x` (default `step`), optionally smoothed.
  ///
  /// - Throws: `PlotError.invalidFigure` naming the metrics the log does not contain, and the
  ///   ones it does.
  public init(
    metrics log: MetricLog, keys: [String], x xKey: String = "step", smoothing: Smoothing? = nil
  ) throws(PlotError) {
    let known = Set(log.keys)
    let missing = keys.filter { !known.contains($0) }
    guard missing.isEmpty else {
      let list = missing.map { "'\($0)'" }.joined(separator: ", ")
      throw .invalidFigure("no metric \(list) in the log (it has: \(log.keys.joined(separator: ", ")))")
    }
    guard !keys.isEmpty else { throw .invalidFigure("no metric names given") }
    let panels = keys.map { key -> Panel in
      let (x, y) = log.series(key, x: xKey)
      let values = smoothing?.apply(to: y) ?? y
      return Panel([.line(values, x: x, label: nil)], title: key, xLabel: xKey)
    }
    self.init(panels: panels, layout: Layout(rows: panels.count, columns: 1))
  }

  /// Panels in a grid of `rows` × `columns` (matplotlib's `subplots`).
  public static func subplots(_ panels: [Panel], rows: Int, columns: Int, title: String? = nil) -> Figure {
    Figure(panels: panels, title: title, layout: Layout(rows: rows, columns: columns))
  }
}
