// How a host shows a value at the prompt or as a notebook cell's result.

import Lang

/// The text a REPL or notebook runner shows for a cell's value.
public enum Display {
  /// A native object's top-level form (`describe(nested: false)`: a figure draws itself and is
  /// recorded for the report); any other value's nested form, with strings quoted as in
  /// Python's REPL.
  ///
  /// Hosts call this rather than `value.repr`, because the language's own printers hand native
  /// objects `nested: true` even at top level.
  public static func text(of value: Value) -> String {
    if case .native(let object) = value { return object.describe(nested: false) }
    return value.repr
  }
}
