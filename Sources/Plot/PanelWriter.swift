// PanelWriter: the settings and the `plot` command of one panel.

/// Writes one panel: its axes, legend and decorations, then one `plot` command with a clause
/// per series. Series `i` uses gnuplot line type `i` (its colour, and its character on the
/// text terminal), so a band's shading and its mean line share a colour.
struct PanelWriter {
  let panel: Panel
  /// The data source of each series, nil for series without points.
  let sources: [String?]
  let terminal: Terminal

  /// Whether rasters are drawn as characters (`rasterShading`): on the monochrome text terminal.
  var shadesRasters: Bool { terminal.drawsRastersAsCharacters }

  func write(into builder: inout ScriptBuilder) {
    for line in settings() { builder.line(line) }
    let clauses = plotClauses()
    if clauses.isEmpty {
      // Nothing to draw yet (a live figure before its first point): an empty frame. gnuplot
      // refuses to autoscale an empty plot, so the ranges fall back to [0:1].
      builder.line("set xrange [\(gnuplotBound(panel.xAxis.range.lower ?? 0)):\(gnuplotBound(panel.xAxis.range.upper ?? 1))]")
      builder.line("set yrange [\(gnuplotBound(panel.yAxis.range.lower ?? 0)):\(gnuplotBound(panel.yAxis.range.upper ?? 1))]")
      builder.line("plot NaN notitle")
    } else {
      builder.line("plot " + clauses.joined(separator: ", \\\n     "))
    }
  }

  // MARK: - Settings

  private func settings() -> [String] {
    var lines: [String] = []
    if let title = panel.title { lines.append("set title \(gnuplotLabel(title))") }
    if let label = panel.xAxis.label { lines.append("set xlabel \(gnuplotLabel(label))") }
    if let label = panel.yAxis.label { lines.append("set ylabel \(gnuplotLabel(label))") }
    if panel.xAxis.scale == .log { lines.append("set logscale x") }
    if panel.yAxis.scale == .log { lines.append("set logscale y") }
    if panel.showsGrid { lines.append("set grid") }
    lines.append(legendCommand)

    let kinds = panel.series.map(\.kind)
    let raster = kinds.first { if case .heatmap = $0 { true } else if case .image = $0 { true } else { false } }
    var xRange = panel.xAxis.range
    var yRange = panel.yAxis.range
    var yReversed = false
    if let raster {
      // imshow's orientation: row 0 at the top, one unit per cell, square cells on images.
      let (rows, columns) =
        switch raster {
        case .heatmap(let matrix): (matrix.rows, matrix.columns)
        case .image(let image): (image.height, image.width)
        default: (0, 0)
        }
      if xRange.isAutomatic { xRange = AxisRange(lower: -0.5, upper: Double(columns) - 0.5) }
      if yRange.isAutomatic {
        yRange = AxisRange(lower: -0.5, upper: Double(rows) - 0.5)
        yReversed = true
      }
      if !terminal.isText { lines.append("set size ratio -1") }
      if case .heatmap = raster, let label = panel.series.first(where: { $0.kind == raster })?.label {
        lines.append("set cblabel \(gnuplotLabel(label))")
      }
    }
    let bars = barSeriesIndices
    if let first = bars.first, case .bar(_, let values) = panel.series[first].kind, xRange.isAutomatic {
      xRange = AxisRange(lower: -0.6, upper: Double(values.count) - 0.4)
    }
    if (!bars.isEmpty || kinds.contains { if case .histogram = $0 { true } else { false } }),
      yRange.isAutomatic, panel.yAxis.scale == .linear, allBoxValuesAreNonNegative
    {
      yRange.lower = 0  // boxes grow from zero; without this gnuplot starts the axis at the lowest bar
    }
    if !xRange.isAutomatic { lines.append("set xrange [\(gnuplotBound(xRange.lower)):\(gnuplotBound(xRange.upper))]") }
    if !yRange.isAutomatic || yReversed {
      let (lower, upper) = yReversed ? (yRange.upper, yRange.lower) : (yRange.lower, yRange.upper)
      lines.append("set yrange [\(gnuplotBound(lower)):\(gnuplotBound(upper))]")
    }
    return lines
  }

  /// The `set key` command. The key is opaque so that, on the text terminal, data drawn over
  /// its corner cannot overwrite the labels.
  private var legendCommand: String {
    let labelled = panel.series.contains { $0.label != nil && !$0.isRaster }
    let place: String
    switch panel.legend {
    case .hidden: return "unset key"
    case _ where !labelled: return "unset key"
    case .automatic, .topRight: place = "top right"
    case .topLeft: place = "top left"
    case .bottomLeft: place = "bottom left"
    case .bottomRight: place = "bottom right"
    case .outside: place = "outside right top"
    }
    return "set key \(place) opaque"
  }

  private var barSeriesIndices: [Int] {
    panel.series.indices.filter { if case .bar = panel.series[$0].kind { true } else { false } }
  }

  private var allBoxValuesAreNonNegative: Bool {
    panel.series.allSatisfy { series in
      switch series.kind {
      case .bar(_, let values): values.allSatisfy { !($0 < 0) }
      case .histogram: true
      default: true
      }
    }
  }

  // MARK: - Plot clauses

  private func plotClauses() -> [String] {
    let bars = barSeriesIndices
    var clauses: [String] = []
    for (index, series) in panel.series.enumerated() {
      guard let source = sources[index] else { continue }
      let style = lineStyle(index: index, color: series.color)
      let title = series.label.map { "title \(gnuplotLabel($0))" } ?? "notitle"
      switch series.kind {
      case .line:
        clauses.append("\(source) using 1:2 with lines \(style) lw 1.5 \(title)")
      case .scatter:
        clauses.append("\(source) using 1:2 with points \(style) pt 7 ps 0.6 \(title)")
      case .histogram(let histogram):
        clauses.append("\(source) using 1:2:(\(gnuplotNumber(histogram.width))) with boxes \(style) fs solid 0.5 \(title)")
      case .bar:
        // Several bar series share each category slot, side by side within 0.8 of its width.
        let position = bars.firstIndex(of: index) ?? 0
        let width = 0.8 / Double(bars.count)
        let offset = (Double(position) - Double(bars.count - 1) / 2) * width
        let tics = position == 0 ? ":xtic(1)" : ""
        clauses.append("\(source) using ($0 + \(gnuplotNumber(offset))):2:(\(gnuplotNumber(width)))\(tics) with boxes \(style) fs solid 0.6 \(title)")
      case .heatmap where shadesRasters, .image where shadesRasters:
        clauses.append("\(source) using 1:2:3 with labels notitle")
      case .heatmap:
        clauses.append("\(source) matrix with image notitle")
      case .image(let image):
        let alpha = image.channels == 2 || image.channels == 4
        clauses.append(alpha
          ? "\(source) using 1:2:3:4:5:6 with rgbalpha notitle"
          : "\(source) using 1:2:3:4:5 with rgbimage notitle")
      case .band(_, _, _, let center):
        let fill = "fs transparent solid 0.25 noborder"
        if center != nil {
          clauses.append("\(source) using 1:2:3 with filledcurves \(style) \(fill) notitle")
          clauses.append("\(source) using 1:4 with lines \(style) lw 1.5 \(title)")
        } else {
          clauses.append("\(source) using 1:2:3 with filledcurves \(style) \(fill) \(title)")
        }
      }
    }
    return clauses
  }

  /// `lt N`, plus an explicit colour when the series asks for one.
  private func lineStyle(index: Int, color: String?) -> String {
    var style = "lt \(index + 1)"
    if let color { style += " lc rgb \(gnuplotLabel(color))" }
    return style
  }
}

extension Series {
  /// Whether the series is a heatmap or an image, which never appear in the legend.
  var isRaster: Bool {
    switch kind {
    case .heatmap, .image: true
    default: false
    }
  }
}
