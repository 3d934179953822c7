// Setting up an interpreter: the core libraries, the standard library path and the prelude.

import Foundation
import Lang

/// Creates interpreters with the core builtins and the prelude, for the CLI, REPL and tests.
///
/// ```swift
/// let interpreter = try Startup.makeInterpreter()   // core builtins + stdlib/prelude.rlnb
/// let value = try interpreter.run("1 + 2", file: "<repl>")
/// ```
public enum Startup {
  /// The libraries of this layer, in the order they are opened.
  public static let coreLibraries: [Library] = [
    .core, .math, .files, .listMethods, .stringMethods, .recordMethods, .tensors, .plots, .tables, .models, .imageSaving,
    .rl, .rewards, .estimators, .runs,
  ]

  /// An interpreter with the core libraries opened and `prelude.rlnb` loaded from
  /// `standardLibrary` (default: `standardLibraryDirectory()`); later layers open their
  /// libraries on it too.
  public static func makeInterpreter(standardLibrary: String? = standardLibraryDirectory()) throws(LangError)
    -> Interpreter
  {
    let interpreter = Interpreter()
    for library in coreLibraries { library.open(in: interpreter) }
    interpreter.standardLibraryDirectory = standardLibrary
    try loadPrelude(into: interpreter)
    return interpreter
  }

  /// Runs `prelude.rlnb` from the interpreter's standard library directory into its globals;
  /// does nothing when there is no such directory.
  public static func loadPrelude(into interpreter: Interpreter) throws(LangError) {
    guard let directory = interpreter.standardLibraryDirectory else { return }
    let path = (directory as NSString).appendingPathComponent("prelude.rlnb")
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw LangError.message("cannot read the prelude at '\(path)'\n---> HINT: set RLNB_STDLIB to the project's stdlib/ directory")
    }
    try interpreter.loadPrelude(text, file: path)
  }

  /// The project's `stdlib/`: `$RLNB_STDLIB`, else `stdlib/` beside or above the executable,
  /// else `stdlib/` of the source checkout this file was built from.
  public static func standardLibraryDirectory() -> String? {
    let fileManager = FileManager.default
    if let path = ProcessInfo.processInfo.environment["RLNB_STDLIB"] { return path }
    var candidates: [URL] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(directory.appendingPathComponent("stdlib"))
      directory.deleteLastPathComponent()
    }
    let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(checkout.appendingPathComponent("stdlib"))
    return candidates.first { fileManager.fileExists(atPath: $0.appendingPathComponent("prelude.rlnb").path) }?.path
  }
}
