// Panel: one set of axes with its series, titles, scales, ranges and legend.

/// One plot area: axes, decorations and the series drawn in it.
public struct Panel: Equatable, Sendable {
  /// The series, drawn in order; each gets the next colour (gnuplot line type).
  public var series: [Series]
  /// The title above the panel.
  public var title: String?
  /// The horizontal axis: label, scale and range.
  public var xAxis: Axis
  /// The vertical axis: label, scale and range.
  public var yAxis: Axis
  /// Where the legend goes; series without labels never appear in it.
  public var legend: Legend
  /// Whether to draw grid lines at the major tics.
  public var showsGrid: Bool

  /// Creates a panel.
  public init(
    _ series: [Series] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
    legend: Legend = .automatic, showsGrid: Bool = false
  ) {
    self.series = series
    self.title = title
    self.xAxis = Axis(label: xLabel)
    self.yAxis = Axis(label: yLabel)
    self.legend = legend
    self.showsGrid = showsGrid
  }
}

/// One axis of a panel.
public struct Axis: Equatable, Sendable {
  /// The axis label.
  public var label: String?
  /// Linear or logarithmic.
  public var scale: AxisScale
  /// The shown interval; either end nil lets gnuplot choose it from the data.
  public var range: AxisRange

  /// Creates an axis; by default linear, unlabelled, with an automatic range.
  public init(label: String? = nil, scale: AxisScale = .linear, range: AxisRange = AxisRange()) {
    self.label = label
    self.scale = scale
    self.range = range
  }
}

/// How values map to positions along an axis.
public enum AxisScale: Equatable, Sendable {
  /// Evenly spaced values.
  case linear
  /// Base-10 logarithmic; gnuplot skips values ≤ 0 with a warning.
  case log
}

/// The interval an axis shows; an end that is nil is chosen by gnuplot from the data.
public struct AxisRange: Equatable, Sendable {
  /// The lowest value shown, or nil for automatic.
  public var lower: Double?
  /// The highest value shown, or nil for automatic.
  public var upper: Double?

  /// Creates a range; `AxisRange()` is fully automatic.
  public init(lower: Double? = nil, upper: Double? = nil) {
    self.lower = lower
    self.upper = upper
  }

  /// Creates a fixed range from a closed interval.
  public init(_ interval: ClosedRange<Double>) {
    self.init(lower: interval.lowerBound, upper: interval.upperBound)
  }

  /// Whether both ends are automatic.
  public var isAutomatic: Bool { lower == nil && upper == nil }
}

/// Where a panel's legend (gnuplot's key) is drawn.
public enum Legend: Equatable, Sendable {
  /// gnuplot's default place (top right, inside), shown only if some series has a label.
  case automatic
  /// No legend.
  case hidden
  /// Inside the plot, in a corner.
  case topLeft, topRight, bottomLeft, bottomRight
  /// To the right of the plot area, outside it.
  case outside
}
