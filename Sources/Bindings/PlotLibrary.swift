// Plot builtins: figure builders, layouts, saving and showing, raw gnuplot, settings, smoothing.

import Foundation
import Lang
import Plot

extension Library {
  /// `plot scatter hist bar imshow band subplots multiplot save show gnuplot plot_settings
  /// moving_average ema`.
  public static let plots = Library("plots", functions: PlotFunctions.builders + PlotFunctions.output)
}

/// The tables behind `Library.plots`.
enum PlotFunctions {
  static let builders: [Builtin] = [
    builder(.line, "plot", "data..., label = nil, labels = nil, smooth = nil, ema = nil, x = \"step\"",
            "A line figure: plot(ys), plot(xs, ys), plot([ys1, ys2], labels: [...]), plot({reward: ys, kl: zs}),\nplot(log, [\"reward\", \"response_length\"]) for a list of records (one panel per metric, against x);\nsmooth: window (moving average) or ema: weight (TensorBoard's EMA)."),
    builder(.scatter, "scatter", "data..., label = nil, labels = nil, smooth = nil, ema = nil, x = \"step\"",
            "Unjoined points; takes the same data as plot: scatter(xs, ys)."),
    builder(.histogram, "hist", "values, bins = nil, range = nil, label = nil",
            "A histogram of values (a list or a tensor of any shape) in bins equal bins over range [low, high]."),
    builder(.bar, "bar", "values, categories = nil, label = nil",
            "One bar per value, labelled by categories; bar({a: 1, b: 2}) takes both from a record."),
    builder(.image, "imshow", "image",
            "A 2-d tensor (or list of lists) as a heatmap, or an [H, W, C] / [C, H, W] image tensor (C = 1, 3, 4; floats in [0, 1])."),
    builder(.band, "band", "data..., label = nil, smooth = nil, ema = nil",
            "The mean ± std over several runs, band(runs) or band(xs, runs): runs is a list of lists (lengths may differ) or a 2-d tensor."),
    layout("subplots"),
    layout("multiplot"),
  ]

  static let output: [Builtin] = [
    Builtin("save", signature: "save(fig, path)", doc: "Writes the figure to path as .png, .svg or .pdf (chosen by the extension).") { args in
      try save(try figure(args, "fig"), try args.string("path"), args.interpreter)
      return .nil
    },
    Builtin("show", signature: "show(fig)", doc: "Draws the figure inline now (as printing it does) and records it for the notebook report.") { args in
      try show(try figure(args, "fig"), args.interpreter)
      return .nil
    },
    Builtin("gnuplot", signature: "gnuplot(commands)",
            doc: "Runs raw gnuplot commands and returns what gnuplot printed; gnuplot's errors are catchable,\nwith its message and line: gnuplot(\"print 6 * 7\").") { args in
      let commands = try args.string("commands"), session = PlotLibrary.state(of: args.interpreter).gnuplot
      return .string(try plotOperation { () throws(PlotError) in try session.run(commands) })
    },
    Builtin("plot_settings", signature: "plot_settings(inline = nil, color = nil, columns = nil, rows = nil)",
            doc: "Sets how figures are shown inline (given arguments only) and returns the settings: inline \"text\", \"sixel\" or \"auto\";\ncolor \"none\", \"ansi\", \"ansi256\", \"rgb\" or \"auto\"; columns and rows fix the text size (default: the terminal's).") { args in
      try PlotSettings.update(PlotLibrary.state(of: args.interpreter), args)
    },
    Builtin("moving_average", signature: "moving_average(values, window)",
            doc: "The trailing mean over window points, same length (the first points average what is there).") { args in
      let values = try DataReader(function: "moving_average", interpreter: args.interpreter).numbers(try args.value("values"), "values")
      return .list(List(movingAverage(values, window: try args.integer("window")).map { .number($0) }))
    },
    Builtin("ema", signature: "ema(values, weight = 0.6)", doc: "TensorBoard's debiased exponential moving average (weight in [0, 1)).") { args in
      let values = try DataReader(function: "ema", interpreter: args.interpreter).numbers(try args.value("values"), "values")
      return .list(List(exponentialMovingAverage(values, weight: try args.number("weight")).map { .number($0) }))
    },
  ]

  /// A figure builder: reads the data and options into a recipe, builds, decorates.
  private static func builder(_ kind: FigureRecipe.Kind, _ name: String, _ parameters: String, _ doc: String) -> Builtin {
    Builtin(name, signature: "\(name)(\(parameters), \(FigureFields.options))", doc: doc) { args in
      let data = parameters.hasPrefix("data...") ? args.rest : [try args.value(parameters.hasPrefix("values") ? "values" : "image")]
      let recipe = FigureRecipe(kind: kind, data: data, options: try SeriesOptions(args))
      var figure = try recipe.build(args.interpreter)
      try FigureFields.apply(args, to: &figure)
      try validate(figure, name)
      return .native(FigureObject(figure, recipe: recipe, state: PlotLibrary.state(of: args.interpreter)))
    }
  }

  /// `subplots` / `multiplot`: the panels of several figures in one grid.
  private static func layout(_ name: String) -> Builtin {
    Builtin(name, signature: "\(name)(figures..., rows = nil, columns = nil, title = nil)",
            doc: "The panels of the figures in a grid of rows × columns (chosen when omitted), filled row by row:\n\(name)(plot(loss), plot(reward), columns: 2). Takes figures or one list of figures.") { args in
      var values = args.rest
      if values.count == 1, case .list(let list) = values[0] { values = list.items }
      let figures = try values.map { value throws(LangError) -> Figure in
        guard let object = value.figureObject else { throw args.badArgument("figures", expected: "figure", got: value) }
        return object.figure
      }
      let figure = try Subplots.compose(figures, rows: try args.optionalInteger("rows"), columns: try args.optionalInteger("columns"),
                                        title: try args.optionalString("title"), function: name)
      try validate(figure, name)
      return .native(FigureObject(figure, state: PlotLibrary.state(of: args.interpreter)))
    }
  }

  /// Checks a new figure can be drawn, so a mismatch is reported where the figure is made.
  static func validate(_ figure: Figure, _ function: String) throws(LangError) {
    do {
      try figure.validate()
    } catch {
      throw LangError.message("\(function): \(error)")
    }
  }

  /// The figure argument `name`.
  static func figure(_ args: Arguments, _ name: String) throws(LangError) -> FigureObject {
    let value = try args.value(name)
    guard let object = value.figureObject else { throw args.badArgument(name, expected: "figure", got: value) }
    return object
  }

  /// Saves to `path`, relative to the interpreter's working directory.
  static func save(_ object: FigureObject, _ path: String, _ interpreter: Interpreter) throws(LangError) {
    try plotOperation { () throws(PlotError) in _ = try Terminal.file(forPath: path) }  // the format, named as the user wrote it
    let resolved = interpreter.resolvingPath(path)
    let (session, figure) = (PlotLibrary.state(of: interpreter).gnuplot, object.figure)
    try plotOperation { () throws(PlotError) in try session.save(figure, to: resolved) }
  }

  /// Draws inline into the interpreter's output and records the figure.
  static func show(_ object: FigureObject, _ interpreter: Interpreter) throws(LangError) {
    let state = PlotLibrary.state(of: interpreter), figure = object.figure
    let text = try plotOperation { () throws(PlotError) in try state.show(figure) }
    interpreter.write(text.hasSuffix("\n") ? text : text + "\n")
  }
}

/// Composing figures into a grid.
enum Subplots {
  /// One figure holding every panel of `figures`; a single-panel figure's title becomes its
  /// panel's title. Missing rows or columns are chosen to fit.
  static func compose(_ figures: [Figure], rows: Int?, columns: Int?, title: String?, function: String) throws(LangError) -> Figure {
    var panels: [Panel] = []
    for figure in figures {
      var own = figure.panels
      if own.count == 1, own[0].title == nil { own[0].title = figure.title }
      panels += own
    }
    guard !panels.isEmpty else { throw LangError.message("\(function): no figures given") }
    let count = panels.count
    if let rows, rows < 1 { throw LangError.message("\(function): rows must be at least 1, got \(rows)") }
    if let columns, columns < 1 { throw LangError.message("\(function): columns must be at least 1, got \(columns)") }
    let layout: Plot.Layout?
    switch (rows, columns) {
    case (nil, nil): layout = nil
    case (let r?, nil): layout = Plot.Layout(rows: r, columns: (count + r - 1) / r)
    case (nil, let c?): layout = Plot.Layout(rows: (count + c - 1) / c, columns: c)
    case (let r?, let c?):
      guard r * c >= count else { throw LangError.message("\(function): a \(r)×\(c) grid has room for \(r * c) panels, not \(count)") }
      layout = Plot.Layout(rows: r, columns: c)
    }
    return Figure(panels: panels, title: title, layout: layout)
  }
}
