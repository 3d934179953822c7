// The protocol through which the language hosts objects it knows nothing about.

/// A host object living in the language: a tensor, a model, a figure, a dataset.
///
/// Like Lua's metatables, each hook has a default that raises the error the language would
/// raise for a value without that ability (`cannot index a model`), so a type implements only
/// what it supports. Hooks receive the running interpreter for callbacks and host state.
///
/// Operator hooks return nil for "not supported with this operand", letting the interpreter
/// try the other operand (`1 - t` asks `t` with `isLeftOperand == false`) and then report
/// `unsupported operands for '-': number and tensor`.
public protocol NativeObject: AnyObject {
  /// The type name for `type()` and messages (`tensor`, `model`).
  var typeName: String { get }

  /// The printed form; `nested` is true inside a list or record, where it should be short.
  func describe(nested: Bool) -> String

  /// Truthiness in `if`, `while`, `and`, `or`, `not`; throw when it has none.
  func truthiness() throws(LangError) -> Bool

  /// The value as a number, when it has one (a one-element tensor): lets numeric f-string
  /// specs such as `{loss:.3f}` format it. nil otherwise.
  var numericValue: Double? { get }

  /// `self op other` (or `other op self` when `isLeftOperand` is false); nil if unsupported.
  /// Comparisons and `==` come here too, so a tensor can compare element-wise.
  func binary(_ op: BinaryOperator, _ other: Value, isLeftOperand: Bool, interpreter: Interpreter)
    throws(LangError) -> Value?

  /// `-self`; nil if unsupported.
  func negate(interpreter: Interpreter) throws(LangError) -> Value?

  /// `self[components]`: `t[0, 1:3, nil]` gives a number, a slice and nil.
  func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value

  /// `self[components] = value`, including slice assignment.
  func subscriptSet(_ components: [IndexComponent], to value: Value, interpreter: Interpreter)
    throws(LangError)

  /// `self.name` for a field (`t.shape`); nil when there is no such field (methods are looked
  /// up separately).
  func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value?

  /// `self.name = value`.
  func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError)

  /// The methods, by name; their signatures and docs are what `help()` shows.
  var methods: [String: Builtin] { get }

  /// The field names, for tab completion and `help()`.
  var fieldNames: [String] { get }

  /// `len(self)`; nil when the object has no length.
  func count() throws(LangError) -> Int?

  /// Iteration in `for`; nil when the object is not iterable.
  func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator?

  /// Structural equality inside lists and records (`[t] == [t]`); identity by default.
  func isEqual(to other: any NativeObject) -> Bool

  /// A paragraph about the type, shown by `help()` above its members.
  var help: String { get }
}

/// One component of an index expression, as passed to native objects.
public enum IndexComponent {
  /// A single value: an integer, `nil` (a new axis), or anything else the type accepts.
  case value(Value)
  /// `start:end:step`; omitted parts are nil.
  case slice(start: Int?, end: Int?, step: Int?)
}

/// A pull iterator over values, for native objects in `for` loops.
public struct ValueIterator {
  /// Returns the next value, or nil at the end.
  public let next: () throws(LangError) -> Value?

  /// Creates an iterator from its step function.
  public init(next: @escaping () throws(LangError) -> Value?) { self.next = next }
}

extension NativeObject {
  /// Prints as `<typeName>`.
  public func describe(nested: Bool) -> String { "<\(typeName)>" }
  /// Always true.
  public func truthiness() throws(LangError) -> Bool { true }

  public var numericValue: Double? { nil }
  /// Unsupported.
  public func binary(_ op: BinaryOperator, _ other: Value, isLeftOperand: Bool, interpreter: Interpreter)
    throws(LangError) -> Value? { nil }
  /// Unsupported.
  public func negate(interpreter: Interpreter) throws(LangError) -> Value? { nil }
  /// Raises `cannot index a <type> value`.
  public func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    throw .fault(.notIndexable(typeName))
  }
  /// Raises `cannot index a <type> value`.
  public func subscriptSet(_ components: [IndexComponent], to value: Value, interpreter: Interpreter)
    throws(LangError) { throw .fault(.notIndexable(typeName)) }
  /// No fields.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? { nil }
  /// Raises `no field 'name' on <type>`.
  public func setField(_ name: String, to value: Value, interpreter: Interpreter) throws(LangError) {
    throw .fault(.missingField(name: name, type: typeName))
  }
  /// No methods.
  public var methods: [String: Builtin] { [:] }
  /// No fields.
  public var fieldNames: [String] { [] }
  /// No length.
  public func count() throws(LangError) -> Int? { nil }
  /// Not iterable.
  public func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? { nil }
  /// Identity.
  public func isEqual(to other: any NativeObject) -> Bool { self === other }
  /// No description.
  public var help: String { "" }

  /// Every member name (fields, then methods), sorted, for tab completion.
  public var memberNames: [String] { fieldNames.sorted() + methods.keys.sorted() }
}
