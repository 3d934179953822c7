// The one place where error messages are written and rendered with file:line:col and a caret.

/// Writes every message of the language and renders errors for people.
///
/// A rendered error reads:
/// ```
/// main.rlnb:3:9: error: undefined variable 'foo'
///   3 | let y = foo(1)
///     |         ^
/// stack trace (innermost first):
///   main.rlnb:3:9 in f
///   main.rlnb:5:1 in <main>
/// ```
/// Syntax errors say `syntax error:` and list every error of the file; the stack trace is
/// shown when the error happened inside a function.
public enum Diagnostics {
  /// The text of a syntax error, without location.
  public static func message(for kind: SyntaxError.Kind) -> String {
    switch kind {
    case .unexpectedEndOfInput(let expected): "unexpected end of input, expected \(expected)"
    case .unexpectedToken(let found, let expected): "expected \(expected), found \(found)"
    case .unclosed(let closing, let opening, let line): "expected '\(closing)' to close '\(opening)' at line \(line)"
    case .unexpectedCharacter(let c): "unexpected character '\(c)'"
    case .unterminatedString: "unterminated string"
    case .invalidEscape(let escape): "invalid escape '\(escape)' in string"
    case .malformedNumber(let text): "malformed number '\(text)'"
    case .invalidFString(let detail): "invalid f-string: \(detail)"
    case .nestingTooDeep(let limit): "nesting too deep (more than \(limit) levels)"
    case .invalidAssignmentTarget: "cannot assign to this expression"
    case .outsideLoop(let keyword): "'\(keyword)' outside a loop"
    case .returnOutsideFunction: "'return' outside a function"
    case .duplicateParameter(let name): "duplicate parameter '\(name)'"
    case .requiredAfterDefault(let name): "parameter '\(name)' needs a default, like the ones before it"
    case .positionalAfterLabelled: "positional argument after a labelled one"
    case .duplicateLabel(let label): "label '\(label)' given twice"
    }
  }

  /// The text of a runtime error, without location.
  public static func message(for fault: Fault) -> String {
    switch fault {
    case .undefinedVariable(let name): return "undefined variable '\(name)'"
    case .undeclaredAssignment(let name):
      return "assignment to undeclared variable '\(name)'; declare it with 'let \(name) = ...'"
    case .unsupportedOperands(let op, let lhs, let rhs): return "unsupported operands for '\(op)': \(lhs) and \(rhs)"
    case .unsupportedOperand(let op, let operand): return "unsupported operand for unary '\(op)': \(operand)"
    case .notCallable(let type, let name): return "cannot call a \(type) value" + (name.map { " (\($0))" } ?? "")
    case .notIndexable(let type): return "cannot index a \(type) value"
    case .indexOutOfRange(let index, let count, let type):
      return "\(type) index \(index) out of range (length \(count))"
    case .badIndex(let type, let expected, let got): return "\(type) must be \(expected), got \(got)"
    case .missingField(let name, let type): return "no field '\(name)' in \(type)"
    case .missingMethod(let name, let type): return "no method '\(name)' on \(type)"
    case .divisionByZero: return "division by zero"
    case .tooManyArguments(let function, let expected, let got):
      return "too many arguments to \(function) (takes \(expected), got \(got))"
    case .missingArgument(let function, let parameter): return "missing argument '\(parameter)' to \(function)"
    case .unknownLabel(let function, let label, let suggestion):
      return "unknown label '\(label)' in call to \(function)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .duplicateArgument(let function, let parameter): return "argument '\(parameter)' to \(function) given twice"
    case .badArgument(let function, let parameter, let expected, let got):
      return "bad argument '\(parameter)' to \(function) (\(expected) expected, got \(got))"
    case .stackOverflow(let depth): return "stack overflow (\(depth) nested calls)"
    case .allocationTooLarge(let what, let count, let limit):
      let unit = what == "string" ? "bytes" : "elements"
      return "\(what) of \(Format.number(count)) \(unit) is too large (limit \(limit))"
    case .raised(let message, _): return message
    case .assertionFailed(let message): return "assertion failed" + (message.map { ": \($0)" } ?? "")
    case .importFailed(let module, let reason): return "cannot import '\(module)': \(reason)"
    case .circularImport(let module): return "circular import of '\(module)'"
    case .interrupted: return "interrupted"
    case .stepLimitExceeded(let steps): return "step limit of \(steps) exceeded"
    case .syntax(let errors):
      guard let first = errors.first else { return "syntax error" }
      let count = errors.count == 1 ? "a syntax error" : "\(errors.count) syntax errors"
      return "\(first.location.file) has \(count)"
    case .message(let text): return text
    }
  }

  /// Renders an error: a header per error with `file:line:col`, the source line, a caret, and
  /// for runtime errors inside functions the language stack. Ends with a newline.
  public static func render(_ error: LangError, sources: [String: SourceFile]) -> String {
    switch error {
    case .syntax(let errors):
      return render(errors, sources: sources)
    case .runtime(let runtime):
      var text = render(header: "error", runtime.message, at: runtime.location, line: runtime.sourceLine, sources: sources)
      if case .syntax(let errors) = runtime.fault { text += render(errors, sources: sources) }
      if runtime.trace.count > 1 {
        text += "stack trace (innermost first):\n" + renderTrace(runtime.trace)
      }
      return text
    }
  }

  /// One line per frame; runs of one repeated frame (deep recursion) collapse to a count,
  /// and the middle of a long trace is elided.
  private static func renderTrace(_ trace: [StackFrame]) -> String {
    var lines: [String] = []
    var index = 0
    while index < trace.count {
      var end = index + 1
      while end < trace.count && trace[end] == trace[index] { end += 1 }
      lines.append("  \(trace[index].location) in \(trace[index].function)")
      if end - index > 1 { lines.append("  ... the frame above repeats \(end - index - 1) more times") }
      index = end
    }
    if lines.count > 24 {
      lines = Array(lines.prefix(12)) + ["  ... \(lines.count - 20) more frames ..."] + Array(lines.suffix(8))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func render(_ errors: [SyntaxError], sources: [String: SourceFile]) -> String {
    errors.map { render(header: "syntax error", message(for: $0.kind), at: $0.location, line: $0.sourceLine, sources: sources) }
      .joined()
  }

  private static func render(header: String, _ message: String, at location: SourceLocation?, line known: String?,
                             sources: [String: SourceFile]) -> String {
    guard let location else { return "\(header): \(message)\n" }
    var text = "\(location): \(header): \(message)\n"
    if let line = known.map({ Substring($0) }) ?? sources[location.file]?.line(location.line) {
      let number = String(location.line)
      let gutter = String(repeating: " ", count: number.count)
      // Keep tabs so the caret lines up under the same column in a terminal.
      let lead = line.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
      text += " \(number) | \(line)\n \(gutter) | \(lead)^\n"
    }
    return text
  }
}

extension Interpreter {
  /// Renders an error with the sources this interpreter has seen.
  public func render(_ error: LangError) -> String { Diagnostics.render(error, sources: sources) }
}
