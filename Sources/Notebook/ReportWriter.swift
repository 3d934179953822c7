// ReportWriter: writes a run's Markdown report into a directory beside its figures.

import Foundation

/// Writes `report.md` for a run into a report directory. Figures are already there: the
/// runner's image collector saved them under `figuresDirectory(in:)` while the cells ran.
public enum ReportWriter {
  /// The report file's name inside the report directory.
  public static let fileName = "report.md"

  /// Where figures go inside a report directory (`DIR/figures`).
  public static func figuresDirectory(in directory: String) -> String {
    (directory as NSString).appendingPathComponent("figures")
  }

  /// Creates `directory` when needed and writes the report of `run` into it; returns the
  /// report file's path. Throws `reportNotWritten` naming the path and the reason.
  @discardableResult
  public static func write(_ run: NotebookRun, to directory: String) throws(NotebookError) -> String {
    let path = (directory as NSString).appendingPathComponent(fileName)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try MarkdownReport.render(run, relativeTo: directory).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .reportNotWritten(path: path, reason: (error as NSError).localizedDescription)
    }
    return path
  }
}
