// Where variables live: module globals, cells for captured variables, and call frames.

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

/// A variable captured by a closure: closures share it by reference.
final class Cell {
  var value: Value
  init(_ value: Value) { self.value = value }

  deinit {
    guard value.isContainer else { return }
    var items = [value]
    value = .nil
    Teardown.release(&items)
  }
}

/// One active language frame.
struct Frame {
  // Owned by the caller up the Swift stack (`invoke`'s `function`, `execute(script:)`'s
  // `code`) for as long as the frame exists; unowned(unsafe) spares each call a retain/release.
  unowned(unsafe) let code: FunctionCode
  /// Where this frame is executing: updated when it calls out, so traces show call sites.
  var position: Position
}
