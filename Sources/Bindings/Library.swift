// Builtin tables: a library is a list of functions and methods, opened into an interpreter.

import Lang

/// A table of builtins for one area (core, math, files, list methods), like Lua's `luaL_Reg`
/// arrays opened by `luaopen_math`.
///
/// Each entry carries its signature and doc, so `help()` cannot drift from the code:
/// ```swift
/// let demo = Library("demo", functions: [
///   Builtin("double", signature: "double(x)", doc: "Twice x.") { args in
///     .number(try args.number("x") * 2)
///   },
/// ])
/// demo.open(in: interpreter)
/// ```
public struct Library: Sendable {
  /// The area's name, used to group `help()` output.
  public let name: String
  /// Global functions.
  public let functions: [Builtin]
  /// Methods, per built-in kind.
  public let methods: [(kind: ValueKind, method: Builtin)]

  /// Creates a library.
  public init(_ name: String, functions: [Builtin] = [], methods: [(kind: ValueKind, method: Builtin)] = []) {
    self.name = name
    self.functions = functions
    self.methods = methods
  }

  /// Defines the functions as globals and registers the methods.
  public func open(in interpreter: Interpreter) {
    for function in functions { interpreter.define(function) }
    for (kind, method) in methods { interpreter.register(method: method, for: kind) }
  }
}

extension Library {
  /// The same methods registered for each of `kinds` (e.g. list methods that also work on ranges).
  static func methods(_ methods: [Builtin], for kinds: ValueKind...) -> [(kind: ValueKind, method: Builtin)] {
    kinds.flatMap { kind in methods.map { (kind, $0) } }
  }
}
