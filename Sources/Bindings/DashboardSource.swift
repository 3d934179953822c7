// Dashboards: figures of MAYE's training dynamics and reflection words made from run logs,
// rebuilt from the run directories when `fig.update()` is called during training.

import Lang
import Plot
import RL

/// How `plot_dynamics` and `plot_words` figures are built, and rebuilt by `fig.update(...)`.
///
/// The first build draws the runs as given (run values as they were loaded); every update
/// reads each run's directory again, so calling `fig.update()` in a training loop, or after
/// another epoch, follows the logs. `fig.update(runs)` switches to other runs.
struct DashboardSource: FigureSource {
  /// What the figure shows.
  enum Content {
    /// `plot_dynamics`: the named panels.
    case dynamics(panels: [String])
    /// `plot_words`: one panel per word (or all in one with `overlay`).
    case words([String]?, keepingZeros: Bool, overlay: Bool)
  }

  let function: String
  let content: Content
  /// A run, a directory, or a list of them.
  var runs: Value
  let smoothing: Smoothing?
  /// Whether to read run values' directories again (after the first build).
  var rereads = false

  func updating(with data: [Value]) -> any FigureSource {
    var source = self
    if data.count == 1 { source.runs = data[0] } else if !data.isEmpty { source.runs = .list(List(data)) }
    source.rereads = true
    return source
  }

  func build(_ interpreter: Interpreter) throws(LangError) -> Figure {
    let histories = try RunArguments(function: function, interpreter: interpreter).histories(runs, rereading: rereads)
    let smooth = { (values: [Double]) in smoothing?.apply(to: values) ?? values }
    switch content {
    case .dynamics(let names):
      let panels: [DynamicsPanel]
      do { panels = try RunDynamics.panels(names, runs: histories, smoothing: smooth) } catch {
        throw LangError.message("\(function): \(error)")
      }
      guard !panels.isEmpty else {
        throw LangError.message("\(function): nothing to draw: the runs log none of \(names.joined(separator: ", "))")
      }
      return DashboardFigures.grid(panels.map(DashboardFigures.panel), title: DashboardFigures.title(for: histories))
    case .words(let words, let keepingZeros, let overlay):
      for word in words ?? [] where !Reflection.words.contains(word) {
        throw LangError.message("\(function): '\(word)' is not one of MAYE's reflection words (\(Reflection.words.joined(separator: ", ")))")
      }
      let curves = RunDynamics.reflectionWords(runs: histories, words: words ?? Reflection.words, keepingZeros: keepingZeros, smoothing: smooth)
      let title = "reflection word counts" + (histories.count > 1 ? " (average of \(histories.count) runs)" : "")
      guard !curves.isEmpty else {
        // No response reflected yet (or no step is logged): an empty panel that says so.
        return Figure(Panel([], title: "no reflection words in the logs", xLabel: "step"))
      }
      if overlay {
        // One line per word: bands would hide one another.
        var panel = DashboardFigures.panel(title, xLabel: "step", curves, bands: false)
        panel.title = nil  // the figure's title, which `fig.title` reads and sets
        return Figure(panels: [panel], title: title)
      }
      let panels = curves.map { DashboardFigures.panel($0.label ?? "", xLabel: "step", [$0], legend: false) }
      return DashboardFigures.grid(panels, title: title, columns: panels.count <= 3 ? 1 : panels.count == 4 ? 2 : 3)
    }
  }

  /// Keeps the user's decorations on the panel of the same title (panels come and go as runs
  /// log more: the accuracy panels appear after the first epoch), and the layout if it still
  /// has room.
  func keepingDecorations(of old: Figure, in rebuilt: Figure) -> Figure {
    var figure = rebuilt
    figure.title = old.title
    if let layout = old.layout, layout.rows * layout.columns >= rebuilt.panels.count, old.panels.count == rebuilt.panels.count {
      figure.layout = layout
    }
    for index in figure.panels.indices {
      guard let previous = old.panels.first(where: { $0.title == figure.panels[index].title }) else { continue }
      let series = figure.panels[index].series
      figure.panels[index] = previous
      figure.panels[index].series = series
    }
    return figure
  }
}

/// Turns dynamics panels into Plot panels and figures.
enum DashboardFigures {
  /// A panel: each curve as its mean line, inside a ± std band when it averages two or more
  /// runs; labelled curves appear in the legend.
  static func panel(_ panel: DynamicsPanel) -> Panel {
    self.panel(panel.title, xLabel: panel.xLabel, panel.curves)
  }

  /// A panel of `curves`, without their bands when `bands` is false and out of the legend
  /// when `legend` is false.
  static func panel(_ title: String, xLabel: String, _ curves: [DynamicsCurve], bands: Bool = true, legend: Bool = true) -> Panel {
    let series = curves.map { curve -> Series in
      let label = legend ? curve.label : nil
      guard bands, curve.runs >= 2 else { return .line(curve.mean, x: curve.x, label: label) }
      return .band(x: curve.x, lower: zip(curve.mean, curve.std).map { $0 - $1 }, upper: zip(curve.mean, curve.std).map { $0 + $1 },
                   center: curve.mean, label: label)
    }
    var panel = Panel(series, title: title, xLabel: xLabel)
    let entries = series.filter { $0.label != nil }.count
    if entries > 0 {
      let placement = legendPlacement(for: curves, entries: entries)
      panel.legend = placement.legend
      panel.yAxis.range.upper = placement.yUpper
    }
    return panel
  }

  /// Panels in a grid of `columns` columns (default: up to three stacked, more in two columns,
  /// which keeps each panel 40 characters wide on an 80-column screen).
  static func grid(_ panels: [Panel], title: String?, columns: Int? = nil) -> Figure {
    let columns = max(columns ?? (panels.count <= 3 ? 1 : 2), 1)
    return Figure(panels: panels, title: title, layout: Layout(rows: (panels.count + columns - 1) / columns, columns: columns))
  }

  /// The runs' names (`seed0, seed1, seed2`), or their count when the names are long.
  static func title(for runs: [RunHistory]) -> String {
    let names = runs.map(\.name).joined(separator: ", ")
    return names.count <= 60 ? names : "\(runs.count) runs"
  }
}
