// FigureRecorder: collects the figures a notebook cell shows, to save them with its report.
import Synchronization

/// Collects figures as they are shown, so a notebook runner can save a cell's figures as PNG
/// files after the cell ran (`GnuplotSession.savePNGs(_:in:stem:)`).
///
/// ```swift
/// let recorder = FigureRecorder()
/// // … bindings call recorder.record(figure) wherever they show a figure …
/// let paths = try session.savePNGs(recorder.takeAll(), in: "report/figures", stem: "cell-3")
/// ```
public final class FigureRecorder: Sendable {
  private let figures = Mutex<[Figure]>([])

  /// Creates an empty recorder.
  public init() {}

  /// Adds a figure that was shown.
  public func record(_ figure: Figure) {
    figures.withLock { $0.append(figure) }
  }

  /// The figures recorded since the last call, in order; the recorder is empty afterwards.
  public func takeAll() -> [Figure] {
    figures.withLock { figures in
      defer { figures.removeAll() }
      return figures
    }
  }

  /// How many figures are waiting.
  public var count: Int {
    figures.withLock { $0.count }
  }
}
