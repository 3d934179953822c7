// How values print: bare at top level, quoted strings inside lists and records.

extension Value: CustomStringConvertible {
  /// The printed form at top level (`print(x)`, `str(x)`): strings are bare.
  public var description: String {
    if case .string(let s) = self { return s }
    // A native value at top level prints in full (a figure draws itself); nested, it is brief.
    if case .native(let native) = self { return native.describe(nested: false) }
    var printer = Printer()
    printer.write(self)
    return printer.text
  }

  /// The form the REPL shows: strings double-quoted with escapes, natives in full.
  public var repr: String {
    if case .native(let native) = self { return native.describe(nested: false) }
    var printer = Printer()
    printer.write(self)
    return printer.text
  }
}

/// Writes values, eliding cycles as `[...]` / `{...}` and nesting beyond 100 levels.
struct Printer {
  var text = ""
  private var open: Set<ObjectIdentifier> = []

  mutating func write(_ value: Value) {
    switch value {
    case .nil: text += "nil"
    case .bool(let b): text += b ? "true" : "false"
    case .number(let n): text += Format.number(n)
    case .string(let s): text += Printer.quoted(s)
    case .list(let list):
      let id = ObjectIdentifier(list)
      if open.contains(id) || open.count >= 100 { text += "[...]"; return }
      open.insert(id)
      text += "["
      for (index, item) in list.items.enumerated() {
        if index > 0 { text += ", " }
        write(item)
      }
      text += "]"
      open.remove(id)
    case .record(let record):
      let id = ObjectIdentifier(record)
      if open.contains(id) || open.count >= 100 { text += "{...}"; return }
      open.insert(id)
      text += "{"
      for (index, key) in record.keys.enumerated() {
        if index > 0 { text += ", " }
        text += Printer.isIdentifier(key) ? key : Printer.quoted(key)
        text += ": "
        write(record.values[index])
      }
      text += "}"
      open.remove(id)
    case .range(let range):
      if range.step == 1 {
        text += "\(range.start)\(range.inclusive ? "..=" : "..")\(range.end)"
      } else {
        text += "range(\(range.start), \(range.end), \(range.step))"
      }
    case .function(let function): text += "<fn \(function.name)>"
    case .builtin(let builtin): text += "<builtin \(builtin.name)>"
    case .module(let module): text += "<module \(module.name)>"
    case .native(let native): text += native.describe(nested: true)
    }
  }

  /// Whether a record key prints bare: an identifier that is not a keyword.
  static func isIdentifier(_ key: String) -> Bool {
    guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
      return false
    }
    let valid = key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    return valid && TokenKind.keywords[key] == nil
  }

  /// A string literal that reads back as `s`.
  static func quoted(_ s: String) -> String { Format.quoted(s) }
}
