// Terminal: where a figure is drawn (text, sixel, PNG, SVG, PDF) and the gnuplot command for it.

/// A gnuplot output device and its size.
///
/// Every terminal is set `noenhanced`: in enhanced mode gnuplot reads `_` and `^` in labels as
/// subscript and superscript, which would turn the metric name `response_length` into
/// "response" with a subscripted "length".
public enum Terminal: Equatable, Sendable {
  /// Characters (gnuplot's `dumb` terminal), `columns` × `rows`, optionally ANSI-coloured.
  case text(columns: Int, rows: Int, color: TextColor = .none)
  /// A sixel image streamed to the terminal (`sixelgd`), in pixels.
  case sixel(width: Int, height: Int)
  /// A PNG file (`pngcairo`, anti-aliased RGB), in pixels.
  case png(width: Int, height: Int)
  /// An SVG file, in pixels.
  case svg(width: Int, height: Int)
  /// A PDF file (`pdfcairo`), in inches.
  case pdf(widthInches: Double, heightInches: Double)

  /// Whether the output is text rather than an image.
  public var isText: Bool {
    if case .text = self { return true }
    return false
  }

  /// Whether the output goes to a file (`set output '<path>'`) rather than to stdout.
  public var writesFile: Bool {
    switch self {
    case .text, .sixel: false
    case .png, .svg, .pdf: true
    }
  }

  /// Whether heatmaps and images must be drawn as characters: gnuplot's monochrome `dumb`
  /// terminal draws nothing for `with image`, its colour modes draw coloured cells.
  var drawsRastersAsCharacters: Bool {
    if case .text(_, _, .none) = self { return true }
    return false
  }

  /// Horizontal resolution in drawing units (characters or pixels), which bounds how many
  /// distinct x positions a line can show; decimation keeps four points per unit.
  var horizontalResolution: Int {
    switch self {
    case .text(let columns, _, _): columns
    case .sixel(let width, _), .png(let width, _), .svg(let width, _): width
    case .pdf(let width, _): Int(width * 150)  // a print-quality 150 points per inch
    }
  }

  /// The `set terminal` command.
  var command: String {
    switch self {
    case .text(let columns, let rows, let color):
      let colorOption = color == .none ? "mono" : color.rawValue
      return "set terminal dumb size \(columns),\(rows) nofeed noenhanced \(colorOption)"
    case .sixel(let width, let height):
      return "set terminal sixelgd size \(width),\(height) truecolor noenhanced"
    case .png(let width, let height):
      return "set terminal pngcairo size \(width),\(height) noenhanced background rgb 'white'"
    case .svg(let width, let height):
      return "set terminal svg size \(width),\(height) noenhanced background rgb 'white'"
    case .pdf(let width, let height):
      return "set terminal pdfcairo size \(gnuplotNumber(width))in,\(gnuplotNumber(height))in noenhanced"
    }
  }

  /// Checks the size is drawable: positive, and not absurdly large.
  func validate() throws(PlotError) {
    let (width, height, limit): (Double, Double, Double) =
      switch self {
      case .text(let columns, let rows, _): (Double(columns), Double(rows), 2_000)
      case .sixel(let width, let height), .png(let width, let height), .svg(let width, let height):
        (Double(width), Double(height), 20_000)
      case .pdf(let width, let height): (width, height, 200)
      }
    guard width > 0, height > 0, width <= limit, height <= limit else {
      throw .invalidFigure("terminal size \(width)×\(height) is outside 1…\(Int(limit))")
    }
    // dumb needs room for tics and a frame; smaller sizes make gnuplot fail obscurely.
    if case .text(let columns, let rows, _) = self, columns < 20 || rows < 6 {
      throw .invalidFigure("a text plot needs at least 20 columns and 6 rows, not \(columns)×\(rows)")
    }
  }

  /// The file terminal a path's extension asks for (`.png`, `.svg`, `.pdf`), sized for `layout`:
  /// 800 × 500 pixels for one panel, growing with the grid.
  public static func file(forPath path: String, layout: Layout = Layout(rows: 1, columns: 1))
    throws(PlotError) -> Terminal
  {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
      throw .unsupportedFormat(path: path)
    }
    let width = layout.columns <= 1 ? 800 : 450 * layout.columns
    let height = layout.rows <= 1 ? 500 : 300 * layout.rows
    switch name[name.index(after: dot)...].lowercased() {
    case "png": return .png(width: width, height: height)
    case "svg": return .svg(width: width, height: height)
    case "pdf": return .pdf(widthInches: Double(width) / 100, heightInches: Double(height) / 100)
    default: throw .unsupportedFormat(path: path)
    }
  }
}

/// How a text plot is coloured.
public enum TextColor: String, Equatable, Sendable {
  /// Plain characters; series differ by their marker character.
  case none = "mono"
  /// The 8 basic ANSI colours, understood by every colour terminal.
  case ansi
  /// The 256-colour ANSI palette.
  case ansi256
  /// 24-bit ANSI colour.
  case rgb = "ansirgb"
}
