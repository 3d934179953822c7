// The errors of the language: syntax errors found before a program runs, runtime errors after.

/// An error reported by the language: every syntax error of a program, or one runtime error.
///
/// The text of every message is written in one place, `Diagnostics`; render an error with
/// `Diagnostics.render(_:)` or read its `message`.
public enum LangError: Error, Sendable {
  /// The program did not parse; nothing ran. Holds every syntax error, in source order.
  case syntax([SyntaxError])
  /// The program stopped while running.
  case runtime(RuntimeError)

  /// A runtime error with no location yet; the interpreter adds the location and stack.
  public static func fault(_ fault: Fault) -> LangError {
    .runtime(RuntimeError(fault: fault))
  }

  /// A runtime error with a free-form message (for host functions).
  public static func message(_ text: String) -> LangError {
    .runtime(RuntimeError(fault: .message(text)))
  }

  /// True when the input ended in the middle of a construct, so a REPL should read another
  /// line instead of reporting an error (lua.c's `incomplete`).
  public var isIncompleteInput: Bool {
    guard case .syntax(let errors) = self, !errors.isEmpty else { return false }
    return errors.allSatisfy { if case .unexpectedEndOfInput = $0.kind { true } else { false } }
  }

  /// The message of the first error, without location.
  public var message: String {
    switch self {
    case .syntax(let errors): return errors.first.map { Diagnostics.message(for: $0.kind) } ?? ""
    case .runtime(let error): return error.message
    }
  }
}

/// One syntax error and where it is.
public struct SyntaxError: Error, Sendable, Equatable {
  /// What went wrong.
  public var kind: Kind
  /// Where it went wrong.
  public var location: SourceLocation
  /// The text of the offending line, kept so the error renders right even after the host
  /// has run other text under the same file name (every REPL line is `<repl>`).
  public var sourceLine: String?

  /// Creates a syntax error.
  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// Both lists in source order, with their source lines filled in from `source`.
  static func merged(_ a: [SyntaxError], _ b: [SyntaxError], source: SourceFile) -> [SyntaxError] {
    (a + b).sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
      .map { error in
        var error = error
        error.sourceLine = error.sourceLine ?? source.line(error.location.line).map(String.init)
        return error
      }
  }

  /// What went wrong; `Diagnostics.message(for:)` writes the text.
  public enum Kind: Sendable, Equatable {
    /// The input ended where more was expected: a REPL asks for a continuation line.
    case unexpectedEndOfInput(expected: String)
    /// A token that does not fit here.
    case unexpectedToken(found: String, expected: String)
    /// A closing bracket is missing; `line` is where the opening one is.
    case unclosed(closing: String, opening: String, line: Int)
    /// A character that starts no token.
    case unexpectedCharacter(String)
    /// A string that reaches the end of its line.
    case unterminatedString
    /// A backslash escape that is not one of `\n \t \r \0 \\ \" \' \u{...}`.
    case invalidEscape(String)
    /// A number such as `1e` or `0x`.
    case malformedNumber(String)
    /// A malformed f-string field.
    case invalidFString(String)
    /// Brackets or expressions nested beyond the parser's limit.
    case nestingTooDeep(limit: Int)
    /// The left side of `=` is not a name, index or field.
    case invalidAssignmentTarget
    /// `break` or `continue` outside a loop.
    case outsideLoop(String)
    /// `return` at top level.
    case returnOutsideFunction
    /// Two parameters with one name.
    case duplicateParameter(String)
    /// A parameter without a default after one with a default.
    case requiredAfterDefault(String)
    /// A positional argument after a labelled one.
    case positionalAfterLabelled
    /// The same label twice in one call.
    case duplicateLabel(String)
  }
}

/// A runtime error: what went wrong, where, and the language call stack at that point.
public struct RuntimeError: Error, Sendable {
  /// What went wrong.
  public var fault: Fault
  /// Where it went wrong; nil only before the interpreter has placed it.
  public var location: SourceLocation?
  /// The language frames, innermost first: each names a function and the location in it.
  public var trace: [StackFrame] = []
  /// The text of the line at `location`, captured when the error was raised.
  public var sourceLine: String?

  /// Creates a runtime error.
  public init(fault: Fault, location: SourceLocation? = nil, trace: [StackFrame] = []) {
    self.fault = fault
    self.location = location
    self.trace = trace
  }

  /// The message, without location.
  public var message: String { Diagnostics.message(for: fault) }

  /// Whether `try`/`catch` may catch it; interruptions and the step budget pass through.
  public var isCatchable: Bool {
    switch fault {
    case .interrupted, .stepLimitExceeded: return false
    default: return true
    }
  }
}

/// One language frame of a stack trace.
public struct StackFrame: Sendable, Equatable {
  /// The function's name (`<main>` for top-level code, `<lambda>` for anonymous functions).
  public var function: String
  /// Where that frame was executing.
  public var location: SourceLocation

  /// Creates a frame.
  public init(function: String, location: SourceLocation) {
    self.function = function
    self.location = location
  }
}

/// What went wrong at run time; `Diagnostics.message(for:)` writes the text.
public enum Fault: Sendable {
  /// Reading a name that is not defined.
  case undefinedVariable(String)
  /// Assigning, inside a function, a name that was never declared.
  case undeclaredAssignment(String)
  /// An operator applied to operands it does not support, e.g. `'+' on number and string`.
  case unsupportedOperands(op: String, lhs: String, rhs: String)
  /// A unary operator on an unsupported operand.
  case unsupportedOperand(op: String, operand: String)
  /// Calling a value that is not a function (`name` describes the callee expression).
  case notCallable(type: String, name: String?)
  /// Indexing a value that has no indexing.
  case notIndexable(String)
  /// Index out of range; `count` is the length.
  case indexOutOfRange(index: Int, count: Int, type: String)
  /// An index of the wrong type (`list index must be an integer, got 1.5`).
  case badIndex(type: String, expected: String, got: String)
  /// A missing record field or module member.
  case missingField(name: String, type: String)
  /// A value that has no such method.
  case missingMethod(name: String, type: String)
  /// `x / 0`, `x // 0`, `x % 0`.
  case divisionByZero
  /// Too many positional arguments.
  case tooManyArguments(function: String, expected: Int, got: Int)
  /// A required argument that was not given.
  case missingArgument(function: String, parameter: String)
  /// A label that names no parameter; `suggestion` is the closest label, if any.
  case unknownLabel(function: String, label: String, suggestion: String?)
  /// A parameter given both positionally and by label.
  case duplicateArgument(function: String, parameter: String)
  /// An argument of the wrong type: `bad argument 'n' to f (number expected, got string)`.
  case badArgument(function: String, parameter: String, expected: String, got: String)
  /// Language frames nested beyond the limit.
  case stackOverflow(depth: Int)
  /// A single allocation beyond the limit, e.g. `[0] * 1e12`.
  case allocationTooLarge(what: String, count: Double, limit: Int)
  /// `error(value)` raised by the program; `value` is what was passed.
  case raised(message: String, value: Value)
  /// `assert(cond, message)` failed.
  case assertionFailed(String?)
  /// A module that could not be found or read.
  case importFailed(module: String, reason: String)
  /// A module that imports itself, directly or not.
  case circularImport(String)
  /// The host's interrupt hook fired (Ctrl-C); `try` cannot catch it.
  case interrupted
  /// The step budget ran out; `try` cannot catch it.
  case stepLimitExceeded(Int)
  /// An imported module or evaluated source failed to parse.
  case syntax([SyntaxError])
  /// Any other message, written by a host function.
  case message(String)
}
