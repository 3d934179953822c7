// help(): signatures and docs of functions, and member lists of modules, objects and types.

import Lang

/// Builds the text `help(x)` shows; the REPL's `? x` uses the same.
public enum Help {
  /// The help text for `value`; `topLevel` is true for `help()` without an argument.
  public static func text(for value: Value, in interpreter: Interpreter, topLevel: Bool = false) -> String {
    if topLevel { return overview(interpreter) }
    switch value {
    case .builtin(let builtin):
      return "\(builtin.signature)\n\(builtin.doc)"
    case .function(let function):
      return "fn \(function.signature)\n\(function.doc ?? "(no doc comment)")"
    case .module(let module):
      let members = module.memberNames.map { name in "  " + summary(name, module.member(name) ?? .nil) }
      return (["module \(module.name) (\(module.path))"] + members).joined(separator: "\n")
    case .native(let object):
      var lines = [object.typeName]
      if !object.help.isEmpty { lines.append(object.help) }
      if !object.fieldNames.isEmpty { lines.append("fields: " + object.fieldNames.sorted().joined(separator: ", ")) }
      lines += methodLines(object.methods)
      return lines.joined(separator: "\n")
    case .string(let name) where interpreter.global(name) != nil:
      return text(for: interpreter.global(name) ?? .nil, in: interpreter)
    default:
      guard let kind = value.kind else { return value.typeName }
      let methods = interpreter.methods(for: kind)
      return ([value.typeName] + methodLines(methods)).joined(separator: "\n")
    }
  }

  private static func overview(_ interpreter: Interpreter) -> String {
    var builtins: [String] = []
    var functions: [String] = []
    for name in interpreter.globalNames {
      switch interpreter.global(name) {
      case .builtin?: builtins.append(name)
      case .function?: functions.append(name)
      default: break
      }
    }
    var lines = ["help(x) shows the signature and doc of a function, or the members of a module, object or type;",
                 "help(\"name\") looks up a global by name; help([]), help(\"\"), help({}) list methods."]
    lines.append("builtins: " + builtins.sorted().joined(separator: ", "))
    if !functions.isEmpty { lines.append("functions: " + functions.sorted().joined(separator: ", ")) }
    return lines.joined(separator: "\n")
  }

  private static func methodLines(_ methods: [String: Builtin]) -> [String] {
    guard !methods.isEmpty else { return [] }
    return ["methods:"] + methods.keys.sorted().compactMap { name in
      methods[name].map { "  \($0.signature) — \(firstLine($0.doc))" }
    }
  }

  private static func summary(_ name: String, _ value: Value) -> String {
    switch value {
    case .builtin(let builtin): "\(builtin.signature) — \(firstLine(builtin.doc))"
    case .function(let function): "\(function.signature)" + (function.doc.map { " — \(firstLine($0))" } ?? "")
    default: "\(name): \(value.typeName)"
    }
  }

  private static func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }
}
