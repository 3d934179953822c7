// Tests of choosing the inline terminal, sizing it, and redrawing live figures in place.
import Testing

@testable import Plot

@Suite struct InlineDisplayTests {
  let screen = TerminalSize(columns: 100, rows: 40)
  let single = Figure([.line([1, 2, 3])])

  @Test func environmentSelectsModeAndColour() {
    #expect(InlineDisplay.fromEnvironment([:]) == InlineDisplay())
    #expect(InlineDisplay.fromEnvironment(["RLNB_PLOT_INLINE": "sixel", "RLNB_PLOT_COLOR": "rgb"])
      == InlineDisplay(mode: .sixel, color: .rgb))
    #expect(InlineDisplay.fromEnvironment(["RLNB_PLOT_INLINE": "TEXT", "RLNB_PLOT_COLOR": "none"])
      == InlineDisplay(mode: .text, color: TextColor.none))
    #expect(InlineDisplay.fromEnvironment(["RLNB_PLOT_INLINE": "hologram"]).mode == .automatic)
  }

  @Test func textFillsTheWidthAndFitsTheHeight() {
    let display = InlineDisplay()
    #expect(display.terminal(for: single, size: screen, environment: [:], outputIsTerminal: true)
      == .text(columns: 100, rows: 30, color: .ansi))
    let small = TerminalSize(columns: 80, rows: 20)
    #expect(display.terminal(for: single, size: small, environment: [:], outputIsTerminal: false)
      == .text(columns: 80, rows: 18, color: TextColor.none))
    let stacked = Figure(panels: [Panel(), Panel()])
    #expect(display.terminal(for: stacked, size: screen, environment: [:], outputIsTerminal: true)
      == .text(columns: 100, rows: 38, color: .ansi))
  }

  @Test func noColorTurnsColourOffUnlessAskedFor() {
    let environment = ["NO_COLOR": "1"]
    #expect(InlineDisplay().terminal(for: single, size: screen, environment: environment, outputIsTerminal: true)
      == .text(columns: 100, rows: 30, color: TextColor.none))
    #expect(InlineDisplay(color: .ansi256).terminal(for: single, size: screen, environment: environment, outputIsTerminal: true)
      == .text(columns: 100, rows: 30, color: .ansi256))
  }

  @Test(arguments: [
    (["TERM": "xterm-256color"], false),
    (["TERM": "mlterm"], true),
    (["TERM": "foot"], true),
    (["TERM_PROGRAM": "WezTerm"], true),
    (["TERM_PROGRAM": "WezTerm", "TMUX": "/tmp/tmux-0/default,1,0"], false),
    (["KONSOLE_VERSION": "230401"], true),
  ])
  func sixelIsDetectedByTerminalName(environment: [String: String], supported: Bool) {
    #expect(InlineDisplay.terminalSupportsSixel(environment) == supported)
  }

  @Test func automaticModeUsesSixelOnlyOnAKnownTerminal() {
    let sixelScreen = TerminalSize(columns: 100, rows: 40, pixelWidth: 1000, pixelHeight: 800)
    let display = InlineDisplay()
    #expect(display.terminal(for: single, size: sixelScreen, environment: ["TERM": "mlterm"], outputIsTerminal: true)
      == .sixel(width: 1000, height: 600))
    #expect(display.terminal(for: single, size: sixelScreen, environment: ["TERM": "mlterm"], outputIsTerminal: false).isText)
    #expect(InlineDisplay(mode: .sixel).terminal(for: single, size: screen, environment: [:], outputIsTerminal: false)
      == .sixel(width: 900, height: 540))
  }

  @Test func sizeComesFromTheEnvironmentWithoutATerminal() {
    #expect(TerminalSize.fromEnvironment(["COLUMNS": "132", "LINES": "50"]) == TerminalSize(columns: 132, rows: 50))
    #expect(TerminalSize.fromEnvironment(["COLUMNS": "wide"]) == TerminalSize(columns: 80, rows: 24))
    // A descriptor that is not a terminal falls back to the environment.
    #expect(TerminalSize.current(fileDescriptor: -1, environment: ["COLUMNS": "90"]).columns == 90)
    #expect(TerminalSize(columns: 80, rows: 20, pixelWidth: 800, pixelHeight: 400).rowsCovered(byPixelHeight: 50) == 3)
  }

  @Test func redrawMovesUpClearsAndDraws() {
    #expect(LiveFigure.redraw(replacingLines: nil, with: "plot\n") == "plot\n")
    #expect(LiveFigure.redraw(replacingLines: 0, with: "plot\n") == "plot\n")
    #expect(LiveFigure.redraw(replacingLines: 12, with: "plot\n") == "\u{1B}[12F\u{1B}[Jplot\n")
  }

  @Test func liveFigureRedrawsOverItsPreviousDrawing() throws {
    let session = GnuplotSession()
    defer { session.close() }
    final class Screen { var writes: [String] = [] }
    let screen = Screen()
    let live = LiveFigure(session: session, terminal: .text(columns: 60, rows: 15)) { screen.writes.append($0) }
    #expect(throws: PlotError.self) { try live.update { _ in } }
    try live.update(Figure([.line([1, 2], label: "reward")]))
    try live.update { $0.panels[0].series[0] = .line([1, 2, 4], label: "reward") }
    #expect(screen.writes.count == 2)
    let firstLines = screen.writes[0].filter { $0 == "\n" }.count
    #expect(firstLines == 15)
    #expect(screen.writes[1].hasPrefix("\u{1B}[\(firstLines)F\u{1B}[J"))
    #expect(live.figure?.panels[0].series[0].pointCount == 3)
  }
}
