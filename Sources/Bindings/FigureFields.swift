// Figure decorations as language fields and labelled options: titles, labels, scales, ranges.

import Foundation
import Lang
import Plot

/// Reads and writes a figure's decorations by their language names. The title is the
/// figure's; axis settings read from the first panel and write to every panel.
enum FigureFields {
  /// The decoration fields, plus the read-only `panels` count.
  static let names = ["title", "xlabel", "ylabel", "logx", "logy", "xrange", "yrange", "legend", "grid", "layout", "panels"]
  /// The labelled options every figure builder accepts (a subset of the fields).
  static let options = "title = nil, xlabel = nil, ylabel = nil, logx = false, logy = false, xrange = nil, yrange = nil, legend = nil, grid = false"
  private static let legendNames: [(String, Legend)] = [
    ("auto", .automatic), ("none", .hidden), ("top left", .topLeft), ("top right", .topRight),
    ("bottom left", .bottomLeft), ("bottom right", .bottomRight), ("outside", .outside),
  ]

  static func get(_ name: String, of figure: Figure) -> Value? {
    let first = figure.panels.first ?? Panel()
    switch name {
    case "title": return figure.title.map { .string($0) } ?? .nil
    case "xlabel": return first.xAxis.label.map { .string($0) } ?? .nil
    case "ylabel": return first.yAxis.label.map { .string($0) } ?? .nil
    case "logx": return .bool(first.xAxis.scale == .log)
    case "logy": return .bool(first.yAxis.scale == .log)
    case "xrange": return range(first.xAxis.range)
    case "yrange": return range(first.yAxis.range)
    case "legend": return .string(legendNames.first { $0.1 == first.legend }?.0 ?? "auto")
    case "grid": return .bool(first.showsGrid)
    case "layout": return .list(List([.number(Double(figure.resolvedLayout.rows)), .number(Double(figure.resolvedLayout.columns))]))
    case "panels": return .number(Double(figure.panels.count))
    default: return nil
    }
  }

  static func set(_ name: String, to value: Value, in figure: inout Figure) throws(LangError) {
    switch name {
    case "title": figure.title = try text(value, name)
    case "xlabel": let label = try text(value, name); forEachPanel(&figure) { $0.xAxis.label = label }
    case "ylabel": let label = try text(value, name); forEachPanel(&figure) { $0.yAxis.label = label }
    case "logx": let log = try flag(value, name); forEachPanel(&figure) { $0.xAxis.scale = log ? .log : .linear }
    case "logy": let log = try flag(value, name); forEachPanel(&figure) { $0.yAxis.scale = log ? .log : .linear }
    case "xrange": let range = try axisRange(value, name); forEachPanel(&figure) { $0.xAxis.range = range }
    case "yrange": let range = try axisRange(value, name); forEachPanel(&figure) { $0.yAxis.range = range }
    case "legend": let legend = try self.legend(value); forEachPanel(&figure) { $0.legend = legend }
    case "grid": let grid = try flag(value, name); forEachPanel(&figure) { $0.showsGrid = grid }
    case "layout": figure.layout = try layout(value, panels: figure.panels.count)
    case "panels": throw LangError.message("the figure field 'panels' is read-only")
    default: throw LangError.fault(.missingField(name: name, type: "figure"))
    }
  }

  /// Applies the builder options given in a call (`title:`, `logy:`, ...) to a new figure.
  static func apply(_ args: Arguments, to figure: inout Figure) throws(LangError) {
    for name in ["title", "xlabel", "ylabel", "xrange", "yrange", "legend"] {
      if let value = args[name], !value.isNil { try set(name, to: value, in: &figure) }
    }
    for name in ["logx", "logy", "grid"] where args.isSupplied(name) {
      try set(name, to: try args.value(name), in: &figure)
    }
  }

  /// `rebuilt` with the titles, axes, legends, grids and layout of `old` (panel by panel), so
  /// an update changes the data and keeps what the user set.
  static func keepingDecorations(of old: Figure, in rebuilt: Figure) -> Figure {
    var figure = rebuilt
    figure.title = old.title
    figure.layout = old.layout
    for index in figure.panels.indices where index < old.panels.count {
      let series = figure.panels[index].series
      figure.panels[index] = old.panels[index]
      figure.panels[index].series = series
    }
    return figure
  }

  private static func forEachPanel(_ figure: inout Figure, _ change: (inout Panel) -> Void) {
    for index in figure.panels.indices { change(&figure.panels[index]) }
  }

  private static func text(_ value: Value, _ name: String) throws(LangError) -> String? {
    switch value {
    case .nil: return nil
    case .string(let s): return s
    default: throw LangError.message("figure \(name) must be a string or nil, got \(value.typeName)")
    }
  }

  private static func flag(_ value: Value, _ name: String) throws(LangError) -> Bool {
    guard case .bool(let b) = value else { throw LangError.message("figure \(name) must be a bool, got \(value.typeName)") }
    return b
  }

  private static func range(_ range: AxisRange) -> Value {
    range.isAutomatic ? .nil : .list(List([range.lower.map { .number($0) } ?? .nil, range.upper.map { .number($0) } ?? .nil]))
  }

  private static func axisRange(_ value: Value, _ name: String) throws(LangError) -> AxisRange {
    if value.isNil { return AxisRange() }
    guard case .list(let list) = value, list.items.count == 2 else {
      throw LangError.message("figure \(name) must be [low, high] (either may be nil) or nil, got \(value.typeName)")
    }
    var ends: [Double?] = []
    for item in list.items {
      switch item {
      case .nil: ends.append(nil)
      case .number(let n) where n.isFinite: ends.append(n)
      default: throw LangError.message("figure \(name) ends must be finite numbers or nil, got \(item.repr)")
      }
    }
    return AxisRange(lower: ends[0], upper: ends[1])
  }

  private static func legend(_ value: Value) throws(LangError) -> Legend {
    if value.isNil { return .automatic }
    guard case .string(let name) = value else { throw LangError.message("figure legend must be a string, got \(value.typeName)") }
    let normalized = name.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
    if normalized == "hidden" || normalized == "off" { return .hidden }
    guard let legend = legendNames.first(where: { $0.0 == normalized })?.1 else {
      throw LangError.message("figure legend must be one of \(legendNames.map { "\"\($0.0)\"" }.joined(separator: ", ")), got \"\(name)\"")
    }
    return legend
  }

  private static func layout(_ value: Value, panels: Int) throws(LangError) -> Plot.Layout? {
    if value.isNil { return nil }
    guard case .list(let list) = value, list.items.count == 2, case .number(let r) = list.items[0], case .number(let c) = list.items[1],
      let rows = Int(exactly: r), let columns = Int(exactly: c), rows > 0, columns > 0, rows <= 100, columns <= 100
    else { throw LangError.message("figure layout must be [rows, columns] of positive integers, got \(value.repr)") }
    guard rows * columns >= panels else {
      throw LangError.message("figure layout \(rows)×\(columns) has room for \(rows * columns) panels, not \(panels)")
    }
    return Plot.Layout(rows: rows, columns: columns)
  }
}
