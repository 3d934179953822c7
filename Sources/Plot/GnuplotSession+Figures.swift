// GnuplotSession+Figures: drawing Figure values inline (text, sixel) and saving them as files.
import Foundation

extension GnuplotSession {
  /// Draws `figure` on a text or sixel terminal and returns what to print.
  ///
  /// Text output always ends with a newline, so the next prompt starts on its own line.
  ///
  /// - Throws: `PlotError.invalidFigure` for an undrawable figure or a file terminal (use
  ///   `save`), and anything `execute(_:)` throws.
  public func render(
    _ figure: Figure, on terminal: Terminal, dataEncoding: DataEncoding = .standard,
    decimatesLines: Bool = true
  ) throws(PlotError) -> String {
    guard !terminal.writesFile else {
      throw .invalidFigure("\(terminal.command) writes a file: use save(_:to:) instead")
    }
    let renderer = FigureRenderer(terminal: terminal, dataEncoding: dataEncoding, decimatesLines: decimatesLines)
    var text = try execute(renderer.script(for: figure)).text
    if terminal.isText {
      // gnuplot 5.4's dumb terminal starts with a form feed in its ANSI modes even when told
      // `nofeed`; on a terminal that would clear the screen or print a glyph.
      if text.hasPrefix("\u{0C}") { text.removeFirst() }
      if !text.hasSuffix("\n") { text += "\n" }
    }
    return text
  }

  /// Saves `figure` to `path` in the format its extension names (`.png`, `.svg`, `.pdf`),
  /// sized for the figure's layout unless `terminal` says otherwise.
  ///
  /// A relative path is resolved against this process's current directory now, not gnuplot's.
  ///
  /// - Throws: `PlotError.unsupportedFormat` for another extension; `.commandFailed` with
  ///   gnuplot's message when the file cannot be written (`cannot open file`); anything
  ///   `execute(_:)` throws.
  public func save(
    _ figure: Figure, to path: String, terminal requested: Terminal? = nil, dataEncoding: DataEncoding = .standard,
    decimatesLines: Bool = true
  ) throws(PlotError) {
    let terminal: Terminal
    if let given = requested {
      terminal = given
    } else {
      terminal = try Terminal.file(forPath: path, layout: figure.resolvedLayout)
    }
    guard terminal.writesFile else {
      throw .invalidFigure("\(terminal.command) does not write a file: use render(_:on:) instead")
    }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let renderer = FigureRenderer(
      terminal: terminal, outputPath: absolute, dataEncoding: dataEncoding, decimatesLines: decimatesLines)
    _ = try execute(renderer.script(for: figure))
    let size = (try? FileManager.default.attributesOfItem(atPath: absolute)[.size] as? Int) ?? 0
    guard size > 0 else {
      throw .ioFailed(operation: "saving \(absolute)", reason: "gnuplot wrote no data")
    }
  }

  /// Saves each figure as a PNG in `directory`, named `<stem>-1.png`, `<stem>-2.png`, …, and
  /// returns the paths in order: how a notebook run keeps a cell's figures for its report.
  ///
  /// - Throws: `PlotError.ioFailed` when the directory cannot be created, or what `save` throws.
  public func savePNGs(_ figures: [Figure], in directory: String, stem: String) throws(PlotError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .ioFailed(operation: "creating \(directory)", reason: "\(error.localizedDescription)")
    }
    var paths: [String] = []
    for (index, figure) in figures.enumerated() {
      let path = URL(fileURLWithPath: directory).appendingPathComponent("\(stem)-\(index + 1).png").path
      try save(figure, to: path)
      paths.append(path)
    }
    return paths
  }
}
