// Helpers for the Bindings tests: an interpreter with captured output and a scratch directory.

import Bindings
import Foundation
import Lang

/// Runs `source` in a fresh interpreter; returns printed output, or the error message.
func evaluate(_ source: String, in directory: URL? = nil) throws -> (output: String, error: String?) {
  let interpreter = try Startup.makeInterpreter()
  interpreter.workingDirectory = directory?.path
  var output = ""
  interpreter.output = { output += $0 }
  do {
    try interpreter.run(source, file: "t.rlnb")
    return (output, nil)
  } catch {
    return (output, error.message)
  }
}

/// A fresh empty directory under the system's temporary directory.
func scratchDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-bindings-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
