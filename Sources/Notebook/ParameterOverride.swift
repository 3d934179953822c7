// ParameterOverride: one `-p name=value` argument, its value read as a language literal.

import Lang

/// One `-p name=value` override of a `let` in the notebook's parameters cell.
///
/// The value is read as a language literal — number, string, bool, nil, list or record, such
/// as `3`, `1e-5`, `true`, `"text"`, `[0.2, 0.28]` — and otherwise taken as a string, so
/// `-p data=runs/a.jsonl` needs no quotes:
///
/// ```swift
/// try ParameterOverride(parsing: "lr=1e-5").valueSource        // "1e-05"
/// try ParameterOverride(parsing: "name=policy-a").valueSource  // "\"policy-a\""
/// ```
public struct ParameterOverride: Sendable, Equatable {
  /// The parameter's name.
  public var name: String
  /// The value as language source text, ready to follow `let name = `.
  public var valueSource: String

  /// Creates an override whose value is already language source text.
  public init(name: String, valueSource: String) {
    self.name = name
    self.valueSource = valueSource
  }

  /// Parses a `name=value` argument. Throws `NotebookError.malformedOverride` when there is no
  /// `=` or the name is not an identifier.
  public init(parsing argument: String) throws(NotebookError) {
    guard let equals = argument.firstIndex(of: "=") else { throw .malformedOverride(argument) }
    let name = String(argument[..<equals]).trimmingSpaces()
    guard ParameterOverride.isIdentifier(name) else { throw .malformedOverride(argument) }
    self.name = name
    self.valueSource = ParameterOverride.literalSource(for: String(argument[argument.index(after: equals)...]))
  }

  /// The source text of `text` read as a literal: its canonical printed form when it evaluates,
  /// with no names in scope, to a number, string, bool, nil, list or record; else `text` quoted.
  public static func literalSource(for text: String) -> String {
    // A bare interpreter has no builtins, so anything but literals (a path, a word) fails to
    // evaluate and becomes a string; the step budget stops a loop written as a value.
    let interpreter = Interpreter()
    interpreter.limits.maxSteps = 10_000
    interpreter.output = { _ in }
    let trimmed = text.trimmingSpaces()
    // Parenthesized, so `{lr: 0.1}` is a record rather than a block.
    if !trimmed.isEmpty, !trimmed.contains("\n"), let value = try? interpreter.run("(\(trimmed))", file: "<parameter>") {
      switch value {
      case .number(let number) where number.isFinite: return value.repr
      case .string, .bool, .nil, .list, .record: return value.repr
      default: break
      }
    }
    return Value.string(text).repr
  }

  private static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }
}
