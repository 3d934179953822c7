// Per-interpreter plotting state: the gnuplot session, inline display settings, shown figures.

import Foundation
import Lang
import Plot

/// The plotting state of one interpreter (host state, never a global): one gnuplot session,
/// how figures are shown inline, and the figures shown since a notebook runner last took them.
///
/// The session starts on first use and is closed by `close()` (or when the state is freed).
/// Hosts adjust the settings before running code:
/// ```swift
/// let plots = PlotLibrary.state(of: interpreter)
/// plots.outputIsTerminal = false          // a notebook run: no colour, no in-place redraws
/// plots.screen = TerminalSize(columns: 100, rows: 30)
/// ```
public final class PlotState {
  /// How the session starts gnuplot (executable, timeout); read when the session starts.
  public var configuration: GnuplotConfiguration
  /// Text or sixel, and the text colour; defaults from `RLNB_PLOT_INLINE` / `RLNB_PLOT_COLOR`.
  public var display: InlineDisplay
  /// The screen size for inline figures; nil asks the terminal on each drawing (`COLUMNS` and
  /// `LINES`, else 80 × 24, when standard output is not a terminal).
  public var screen: TerminalSize?
  /// Whether output reaches a terminal: enables automatic colour and sixel, and in-place
  /// redrawing of live figures. Defaults to whether standard output is a terminal.
  public var outputIsTerminal: Bool
  /// The figures shown (printed, `show`n) since the last `takeCellFigures`.
  public let recorder = FigureRecorder()
  /// The environment consulted for terminal capabilities.
  let environment: [String: String]
  private var session: GnuplotSession?
  /// Live figures updated since the last take, held weakly: their final state is recorded.
  private var updated: [WeakFigure] = []

  /// Creates the state with settings from `environment`.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
    configuration = .fromEnvironment(environment)
    display = .fromEnvironment(environment)
    outputIsTerminal = isatty(1) != 0
  }

  // Ends gnuplot with the interpreter, even if a leftover live figure still holds the session.
  deinit { close() }

  /// The gnuplot session, created with `configuration` on first use.
  public var gnuplot: GnuplotSession {
    if let session { return session }
    let created = GnuplotSession(configuration: configuration)
    session = created
    return created
  }

  /// Uses an existing session (shared between interpreters, e.g. by tests), replacing ours.
  public func use(_ session: GnuplotSession) {
    close()
    self.session = session
  }

  /// Closes the gnuplot session (ends and reaps the process); the next plot starts a new one.
  public func close() {
    session?.close()
    session = nil
  }

  /// The inline terminal for `figure` under the current settings.
  public func inlineTerminal(for figure: Figure) -> Terminal {
    let size = screen ?? TerminalSize.current(fileDescriptor: 1, environment: environment)
    return display.terminal(for: figure, size: size, environment: environment, outputIsTerminal: outputIsTerminal)
  }

  /// The most shown figures kept waiting for `takeCellFigures`; older ones are dropped, so a
  /// long REPL session (which never takes them) does not accumulate every figure's data.
  public var maxPendingFigures = 64

  /// Draws `figure` inline and records it as shown; returns what to print.
  public func show(_ figure: Figure) throws(PlotError) -> String {
    let text = try gnuplot.render(figure, on: inlineTerminal(for: figure))
    record(figure)
    return text
  }

  private func record(_ figure: Figure) {
    if recorder.count >= maxPendingFigures {
      for kept in recorder.takeAll().suffix(max(maxPendingFigures - 1, 0)) { recorder.record(kept) }
    }
    if maxPendingFigures > 0 { recorder.record(figure) }
  }

  /// Notes that a live figure changed, so its final state is recorded with the cell.
  func noteUpdated(_ figure: FigureObject) {
    updated.removeAll { $0.object == nil }
    if !updated.contains(where: { $0.object === figure }) { updated.append(WeakFigure(object: figure)) }
  }

  /// Every figure shown since the last call, live figures in their current state last.
  func takeFigures() -> [Figure] {
    for entry in updated { if let object = entry.object { record(object.figure) } }
    updated.removeAll()
    return recorder.takeAll()
  }

  private struct WeakFigure {
    weak var object: FigureObject?
  }
}

/// Where an interpreter keeps its `PlotState`.
enum PlotStateKey: HostStateKey {
  static var defaultValue: PlotState? { nil }
}

/// The Swift API of the plot bindings for hosts: the REPL, the notebook runner, tests.
public enum PlotLibrary {
  /// The interpreter's plotting state, created on first use.
  public static func state(of interpreter: Interpreter) -> PlotState {
    if let state = interpreter[PlotStateKey.self] { return state }
    let state = PlotState()
    interpreter[PlotStateKey.self] = state
    return state
  }

  /// Writes every figure the interpreter showed since the last call as a PNG file in
  /// `directory` (`<stem>-1.png`, `<stem>-2.png`, …) and returns their paths in order: what a
  /// notebook runner calls after each cell to link the cell's figures in its report.
  ///
  /// Figures are shown when printed or displayed as a cell's value, by `show(fig)`, and by
  /// `fig.update(...)` (recorded once, in the state after its last update). Returns `[]`
  /// without touching the directory or starting gnuplot when there were none.
  ///
  /// - Throws: `PlotError` when the directory cannot be created or gnuplot fails.
  public static func takeCellFigures(from interpreter: Interpreter, writingTo directory: String, stem: String)
    throws(PlotError) -> [String]
  {
    guard let state = interpreter[PlotStateKey.self] else { return [] }
    let figures = state.takeFigures()
    guard !figures.isEmpty else { return [] }
    return try state.gnuplot.savePNGs(figures, in: directory, stem: stem)
  }

  /// Forgets the figures shown since the last call without saving them (a notebook run with
  /// no report, so they do not pile up).
  public static func discardCellFigures(in interpreter: Interpreter) {
    _ = interpreter[PlotStateKey.self]?.takeFigures()
  }

  /// Closes the interpreter's gnuplot session, if one was started.
  public static func close(in interpreter: Interpreter) {
    interpreter[PlotStateKey.self]?.close()
  }
}
