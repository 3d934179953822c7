// Building figures from language data: lists, ranges, tensors, records and metric logs.

import Lang
import Plot

/// A value that `imshow` can draw as an image (e.g. a loaded image from the model bindings).
public protocol PlotImageSource {
  /// The pixels, rows top to bottom.
  var plotImage: Plot.Image { get }
}

/// How a figure value is made again by `fig.update(data...)`: the builder's data and options.
protocol FigureSource {
  /// This source with the data arguments `fig.update(data...)` was given (none: the same
  /// data, read again).
  func updating(with data: [Value]) -> any FigureSource
  /// A new figure from the source's current data.
  func build(_ interpreter: Interpreter) throws(LangError) -> Figure
  /// `rebuilt` with the decorations the user set on `old` (titles, axes, legends, layout).
  func keepingDecorations(of old: Figure, in rebuilt: Figure) -> Figure
}

extension FigureSource {
  /// Keeps decorations panel by panel, by position.
  func keepingDecorations(of old: Figure, in rebuilt: Figure) -> Figure {
    FigureFields.keepingDecorations(of: old, in: rebuilt)
  }
}

/// How a figure is built from data, kept so `fig.update()` can rebuild it: lists are shared by
/// reference, so rebuilding re-reads a list the program has appended to since.
struct FigureRecipe: FigureSource {
  /// The kind of figure each builtin makes.
  enum Kind { case line, scatter, histogram, bar, image, band }

  let kind: Kind
  /// The positional data arguments.
  var data: [Value]
  let options: SeriesOptions

  /// The recipe with new data, when some is given.
  func updating(with data: [Value]) -> any FigureSource {
    var recipe = self
    if !data.isEmpty { recipe.data = data }
    return recipe
  }

  /// A new figure from the current contents of `data`.
  func build(_ interpreter: Interpreter) throws(LangError) -> Figure {
    let reader = DataReader(function: options.function, interpreter: interpreter)
    switch kind {
    case .line, .scatter: return try lines(reader)
    case .histogram:
      let values = try reader.numbers(try only(), "values")
      return Figure([.histogram(values, bins: options.bins, range: options.range, label: options.label)])
    case .bar:
      let value = try only()
      if case .record(let record) = value {
        return Figure([.bar(try record.values.map { v throws(LangError) in try reader.number(v, "values") }, categories: record.keys, label: options.label)])
      }
      let values = try reader.numbers(value, "values")
      if let categories = options.categories, categories.count != values.count {
        throw LangError.message("bar: \(categories.count) categories for \(values.count) values")
      }
      return Figure([.bar(values, categories: options.categories, label: options.label)])
    case .image: return Figure([try reader.image(try only())])
    case .band:
      let (x, runs) = data.count == 2 ? (try reader.numbers(data[0], "x"), data[1]) : (nil, try only())
      guard let rows = try reader.rows(runs) else { throw LangError.message("band: runs must be a list of lists or a 2-d tensor") }
      return Figure([.band(runs: rows.map { options.smoothing?.apply(to: $0) ?? $0 }, x: x, label: options.label)])
    }
  }

  private func only() throws(LangError) -> Value {
    guard data.count == 1 else { throw LangError.message("\(options.function) takes one data argument, got \(data.count)") }
    return data[0]
  }

  /// plot/scatter: `(ys)`, `(xs, ys)`, `(rows)`, `(xs, rows)`, `(record)`, `(log)`, `(log, keys)`.
  private func lines(_ reader: DataReader) throws(LangError) -> Figure {
    guard let first = data.first, data.count <= 2 else {
      throw LangError.message("\(options.function) takes (ys), (xs, ys), (log, keys) or a record of series, got \(data.count) data arguments")
    }
    var figure: Figure
    if let log = try reader.metricLog(first) {
      let keys = data.count == 2 ? try reader.strings(data[1], "keys") : log.keys.filter { $0 != options.x }
      do {
        figure = try Figure(metrics: log, keys: keys, x: options.x, smoothing: options.smoothing)
      } catch {
        throw LangError.message("\(options.function): \(error)")
      }
    } else if case .record(let record) = first, data.count == 1 {
      var series: [Series] = []
      for (key, value) in zip(record.keys, record.values) { series.append(.line(smoothed(try reader.numbers(value, key)), label: key)) }
      figure = Figure(series)
    } else {
      let x = data.count == 2 ? try reader.numbers(first, "xs") : nil
      let ys = data[data.count - 1]
      let several = try reader.rows(ys)
      let rows = if let several { several } else { [try reader.numbers(ys, "ys")] }
      let labels = try labels(count: rows.count, multiple: several != nil)
      figure = Figure(zip(rows, labels).map { .line(smoothed($0), x: x, label: $1) })
    }
    if kind == .scatter { figure = Self.asScatter(figure) }
    return figure
  }

  private func smoothed(_ values: [Double]) -> [Double] { options.smoothing?.apply(to: values) ?? values }

  private func labels(count: Int, multiple: Bool) throws(LangError) -> [String?] {
    if let labels = options.labels {
      guard labels.count == count else { throw LangError.message("\(options.function): \(labels.count) labels for \(count) series") }
      return labels.map { $0 }
    }
    if !multiple { return [options.label] }
    return (0..<count).map { _ in nil }
  }

  /// The same figure with every line drawn as unjoined points.
  private static func asScatter(_ figure: Figure) -> Figure {
    var figure = figure
    for p in figure.panels.indices {
      for s in figure.panels[p].series.indices {
        if case .line(let x, let y) = figure.panels[p].series[s].kind { figure.panels[p].series[s].kind = .scatter(x: x, y: y) }
      }
    }
    return figure
  }
}

/// The labelled options of the figure builders, read once when the figure is made.
struct SeriesOptions {
  var function: String
  var label: String?
  var labels: [String]?
  var smoothing: Smoothing?
  var bins: Int?
  var range: ClosedRange<Double>?
  var categories: [String]?
  var x = "step"

  init(_ args: Arguments) throws(LangError) {
    function = args.functionName
    label = try args.optionalString("label")
    if let value = args["labels"], !value.isNil {
      labels = try DataReader(function: function, interpreter: args.interpreter).strings(value, "labels")
    }
    let window = try args.optionalInteger("smooth"), weight = try args.optionalNumber("ema")
    if let window, window < 1 { throw args.badArgument("smooth", expected: "window of at least 1", got: .number(Double(window))) }
    if let weight, !(0..<1).contains(weight) { throw args.badArgument("ema", expected: "weight in [0, 1)", got: .number(weight)) }
    if window != nil && weight != nil { throw LangError.message("\(function): pass smooth: or ema:, not both") }
    smoothing = window.map { .movingAverage(window: $0) } ?? weight.map { .exponential(weight: $0) }
    bins = try args.optionalInteger("bins")
    if let bins, bins < 1 || bins > 100_000 { throw args.badArgument("bins", expected: "bin count in 1...100000", got: .number(Double(bins))) }
    if let value = args["range"], !value.isNil {
      let ends = try DataReader(function: function, interpreter: args.interpreter).numbers(value, "range")
      guard ends.count == 2, ends[0] < ends[1] else { throw args.badArgument("range", expected: "[low, high] with low < high", got: value) }
      range = ends[0]...ends[1]
    }
    if let value = args["categories"], !value.isNil {
      categories = try DataReader(function: function, interpreter: args.interpreter).strings(value, "categories")
    }
    if args["x"] != nil { x = try args.string("x") }
  }
}
