// The interpreter: all state of one language session, and the host's API to it.

/// One language session: globals, loaded modules, registered methods and host state.
///
/// Nothing is global, so several interpreters can live in one process (Lua's `lua_State`).
/// An interpreter is used from one thread at a time.
///
/// ```swift
/// let interpreter = Interpreter()
/// interpreter.output = { print($0, terminator: "") }
/// interpreter.define(Builtin("twice", signature: "twice(x)", doc: "2x.") { args in ... })
/// do {
///   if let value = try interpreter.run("let x = 2\ntwice(x)", file: "<repl>") { print(value) }
/// } catch let error where error.isIncompleteInput {
///   // read another line and try again with both
/// } catch {
///   print(interpreter.render(error))
/// }
/// ```
public final class Interpreter {
  // MARK: - Host configuration

  /// Receives everything the program prints (`print`, `help`). Defaults to standard output.
  public var output: (String) -> Void = { Swift.print($0, terminator: "") }
  /// Polled between statements and loop iterations (every 256 steps); returning true stops
  /// the program with an `interrupted` error that `try`/`catch` cannot catch. Globals keep the
  /// values they had.
  public var interruptCheck: (() -> Bool)?
  /// Resource limits; see `Limits`.
  public var limits = Limits()
  /// Directories searched by `import` after the importing file's own directory (`RLNB_PATH`).
  public var modulePath: [String] = ModuleLoader.environmentPath()
  /// The project's `stdlib/` directory, searched last by `import`.
  public var standardLibraryDirectory: String?
  /// The directory relative file names are resolved against (nil: the process's current
  /// directory); lets tests run programs by relative name without changing directory.
  public var workingDirectory: String?

  // MARK: - Execution state

  var stack: ContiguousArray<Value> = []
  var cells: ContiguousArray<Cell> = []
  var base = 0
  var cellBase = 0
  /// The captured variables of the running closure (empty in top-level code); kept here
  /// rather than as the closure so that reading one costs no retain of the closure.
  var upvalues: [Cell] = []
  /// The globals of the running code's module.
  var globals: Globals
  var frames: [Frame] = []
  var steps = 0
  var nextPoll = 256
  var stackGuard = StackGuard()
  let placeholder = Cell(.nil)

  // MARK: - Session state

  let mainGlobals = Globals()
  var methodTables: [ValueKind: [String: Builtin]] = [:]
  /// Builtins and prelude names, visible in every module.
  var baseNames: [String] = []
  var modules: [String: Module] = [:]
  var modulesLoading: [String] = []
  var hostState: [ObjectIdentifier: Any] = [:]
  /// Every source text run so far, by file name, so diagnostics can quote any line.
  public internal(set) var sources: [String: SourceFile] = [:]

  /// Creates an empty interpreter: no builtins until a host defines them.
  public init() {
    globals = mainGlobals
  }

  // MARK: - Running code

  /// Parses, resolves and runs `text` in the global scope.
  ///
  /// Returns the value of the last statement when it is an expression not ended by `;`
  /// (what a REPL or notebook cell shows), or nil otherwise. Globals persist across calls.
  /// Throws `.syntax` with every syntax error before anything runs (check
  /// `isIncompleteInput` for REPL continuation lines), or `.runtime` with the location and
  /// language stack of the failure. `line` is the line number of the text's first line, so
  /// a notebook cell reports the file's own line numbers.
  @discardableResult
  public func run(_ text: String, file: String = "<input>", line: Int = 1) throws(LangError) -> Value? {
    let source = SourceFile(name: file, text: text, firstLine: line)
    sources[file] = source
    let (program, syntaxErrors) = Parser.parse(source)
    let resolved = Resolver.resolve(program, name: "<main>", source: source, globals: mainGlobals)
    let errors = SyntaxError.merged(syntaxErrors, resolved.errors, source: source)
    guard errors.isEmpty else { throw .syntax(errors) }
    let value = try execute(script: resolved.code, globals: mainGlobals)
    guard case .expression(_, silenced: false)? = program.statements.last else { return nil }
    return value
  }

  /// Parses and resolves `text` without running it; returns every syntax error (`rlnb check`).
  public func check(_ text: String, file: String = "<input>", line: Int = 1) -> [SyntaxError] {
    let source = SourceFile(name: file, text: text, firstLine: line)
    sources[file] = source
    let (program, syntaxErrors) = Parser.parse(source)
    return SyntaxError.merged(syntaxErrors, Resolver.resolve(program, name: "<main>", source: source, globals: Globals()).errors, source: source)
  }

  /// Runs the prelude: like `run`, and its top-level names become visible in every module.
  public func loadPrelude(_ text: String, file: String) throws(LangError) {
    let source = SourceFile(name: file, text: text)
    sources[file] = source
    let (program, syntaxErrors) = Parser.parse(source)
    let resolved = Resolver.resolve(program, name: "<prelude>", source: source, globals: mainGlobals)
    let errors = SyntaxError.merged(syntaxErrors, resolved.errors, source: source)
    guard errors.isEmpty else { throw .syntax(errors) }
    // Base names first, so a module the prelude imports sees the functions defined above it.
    for name in resolved.declared where !baseNames.contains(name) { baseNames.append(name) }
    _ = try execute(script: resolved.code, globals: mainGlobals)
  }

  /// Calls a function value (user function or builtin) with arguments; for host callbacks
  /// such as `xs.map(f)`.
  public func call(_ callee: Value, _ arguments: [Value], labelled: [(String, Value)] = [])
    throws(LangError) -> Value
  {
    beginOutermostCall()
    do throws(Unwind) {
      return try callValue(callee, arguments, labelled: labelled, at: frames.last?.position ?? Position(line: 0, column: 0))
    } catch {
      throw publicError(error)
    }
  }

  // MARK: - Globals and methods

  /// Defines (or redefines) a global of the main program; builtins become visible in modules.
  public func define(_ name: String, _ value: Value) {
    mainGlobals[name] = value
    if !baseNames.contains(name) { baseNames.append(name) }
  }

  /// Defines a builtin function under its name.
  public func define(_ builtin: Builtin) { define(builtin.name, .builtin(builtin)) }

  /// Registers a method of a built-in kind (`list.map`), replacing one of the same name.
  public func register(method: Builtin, for kind: ValueKind) {
    methodTables[kind, default: [:]][method.name] = method
  }

  /// The methods registered for a kind, by name.
  public func methods(for kind: ValueKind) -> [String: Builtin] { methodTables[kind] ?? [:] }

  /// The current value of a global of the main program.
  public func global(_ name: String) -> Value? { mainGlobals[name] }

  /// The names of the defined globals of the main program, in definition order.
  public var globalNames: [String] { mainGlobals.definedNames }

  /// Writes text to `output`.
  public func write(_ text: String) { output(text) }

  /// Polls the interrupt hook from host code that runs long without returning to the
  /// interpreter (sampling tokens, a training step); throws `interrupted` when it fires.
  public func checkInterrupt() throws(LangError) {
    if let interruptCheck, interruptCheck() { throw .fault(.interrupted) }
  }

  // MARK: - Host state

  /// Per-interpreter state owned by host code, keyed by type (e.g. a seeded random generator).
  public subscript<Key: HostStateKey>(key: Key.Type) -> Key.Value {
    get { hostState[ObjectIdentifier(key)] as? Key.Value ?? Key.defaultValue }
    set { hostState[ObjectIdentifier(key)] = newValue }
  }
}

/// A key for host state kept on an interpreter (SwiftUI's `EnvironmentKey` pattern).
///
/// ```swift
/// enum RandomKey: HostStateKey { static var defaultValue: SeededGenerator { SeededGenerator(seed: 0) } }
/// interpreter[RandomKey.self] = SeededGenerator(seed: 42)
/// ```
public protocol HostStateKey {
  /// The type of the stored value.
  associatedtype Value
  /// The value read before any was stored.
  static var defaultValue: Value { get }
}

/// Resource limits that turn runaway programs into errors.
public struct Limits: Sendable {
  /// The deepest nesting of language function calls (stack overflow beyond).
  public var maxCallDepth = 2_000
  /// The most elements one list, range materialization or record may get in one operation.
  public var maxCollectionCount = 1 << 26
  /// The most bytes one string may get in one operation.
  public var maxStringBytes = 1 << 30
  /// Statements and loop iterations allowed per `run` (nil: unlimited); for tests and fuzzing.
  public var maxSteps: Int? = nil

  /// The default limits.
  public init() {}
}
