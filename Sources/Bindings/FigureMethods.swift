// Figure methods (set, save, show, update, render, copy) and the plot_settings builtin's logic.

import Lang
import Plot

/// The methods of figure values.
enum FigureMethods {
  static let table: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

  private static let all: [Builtin] = [
    Builtin("set", signature: "figure.set(\(FigureFields.options))",
            doc: "Sets the given decorations and returns the figure, for chaining: plot(xs).set(title: \"loss\", logy: true).") { args in
      let object = try args.receiver(as: FigureObject.self)
      try FigureFields.apply(args, to: &object.figure)
      return .native(object)
    },
    Builtin("save", signature: "figure.save(path)", doc: "Writes the figure to path as .png, .svg or .pdf.") { args in
      try PlotFunctions.save(try args.receiver(as: FigureObject.self), try args.string("path"), args.interpreter)
      return .nil
    },
    Builtin("show", signature: "figure.show()", doc: "Draws the figure inline now and records it for the notebook report.") { args in
      try PlotFunctions.show(try args.receiver(as: FigureObject.self), args.interpreter)
      return .nil
    },
    Builtin("update", signature: "figure.update(data...)",
            doc: "Re-reads the figure's data (or takes new data, or another figure's contents) and redraws it in place:\nfor step in 0..100 { rewards.append(r); fig.update() }. Decorations are kept.") { args in
      try args.receiver(as: FigureObject.self).update(with: args.rest, interpreter: args.interpreter)
      return .nil
    },
    Builtin("render", signature: "figure.render(columns = 80, rows = 24)",
            doc: "The figure drawn as plain text of columns × rows characters (for logs and tests); records nothing.") { args in
      let object = try args.receiver(as: FigureObject.self)
      let terminal = Terminal.text(columns: try args.integer("columns"), rows: try args.integer("rows"), color: .none)
      let (session, figure) = (PlotLibrary.state(of: args.interpreter).gnuplot, object.figure)
      return .string(try plotOperation { () throws(PlotError) in try session.render(figure, on: terminal) })
    },
    Builtin("copy", signature: "figure.copy()", doc: "An independent figure with the same contents and data.") { args in
      let object = try args.receiver(as: FigureObject.self)
      return .native(FigureObject(object.figure, recipe: object.recipe, state: PlotLibrary.state(of: args.interpreter)))
    },
  ]
}

/// `plot_settings(...)`: the inline display settings of one interpreter.
enum PlotSettings {
  private static let colors: [(String, TextColor?)] = [("auto", nil), ("none", TextColor.none), ("ansi", .ansi), ("ansi256", .ansi256), ("rgb", .rgb)]

  /// Applies the supplied arguments to `state` and returns the resulting settings as a record.
  static func update(_ state: PlotState, _ args: Arguments) throws(LangError) -> Value {
    if let mode = try args.optionalString("inline") {
      guard let parsed = InlineDisplay.Mode(rawValue: mode) else {
        throw args.badArgument("inline", expected: "\"text\", \"sixel\" or \"auto\"", got: .string(mode))
      }
      state.display.mode = parsed
    }
    if let color = try args.optionalString("color") {
      guard let entry = colors.first(where: { $0.0 == color }) else {
        throw args.badArgument("color", expected: "\"none\", \"ansi\", \"ansi256\", \"rgb\" or \"auto\"", got: .string(color))
      }
      state.display.color = entry.1
    }
    let columns = try args.optionalInteger("columns"), rows = try args.optionalInteger("rows")
    if columns != nil || rows != nil {
      let current = state.screen ?? TerminalSize.current(fileDescriptor: 1, environment: state.environment)
      let size = TerminalSize(columns: columns ?? current.columns, rows: rows ?? current.rows)
      guard (20...400).contains(size.columns), (8...200).contains(size.rows) else {
        throw LangError.message("plot_settings: columns must be in 20...400 and rows in 8...200, got \(size.columns) × \(size.rows)")
      }
      state.screen = size
    }
    let color = colors.first { $0.1 == state.display.color }?.0 ?? "auto"
    return .record(Record([
      ("inline", .string(state.display.mode.rawValue)), ("color", .string(color)),
      ("columns", state.screen.map { .number(Double($0.columns)) } ?? .nil),
      ("rows", state.screen.map { .number(Double($0.rows)) } ?? .nil),
    ]))
  }
}
