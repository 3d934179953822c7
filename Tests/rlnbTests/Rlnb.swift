// Rlnb: where the built binary and the repository's files are, and how tests run the binary.

import Foundation

/// The `rlnb` binary under test and the checkout it was built from.
enum Rlnb {
  /// The repository root (this file is Tests/rlnbTests/Rlnb.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The binary: `$RLNB_BINARY`, else `rlnb` beside the test executable in the build directory
  /// (SwiftPM builds it first because this target depends on it).
  static let binary: String = {
    if let path = ProcessInfo.processInfo.environment["RLNB_BINARY"] { return path }
    let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let beside = testExecutable.deletingLastPathComponent().appendingPathComponent("rlnb").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return root.appendingPathComponent(".build/debug/rlnb").path
  }()

  /// Runs `rlnb arguments...` to completion.
  static func run(_ arguments: [String], input: String = "", in directory: String? = nil,
                  environment: [String: String] = [:], timeout: Double = 30) throws -> ProcessResult {
    try Subprocess.run(binary, arguments, input: input, directory: directory ?? root.path, environment: environment,
                       timeout: timeout)
  }

  /// A fresh temporary directory holding `files` (name → text), removed by the caller with
  /// `removeTemporary`.
  static func temporaryDirectory(containing files: [String: String] = [:]) throws -> String {
    let path = NSTemporaryDirectory() + "rlnb-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
    return path
  }

  /// Removes a directory made by `temporaryDirectory`.
  static func removeTemporary(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }
}
