// LiveFigure: a figure redrawn in place on the terminal, for watching a training loop.

/// A figure shown inline and redrawn over itself on each update, so a training loop can watch
/// its curves grow without scrolling the screen.
///
/// After the first drawing, each update moves the cursor back up over the previous drawing
/// (ANSI `ESC[nF`), clears to the end of the screen (`ESC[J`) and draws again. That needs the
/// number of lines the previous drawing took: known exactly for text; for sixel it is the
/// image's pixel height over the cell height, when the terminal reports its pixel size, and
/// otherwise unknown, in which case updates are drawn below instead of in place.
///
/// ```swift
/// let live = LiveFigure(session: session, terminal: .text(columns: 80, rows: 20)) { print($0, terminator: "") }
/// for step in 1...100 {
///   rewards.append(train())
///   try live.update(Figure([.line(rewards, label: "reward")]))
/// }
/// ```
public final class LiveFigure {
  private let session: GnuplotSession
  /// Where the figure is drawn.
  public var terminal: Terminal
  /// The screen size, used to count the rows a sixel image covers.
  public var screen: TerminalSize?
  private let write: (String) -> Void
  /// How many lines the last drawing took; nil before the first or when unknown.
  private var linesDrawn: Int?
  /// The figure last drawn.
  public private(set) var figure: Figure?

  /// Creates a live figure drawing on `terminal` through `session`, sending text to `write`.
  public init(
    session: GnuplotSession, terminal: Terminal, screen: TerminalSize? = nil,
    write: @escaping (String) -> Void
  ) {
    self.session = session
    self.terminal = terminal
    self.screen = screen
    self.write = write
  }

  /// Draws `figure`, over the previous drawing if there was one.
  ///
  /// - Throws: what `GnuplotSession.render` throws; the previous drawing stays on screen.
  public func update(_ figure: Figure) throws(PlotError) {
    let drawing = try session.render(figure, on: terminal)
    write(Self.redraw(replacingLines: linesDrawn, with: drawing))
    self.figure = figure
    switch terminal {
    case .sixel(_, let height):
      linesDrawn = screen?.rowsCovered(byPixelHeight: height).map { $0 + 1 }
    default:
      linesDrawn = drawing.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
  }

  /// Changes the last figure with `change` and redraws it.
  ///
  /// - Throws: `PlotError.invalidFigure` before the first `update(_:)`, or what it throws.
  public func update(_ change: (inout Figure) -> Void) throws(PlotError) {
    guard var figure else { throw .invalidFigure("a live figure must be drawn once before it is changed") }
    change(&figure)
    try update(figure)
  }

  /// Forgets the previous drawing, so the next update is drawn below it.
  public func detach() {
    linesDrawn = nil
  }

  /// The text that replaces a drawing of `lines` lines (just above the cursor) with `drawing`:
  /// cursor up to the drawing's first line, clear to the end of the screen, then the drawing.
  /// With `lines` nil or 0 it is the drawing alone.
  public static func redraw(replacingLines lines: Int?, with drawing: String) -> String {
    guard let lines, lines > 0 else { return drawing }
    return "\u{1B}[\(lines)F\u{1B}[J" + drawing
  }
}
