// FigureRenderer: turns a Figure value into a gnuplot script for one terminal (no gnuplot needed).

/// How series data is written into the script.
public enum DataEncoding: Equatable, Sendable {
  /// Text datablocks (`$rlnb_1 << EOD`) inside the script: readable, and what snapshots show.
  case text
  /// Raw float64 files beside the script, read with `binary format=…`: about five times faster
  /// for gnuplot to read, and no number formatting in Swift.
  case binary
  /// Text up to `threshold` points per series, binary above it.
  case automatic(threshold: Int)

  /// The default: binary above 1 000 points. Binary is faster at every size measured
  /// (bench/README.md); small series stay text so scripts and snapshots remain readable.
  public static let standard = DataEncoding.automatic(threshold: 1_000)

  func usesBinary(forPointCount count: Int) -> Bool {
    switch self {
    case .text: false
    case .binary: true
    case .automatic(let threshold): count > threshold
    }
  }
}

/// Writes the gnuplot script that draws a figure on a terminal.
///
/// Pure: no process, no files. The script resets gnuplot's state, selects the terminal and
/// output, defines the data, draws each panel (inside `set multiplot` when there are several),
/// closes the output and frees the data, so scripts can run one after another in one session.
///
/// ```swift
/// let script = try FigureRenderer(terminal: .png(width: 800, height: 500), outputPath: "r.png")
///   .script(for: figure)
/// ```
public struct FigureRenderer: Sendable {
  /// The terminal to draw on.
  public var terminal: Terminal
  /// The file to write, for file terminals; nil writes to gnuplot's stdout.
  public var outputPath: String?
  /// How data is sent to gnuplot.
  public var dataEncoding: DataEncoding
  /// Whether long lines are thinned to four points per horizontal unit (`decimateLine`), which
  /// draws the same picture far faster. Off gives gnuplot every point.
  public var decimatesLines: Bool

  /// Creates a renderer for `terminal`, writing to `outputPath` when it is a file terminal.
  public init(
    terminal: Terminal, outputPath: String? = nil, dataEncoding: DataEncoding = .standard,
    decimatesLines: Bool = true
  ) {
    self.terminal = terminal
    self.outputPath = outputPath
    self.dataEncoding = dataEncoding
    self.decimatesLines = decimatesLines
  }

  /// The script drawing `figure`.
  ///
  /// - Throws: `PlotError.invalidFigure` when the figure or the terminal size cannot be drawn
  ///   (mismatched lengths, too many panels for the layout, nothing to draw…).
  public func script(for figure: Figure) throws(PlotError) -> GnuplotScript {
    try terminal.validate()
    try figure.validate()
    if terminal.writesFile && outputPath == nil {
      throw .invalidFigure("a file terminal needs an output path")
    }
    let layout = figure.resolvedLayout
    var builder = ScriptBuilder(encoding: dataEncoding)
    builder.line("# rlnb figure: \(figure.panels.count) panel(s)")
    builder.line("unset multiplot")
    builder.line("reset")
    builder.line(terminal.command)
    builder.line(outputPath.map { "set output \(gnuplotQuoted($0))" } ?? "set output")

    let buckets = decimatesLines ? max(terminal.horizontalResolution / max(layout.columns, 1), 1) : nil
    let sources = figure.panels.map { panel in
      panel.series.map {
        builder.data(
          for: $0, decimatingTo: panel.xAxis.scale == .linear ? buckets : nil,
          shadesRasters: terminal.drawsRastersAsCharacters)
      }
    }

    // One panel with a figure title and no title of its own needs no multiplot.
    let single = figure.panels.count == 1 && (figure.title == nil || figure.panels[0].title == nil)
    if single {
      var panel = figure.panels[0]
      panel.title = panel.title ?? figure.title
      PanelWriter(panel: panel, sources: sources[0], terminal: terminal).write(into: &builder)
    } else {
      var command = "set multiplot layout \(layout.rows),\(layout.columns) rowsfirst"
      if let title = figure.title { command += " title \(gnuplotLabel(title))" }
      builder.line(command)
      for (index, panel) in figure.panels.enumerated() {
        if index > 0 { builder.line("reset") }
        PanelWriter(panel: panel, sources: sources[index], terminal: terminal).write(into: &builder)
      }
      builder.line("unset multiplot")
    }
    builder.line("set output")
    builder.freeData()
    return builder.script()
  }
}

/// Accumulates script lines, datablocks and binary attachments, naming data `rlnb_1`, `rlnb_2`…
struct ScriptBuilder {
  let encoding: DataEncoding
  private var lines: [String] = []
  private var datablocks: [String] = []
  private var attachments: [GnuplotScript.Attachment] = []

  init(encoding: DataEncoding) {
    self.encoding = encoding
  }

  mutating func line(_ text: String) {
    lines.append(text)
  }

  /// Numeric columns of equal length as a datablock or a binary attachment; returns the data
  /// source to put after `plot` (`$rlnb_1`, or the binary file with its format).
  mutating func columns(_ columns: [[Double]]) -> String {
    let count = columns.first?.count ?? 0
    let name = "rlnb_\(datablocks.count + attachments.count + 1)"
    if encoding.usesBinary(forPointCount: count) {
      var values = [Double]()
      values.reserveCapacity(count * columns.count)
      for row in 0..<count {
        for column in columns { values.append(column[row]) }
      }
      attachments.append(GnuplotScript.Attachment(name: name + ".bin", values: values))
      let format = String(repeating: "%float64", count: columns.count)
      return "rlnb_dir.'/\(name).bin' binary format='\(format)'"
    }
    var text = ""
    text.reserveCapacity(count * columns.count * 12)
    for row in 0..<count {
      for (index, column) in columns.enumerated() {
        if index > 0 { text += " " }
        text += gnuplotNumber(column[row])
      }
      text += "\n"
    }
    return textBlock(name, body: text)
  }

  /// A datablock with the given body (lines ending in newlines); returns its name.
  mutating func textBlock(_ name: String, body: String) -> String {
    datablocks.append("$" + name)
    lines.append("$\(name) << EOD\n\(body)EOD")
    return "$" + name
  }

  /// The next free data name, for callers writing their own datablock.
  var nextName: String { "rlnb_\(datablocks.count + attachments.count + 1)" }

  /// Frees the datablocks, so a long session does not keep every figure's data in memory.
  mutating func freeData() {
    if !datablocks.isEmpty { lines.append("undefine " + datablocks.joined(separator: " ")) }
  }

  func script() -> GnuplotScript {
    GnuplotScript(lines.joined(separator: "\n") + "\n", attachments: attachments)
  }
}
