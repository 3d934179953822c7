// InlineDisplay: choosing how the REPL shows a figure (text or sixel, colour, size).

/// How figures are shown inline: as text or sixel, with or without colour.
///
/// Settings come from the REPL (`plot.inline = "sixel"`) or the environment:
///
/// | variable | values | default |
/// |---|---|---|
/// | `RLNB_PLOT_INLINE` | `text`, `sixel`, `auto` | `auto`: sixel only on a terminal known to support it |
/// | `RLNB_PLOT_COLOR` | `none`, `ansi`, `ansi256`, `rgb`, `auto` | `auto`: `ansi` on a terminal, unless `NO_COLOR` is set |
public struct InlineDisplay: Equatable, Sendable {
  /// Text or sixel, or decided from the terminal.
  public enum Mode: String, Equatable, Sendable, CaseIterable {
    /// Characters, on any terminal and in logs.
    case text
    /// A sixel image; needs a terminal that understands sixel.
    case sixel
    /// Sixel when the terminal is known to support it, text otherwise.
    case automatic = "auto"
  }

  /// The requested mode.
  public var mode: Mode
  /// The text colour; nil decides from the terminal (`ansi` on a terminal, `none` otherwise
  /// or when `NO_COLOR` is set).
  public var color: TextColor?

  /// The variable selecting the mode.
  public static let modeVariable = "RLNB_PLOT_INLINE"
  /// The variable selecting the text colour.
  public static let colorVariable = "RLNB_PLOT_COLOR"

  /// Creates settings; the default decides everything from the terminal.
  public init(mode: Mode = .automatic, color: TextColor? = nil) {
    self.mode = mode
    self.color = color
  }

  /// The settings `environment` asks for; unknown values keep the automatic default.
  public static func fromEnvironment(_ environment: [String: String]) -> InlineDisplay {
    var display = InlineDisplay()
    if let value = environment[modeVariable]?.lowercased(), let mode = Mode(rawValue: value) {
      display.mode = mode
    }
    switch environment[colorVariable]?.lowercased() {
    case "none", "mono", "0", "off": display.color = TextColor.none
    case "ansi", "1", "on": display.color = .ansi
    case "ansi256", "256": display.color = .ansi256
    case "rgb", "ansirgb", "truecolor": display.color = .rgb
    default: break
    }
    return display
  }

  /// Whether the terminal described by `environment` is known to display sixel images.
  ///
  /// There is no portable way to ask without reading the terminal's reply to a query, which a
  /// REPL in the middle of line editing cannot do, so this recognises terminals by name. tmux
  /// and screen pass sixel through only when specially configured, so inside them it says no.
  public static func terminalSupportsSixel(_ environment: [String: String]) -> Bool {
    if environment["TMUX"] != nil || environment["STY"] != nil { return false }
    let term = environment["TERM"]?.lowercased() ?? ""
    let program = environment["TERM_PROGRAM"]?.lowercased() ?? ""
    if term.contains("sixel") || term.hasPrefix("mlterm") || term.hasPrefix("foot")
      || term.hasPrefix("yaft") || term.hasPrefix("contour")
    {
      return true
    }
    return ["wezterm", "mlterm", "iterm.app", "contour"].contains(program)
      || environment["KONSOLE_VERSION"] != nil
  }

  /// The terminal to draw `figure` on inline, given the screen's size and environment.
  ///
  /// Text fills the screen's width; its height is about a third of the width per row of
  /// panels, at most the screen's height less two lines, so a live figure fits on screen and
  /// can be redrawn in place. Sixel uses the screen's pixel width when known (at most 1200).
  public func terminal(
    for figure: Figure, size: TerminalSize, environment: [String: String], outputIsTerminal: Bool
  ) -> Terminal {
    let rows = max(figure.resolvedLayout.rows, 1)
    let useSixel =
      switch mode {
      case .sixel: true
      case .text: false
      case .automatic: outputIsTerminal && Self.terminalSupportsSixel(environment)
      }
    if useSixel {
      let width = min(size.pixelWidth ?? size.columns * 9, 1200)
      let perRow = Int(Double(width) * (rows == 1 ? 0.6 : 0.4))
      let limit = size.pixelHeight.map { max($0 - 3 * $0 / max(size.rows, 1), 100) } ?? perRow * rows
      return .sixel(width: max(width, 100), height: max(min(perRow * rows, limit), 100))
    }
    let columns = min(max(size.columns, 20), 400)
    let perRow = min(max(columns * 3 / 10, 12), 30)
    let height = max(min(perRow * rows, size.rows - 2), min(perRow * rows, 8 * rows), 8)
    let color = self.color ?? (outputIsTerminal && environment["NO_COLOR"] == nil ? .ansi : TextColor.none)
    return .text(columns: columns, rows: height, color: color)
  }
}
