// MarkdownReport: renders a NotebookRun as a Markdown report; separate from running it.

import Foundation

/// Renders a `NotebookRun` as Markdown: a header with the outcome and parameters, then each cell
/// that ran — Markdown cells verbatim, code cells with their source, output, shown value, wall
/// time, figures, warnings and (for the failing cell) the error.
///
/// Rendering is a pure function of the run, so reports are tested as snapshots and the run
/// itself never formats anything (argument-parser keeps parsing apart from message generation
/// the same way).
public enum MarkdownReport {
  /// The report text. `directory` is where the report will be written: image paths inside it
  /// are linked relatively, so the report directory can be moved as a whole.
  public static func render(_ run: NotebookRun, relativeTo directory: String? = nil) -> String {
    var blocks = [header(run)]
    for result in run.results {
      switch result.cell.kind {
      case .markdown:
        if !result.cell.source.isEmpty { blocks.append(result.cell.source) }
      case .code:
        if let block = codeBlock(result, relativeTo: directory) { blocks.append(block) }
      }
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  // MARK: - Header

  private static func header(_ run: NotebookRun) -> String {
    let name = run.notebook.file.split(separator: "/").last.map(String.init) ?? run.notebook.file
    let count = run.notebook.cells.count
    let cells = count == 1 ? "1 cell" : "\(count) cells"
    var lines = ["# \(name)", ""]
    if let failed = run.failedCell {
      let verb = failed.wasInterrupted ? "interrupted" : "failed"
      let skipped = count - failed.cell.number
      let rest = skipped == 0 ? "" : skipped == 1 ? "; 1 cell did not run" : "; \(skipped) cells did not run"
      lines.append("Run of `\(run.notebook.file)` (\(cells)): **\(verb) in \(failed.cell.label)** after "
        + "\(format(seconds: run.duration))\(rest).")
    } else {
      lines.append("Run of `\(run.notebook.file)` (\(cells)): all ran in \(format(seconds: run.duration)).")
    }
    if !run.parameters.isEmpty {
      let list = run.parameters.map { "`\($0.name) = \($0.valueSource)`" }.joined(separator: ", ")
      lines += ["", "Parameters set by `-p`: \(list)."]
    }
    lines += ["", "---"]
    return lines.joined(separator: "\n")
  }

  // MARK: - Cells

  private static func codeBlock(_ result: CellResult, relativeTo directory: String?) -> String? {
    let cell = result.cell
    let hasOutput = !result.output.isEmpty || result.value != nil
    guard !cell.isEmpty || hasOutput || result.failed else { return nil }
    let title = cell.title.isEmpty ? "" : " \(cell.title)"
    var parts = ["**[\(cell.number)]\(title)** · \(format(seconds: result.duration))"]
    if !cell.isEmpty { parts.append(fenced(cell.source, language: "rlnb")) }
    if hasOutput {
      var text = result.output
      if let value = result.value {
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += value
      }
      parts.append(fenced(text, language: "text"))
    }
    for (index, image) in result.images.enumerated() {
      parts.append("![\(cell.label), figure \(index + 1)](\(relativePath(image, to: directory)))")
    }
    for warning in result.warnings { parts.append("> **warning:** \(warning)") }
    if let error = result.error {
      let what = result.wasInterrupted ? "Interrupted" : "Error"
      parts.append("**\(what) — the run stopped here.**\n\n" + fenced(error, language: "text"))
    }
    return parts.joined(separator: "\n\n")
  }

  /// `text` in a code fence longer than any run of backticks inside it.
  static func fenced(_ text: String, language: String) -> String {
    var longest = 0
    var current = 0
    for character in text {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    return "\(fence)\(language)\n\(body)\n\(fence)"
  }

  /// A path relative to `directory` when it lies inside it.
  static func relativePath(_ path: String, to directory: String?) -> String {
    guard let directory else { return path }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
  }

  /// Wall time for people: `12 ms`, `1.23 s`, `2 min 5 s`.
  public static func format(seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 60 { return String(format: "%.2f s", seconds) }
    let whole = Int(seconds.rounded())
    return "\(whole / 60) min \(whole % 60) s"
  }
}
