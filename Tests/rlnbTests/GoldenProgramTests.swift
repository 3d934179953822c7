// Every golden program of Tests/LangTests/Programs run through the built binary: stdout,
// stderr (exact where the program gives it) and the exit code.

import Foundation
import Testing

/// A golden program and what its comments expect (the format of docs/language.md).
struct GoldenExpectation: CustomStringConvertible, Sendable {
  static let directory = Rlnb.root.appendingPathComponent("Tests/LangTests/Programs").path

  /// The path relative to `Programs/`, as passed to rlnb.
  var name: String
  var stdout: [String] = []
  /// 0, 65 (syntax errors) or 70 (a runtime error).
  var status: Int32 = 0
  /// `file:line:` prefixes and messages that stderr must contain, one per expected error.
  var errors: [String] = []
  /// The exact stderr, when the program gives `# stderr:` lines.
  var exactStderr: String?
  var description: String { name }

  /// Every program outside `lib/` directories, sorted.
  static func all() -> [GoldenExpectation] {
    let files = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
    return files.filter { $0.hasSuffix(".rlnb") && !$0.contains("lib/") }.sorted().map(GoldenExpectation.init)
  }

  init(name: String) {
    self.name = name
    let text = (try? String(contentsOfFile: GoldenExpectation.directory + "/" + name, encoding: .utf8)) ?? ""
    var stderr: [String] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let value = line.after("# stderr:") {
        stderr.append(value.hasPrefix(" ") ? String(value.dropFirst()) : value)
        continue
      }
      if let value = line.after("# expect: ") { stdout.append(value) }
      if let value = line.after("# expect error: ") {
        status = 70
        errors = ["\(name):\(index + 1):"] + [value]
      }
      if let value = line.after("# expect syntax error: ") {
        status = 65
        errors += ["\(name):\(index + 1):", value]
      }
    }
    exactStderr = stderr.isEmpty ? nil : stderr.joined(separator: "\n") + "\n"
  }
}

extension Substring {
  /// The text after `marker`, when the line contains it.
  func after(_ marker: String) -> String? {
    range(of: marker).map { String(self[$0.upperBound...]) }
  }
}

@Suite struct GoldenProgramTests {
  @Test(arguments: GoldenExpectation.all())
  func programThroughBinary(_ program: GoldenExpectation) throws {
    let result = try Rlnb.run([program.name], in: GoldenExpectation.directory)
    var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    #expect(lines == program.stdout, "stdout of \(program.name)")
    #expect(result.status == program.status, "exit code of \(program.name)\n\(result.stderr)")
    if let exact = program.exactStderr {
      #expect(result.stderr == exact, "stderr of \(program.name)")
    }
    for fragment in program.errors {
      #expect(result.stderr.contains(fragment), "stderr of \(program.name) should contain \(fragment)\n\(result.stderr)")
    }
    if program.status == 0 { #expect(result.stderr.isEmpty, "stderr of \(program.name)") }
  }

  @Test func everyProgramIsFound() {
    #expect(GoldenExpectation.all().count >= 35)
  }
}
