// User functions (closures) and the modules made by `import`.

/// A function or lambda written in the language, with the variables it captured.
public final class Function {
  let code: FunctionCode
  var captures: [Cell]
  let globals: Globals

  init(code: FunctionCode, captures: [Cell], globals: Globals) {
    self.code = code
    self.captures = captures
    self.globals = globals
  }

  // A chain of closures each capturing the previous one must not overflow the stack when freed.
  deinit { Teardown.release(captures: &captures) }

  /// The function's name (`<lambda>` when it has none).
  public var name: String { code.name }
  /// The signature as written, e.g. `scale(x, by = 2)`.
  public var signature: String { code.signature }
  /// The `##` doc comment before its `fn`, if any.
  public var doc: String? { code.doc }
  /// The parameter names, in order.
  public var parameterNames: [String] { code.parameters.map(\.name) }
  /// Where the function was defined.
  public var location: SourceLocation { code.position.location(in: code.source) }
}

/// A module made by `import`: its top-level `let`s and `fn`s.
public final class Module {
  /// The name it was imported by (`maye`).
  public let name: String
  /// The file it was loaded from.
  public let path: String
  let globals: Globals
  /// The names the module declared at top level, in order.
  public internal(set) var memberNames: [String] = []

  init(name: String, path: String, globals: Globals) {
    self.name = name
    self.path = path
    self.globals = globals
  }

  /// The current value of a top-level name of the module.
  public func member(_ name: String) -> Value? {
    guard memberNames.contains(name), let slot = globals.slot(named: name) else { return nil }
    return globals.values[slot]
  }
}
