// A golden test program: a .rlnb file with inline expectations, run and checked by one runner.

import Bindings
import Foundation
import Lang

/// A program under `Programs/<feature>/` and what it must do, read from its comments:
/// - `# expect: text` — the next line of standard output;
/// - `# expect error: message` — the program stops with a runtime error on this line;
/// - `# expect syntax error: message` — a syntax error on this line (list every one);
/// - `# stderr: text` — when present, standard error must be exactly these lines.
///
/// Files under `lib/` directories are modules for `import`, not programs.
/// Names are relative to `Programs/`, so a CLI run from that directory prints the same text.
struct GoldenProgram: CustomStringConvertible, Sendable {
  /// The directory holding the programs.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs")

  /// The path relative to `Programs/`.
  let name: String
  var description: String { name }

  /// What a run produced or must produce.
  struct Outcome: Equatable {
    var stdout: [String]
    var failure: Failure
    var stderr: String
  }

  /// How a run ended.
  enum Failure: Equatable {
    case none
    case runtime(line: Int, message: String)
    case syntax([SyntaxLine])
  }

  struct SyntaxLine: Equatable {
    var line: Int
    var message: String
  }

  /// Every program, sorted.
  static func all() -> [GoldenProgram] {
    let root = directory.path
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
    // Files under a `lib/` directory are modules imported by programs, not programs.
    return files.filter { $0.hasSuffix(".rlnb") && !$0.contains("lib/") }.sorted().map { GoldenProgram(name: $0) }
  }

  var text: String { (try? String(contentsOf: GoldenProgram.directory.appendingPathComponent(name), encoding: .utf8)) ?? "" }

  /// The expectations written in the program's comments.
  func expected() -> (outcome: Outcome, exactStderr: Bool) {
    var stdout: [String] = []
    var stderr: [String] = []
    var failure = Failure.none
    var syntax: [SyntaxLine] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let text = line.after("# stderr: ") ?? (line.hasSuffix("# stderr:") ? "" : nil) {
        stderr.append(text)
        continue
      }
      if let text = line.after("# expect: ") { stdout.append(text) }
      if let text = line.after("# expect error: ") { failure = .runtime(line: index + 1, message: text) }
      if let text = line.after("# expect syntax error: ") { syntax.append(SyntaxLine(line: index + 1, message: text)) }
    }
    if !syntax.isEmpty { failure = .syntax(syntax) }
    let exact = stderr.isEmpty ? "" : stderr.joined(separator: "\n") + "\n"
    return (Outcome(stdout: stdout, failure: failure, stderr: exact), !stderr.isEmpty)
  }

  /// Runs the program in a fresh interpreter with the prelude and a step budget.
  func run() throws -> Outcome {
    let interpreter = try Startup.makeInterpreter()
    interpreter.workingDirectory = GoldenProgram.directory.path
    interpreter.limits.maxSteps = 5_000_000
    var output = ""
    interpreter.output = { output += $0 }
    var failure = Failure.none
    var stderr = ""
    do {
      try interpreter.run(text, file: name)
    } catch {
      stderr = interpreter.render(error)
      switch error {
      case .syntax(let errors):
        failure = .syntax(errors.map { SyntaxLine(line: $0.location.line, message: Diagnostics.message(for: $0.kind)) })
      case .runtime(let runtime):
        failure = .runtime(line: runtime.location?.line ?? 0, message: runtime.message)
      }
    }
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return Outcome(stdout: lines, failure: failure, stderr: stderr)
  }
}

extension Substring {
  /// The text after `marker`, when the line contains it.
  func after(_ marker: String) -> String? {
    guard let range = range(of: marker) else { return nil }
    return String(self[range.upperBound...])
  }
}
