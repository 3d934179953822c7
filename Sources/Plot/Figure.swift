// Figure: a description of what to draw, one or more panels in a grid, kept apart from gnuplot.

/// A figure: one or more panels laid out in a grid, with an optional overall title.
///
/// A figure is a plain value. It says *what* to draw; `FigureRenderer` turns it into a gnuplot
/// script for a given terminal, and `GnuplotSession` runs the script. Building one never fails;
/// drawing checks it and throws `PlotError.invalidFigure` with the reason.
///
/// ```swift
/// var figure = Figure(Panel([.line(rewards, label: "reward")], title: "reward"))
/// figure.panels[0].yAxis.scale = .log
/// let text = try session.render(figure, on: .text(columns: 80, rows: 24))
/// ```
public struct Figure: Equatable, Sendable {
  /// The panels, drawn left to right, then top to bottom.
  public var panels: [Panel]
  /// A title over the whole figure; with a single panel it is that panel's title unless the
  /// panel has its own.
  public var title: String?
  /// The grid; nil picks one (a single column for up to three panels, then a near-square grid).
  public var layout: Layout?

  /// Creates a figure from panels.
  public init(panels: [Panel], title: String? = nil, layout: Layout? = nil) {
    self.panels = panels
    self.title = title
    self.layout = layout
  }

  /// Creates a single-panel figure.
  public init(_ panel: Panel) {
    self.init(panels: [panel])
  }

  /// Creates a single-panel figure from series, with the usual decorations.
  public init(
    _ series: [Series], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) {
    self.init(Panel(series, title: title, xLabel: xLabel, yLabel: yLabel))
  }

  /// The grid the panels are drawn in: `layout` if set, otherwise one chosen for their count.
  public var resolvedLayout: Layout {
    if let layout { return layout }
    let count = max(panels.count, 1)
    if count <= 3 { return Layout(rows: count, columns: 1) }
    var columns = 1
    while columns * columns < count { columns += 1 }
    return Layout(rows: (count + columns - 1) / columns, columns: columns)
  }
}

/// A grid of panels: `rows` × `columns`, filled row by row.
public struct Layout: Equatable, Sendable {
  /// Number of rows of panels.
  public var rows: Int
  /// Number of columns of panels.
  public var columns: Int

  /// Creates a grid of `rows` × `columns` panels.
  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }
}
