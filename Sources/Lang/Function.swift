// User functions (closures), modules and the global tables behind them.

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

/// The global variables of one module (or of the main program), resolved to slots.
///
/// The resolver gives every global name a slot the first time it sees it; the slot stays
/// undefined (nil) until a `let`, `fn` or top-level assignment runs, so reading it first is a
/// runtime name error, as LANGUAGE.md asks.
final class Globals {
  private(set) var names: [String] = []
  var values: ContiguousArray<Value?> = []
  private var slots: [String: Int] = [:]

  /// The slot of `name`, allocating an undefined one if it is new.
  func slot(for name: String) -> Int {
    if let slot = slots[name] { return slot }
    let slot = names.count
    slots[name] = slot
    names.append(name)
    values.append(nil)
    return slot
  }

  /// The slot of `name`, if it was ever seen.
  func slot(named name: String) -> Int? { slots[name] }

  /// The defined value of `name`.
  subscript(name: String) -> Value? {
    get { slots[name].flatMap { values[$0] } }
    set { values[slot(for: name)] = newValue }
  }

  /// The names that currently hold a value, in the order they were first seen.
  var definedNames: [String] { names.indices.filter { values[$0] != nil }.map { names[$0] } }
}
