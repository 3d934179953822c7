// The figure as a language value: shown inline when printed, decorated through its fields.

import Lang
import Plot

/// A figure in the language (`type(fig) == "figure"`), made by `plot`, `scatter`, `hist`,
/// `bar`, `imshow`, `band` and `subplots`.
///
/// Printed at top level (or shown as a cell's value) it draws itself inline, as text sized to
/// the terminal (or sixel), and is recorded for the notebook report; inside a list it prints
/// short. Its fields (`title`, `xlabel`, `logy`, `yrange`, ...) read and set decorations;
/// `update(...)` re-reads its data and redraws it in place.
public final class FigureObject: NativeObject {
  /// What to draw.
  public var figure: Figure
  /// How the figure was built from data, so `update` can rebuild it; nil for compositions.
  var recipe: (any FigureSource)?
  /// The plotting state of the interpreter that made the figure, for drawing it when it is
  /// printed (`describe` gets no interpreter). Weak: the interpreter owns its state, and a
  /// figure that outlives it must not keep gnuplot running.
  weak var state: PlotState?
  /// The in-place drawing, after the first `update` on a terminal.
  var live: LiveFigure?

  /// Creates a figure value drawn through `state`.
  public init(_ figure: Figure, state: PlotState) {
    self.figure = figure
    self.state = state
  }

  init(_ figure: Figure, recipe: (any FigureSource)?, state: PlotState) {
    self.figure = figure
    self.recipe = recipe
    self.state = state
  }

  /// `figure`.
  public var typeName: String { "figure" }

  /// At top level: the figure drawn inline (and recorded as shown), or the short form with the
  /// reason it could not be drawn. Nested: `<figure "title": 2 panels, 3 series>`.
  public func describe(nested: Bool) -> String {
    guard !nested else { return summary }
    guard let state else { return "\(summary)\n(cannot draw: the interpreter that made it has ended)" }
    do {
      var text = try state.show(figure)
      if text.hasSuffix("\n") { text.removeLast() }  // print adds the newline
      return text
    } catch {
      return "\(summary)\n(cannot draw: \(error))"
    }
  }

  /// `<figure "title": 2 panels, 3 series>`.
  public var summary: String {
    let series = figure.panels.reduce(0) { $0 + $1.series.count }
    let panels = figure.panels.count == 1 ? "1 panel" : "\(figure.panels.count) panels"
    let title = figure.title.map { " \(Format.quoted($0))" } ?? ""
    return "<figure\(title): \(panels), \(series) series>"
  }

  /// Equal to a figure describing the same drawing.
  public func isEqual(to other: any NativeObject) -> Bool {
    (other as? FigureObject)?.figure == figure
  }

  /// The decoration fields.
  public var fieldNames: [String] { FigureFields.names }

  /// `title xlabel ylabel logx logy xrange yrange legend grid layout panels`.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    FigureFields.get(name, of: figure)
  }

  /// Sets a decoration (axis settings apply to every panel).
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    try FigureFields.set(name, to: value, in: &figure)
  }

  /// The figure methods.
  public var methods: [String: Builtin] { FigureMethods.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A figure drawn by gnuplot. Printing it (or leaving it as a cell's value) draws it inline;
    save(fig, "x.png" | ".svg" | ".pdf") writes a file; fig.update(...) redraws it in place.
    Decorations are fields: fig.title = "reward"; fig.logy = true; fig.yrange = [0, 1].
    """
  }

  /// Rebuilds from the recipe's (possibly new) data, keeping the current decorations, and
  /// redraws in place on a terminal; elsewhere the final state is recorded for the report.
  func update(with data: [Value], interpreter: Interpreter) throws(LangError) {
    if data.count == 1, case .native(let other as FigureObject) = data[0] {
      figure = other.figure
      recipe = other.recipe
    } else if let recipe {
      let updated = recipe.updating(with: data)
      let rebuilt = try updated.build(interpreter)
      self.recipe = updated
      try PlotFunctions.validate(rebuilt, "update")
      figure = updated.keepingDecorations(of: figure, in: rebuilt)
    } else if !data.isEmpty {
      throw LangError.message("update: this figure was not made from data; pass a figure: fig.update(plot(...))")
    }
    let state = PlotLibrary.state(of: interpreter)
    state.noteUpdated(self)
    guard state.outputIsTerminal else { return }
    let drawing = live ?? LiveFigure(session: state.gnuplot, terminal: state.inlineTerminal(for: figure)) { [weak interpreter] in
      interpreter?.write($0)
    }
    live = drawing
    try plotOperation { () throws(PlotError) in try drawing.update(figure) }
  }
}

extension Value {
  /// The figure object this value holds, if it is a figure.
  var figureObject: FigureObject? {
    if case .native(let object as FigureObject) = self { return object }
    return nil
  }
}

/// Runs a plot operation, turning a `PlotError` (gnuplot's message and line, or the install
/// hint when gnuplot is missing) into a catchable language error.
@discardableResult
func plotOperation<Result>(_ body: () throws(PlotError) -> Result) throws(LangError) -> Result {
  do {
    return try body()
  } catch {
    throw LangError.message(error.description)
  }
}
