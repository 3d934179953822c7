// Figure+Validation: the checks that make an undrawable figure an error instead of a crash.

extension Figure {
  /// Checks the figure can be drawn.
  ///
  /// - Throws: `PlotError.invalidFigure` with a message naming the panel, the series and both
  ///   sides of any mismatch (`panel 1, series 'reward': 5 x values but 4 y values`).
  public func validate() throws(PlotError) {
    guard !panels.isEmpty else { throw .invalidFigure("the figure has no panels") }
    let layout = resolvedLayout
    guard layout.rows >= 1, layout.columns >= 1, layout.rows <= 100, layout.columns <= 100 else {
      throw .invalidFigure("layout \(layout.rows)×\(layout.columns) is outside 1…100 per side")
    }
    guard panels.count <= layout.rows * layout.columns else {
      throw .invalidFigure("\(panels.count) panels do not fit a \(layout.rows)×\(layout.columns) layout")
    }
    for (panelIndex, panel) in panels.enumerated() {
      for (seriesIndex, series) in panel.series.enumerated() {
        let name = series.label.map { "'\($0)'" } ?? "\(seriesIndex + 1)"
        if let problem = series.problem {
          throw .invalidFigure("panel \(panelIndex + 1), series \(name): \(problem)")
        }
      }
      for (axis, range) in [("x", panel.xAxis.range), ("y", panel.yAxis.range)] {
        if let lower = range.lower, let upper = range.upper, !(lower < upper) {
          throw .invalidFigure("panel \(panelIndex + 1): \(axis) range [\(lower), \(upper)] is empty")
        }
      }
    }
  }
}

extension Series {
  /// What makes this series undrawable, or nil.
  var problem: String? {
    func mismatch(_ a: Int, _ aName: String, _ b: Int, _ bName: String) -> String? {
      a == b ? nil : "\(a) \(aName) but \(b) \(bName)"
    }
    switch kind {
    case .line(let x, let y), .scatter(let x, let y):
      return mismatch(x.count, "x values", y.count, "y values")
    case .histogram(let histogram):
      if !(histogram.width > 0 && histogram.width.isFinite) { return "bin width \(histogram.width) is not positive" }
      return mismatch(histogram.centers.count, "bin centers", histogram.counts.count, "counts")
    case .bar(let categories, let values):
      return mismatch(categories.count, "categories", values.count, "values")
    case .heatmap(let matrix):
      guard matrix.rows > 0, matrix.columns > 0 else { return "a heatmap needs at least one row and column" }
      return mismatch(matrix.values.count, "values", matrix.rows * matrix.columns,
        "cells (\(matrix.rows)×\(matrix.columns))")
    case .image(let image):
      guard (1...4).contains(image.channels) else { return "\(image.channels) channels (expected 1 to 4)" }
      guard image.width > 0, image.height > 0 else { return "an image needs a positive width and height" }
      return mismatch(image.pixels.count, "bytes", image.width * image.height * image.channels,
        "samples (\(image.width)×\(image.height)×\(image.channels))")
    case .band(let x, let lower, let upper, let center):
      return mismatch(x.count, "x values", lower.count, "lower values")
        ?? mismatch(x.count, "x values", upper.count, "upper values")
        ?? center.flatMap { mismatch(x.count, "x values", $0.count, "center values") }
    }
  }
}
