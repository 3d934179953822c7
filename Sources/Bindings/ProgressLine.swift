// A one-line progress display for long stages (rollouts, updates, evaluation) on a terminal.

import Foundation
import Lang

/// Redraws `label done/total  elapsed` in place with `\r` while work runs, and erases itself
/// when done; prints nothing when the output is not a terminal (notebook runs, pipes), so logs
/// and reports stay clean. Redraws at most 10 times a second.
final class ProgressLine {
  private let interpreter: Interpreter
  private let label: String
  private let start = Date()
  private var lastDraw = Date.distantPast
  private let enabled: Bool
  private var drawn = false

  init(_ label: String, interpreter: Interpreter) {
    self.label = label
    self.interpreter = interpreter
    enabled = isatty(1) != 0 && PlotLibrary.state(of: interpreter).outputIsTerminal
  }

  /// Shows `done` of `total`; polls Ctrl-C, so long host loops stay interruptible.
  func update(_ done: Int, of total: Int, unit: String = "") throws(LangError) {
    try interpreter.checkInterrupt()
    guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
    lastDraw = Date()
    let elapsed = Date().timeIntervalSince(start)
    let width = 20, filled = total > 0 ? min(width, done * width / total) : 0
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    interpreter.write("\r\(label) \(bar) \(done)/\(total)\(unit.isEmpty ? "" : " " + unit)  \(String(format: "%.1f", elapsed)) s\u{1B}[K")
    drawn = true
  }

  /// Erases the line.
  func finish() {
    if drawn { interpreter.write("\r\u{1B}[K") }
    drawn = false
  }
}
