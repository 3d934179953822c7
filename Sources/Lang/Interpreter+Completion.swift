// Names for tab completion: globals, and the fields and methods of a value after '.'.

extension Interpreter {
  /// The names that can follow `value.` — record fields, module members, native fields and
  /// methods, and the registered methods of the value's kind — sorted, without duplicates.
  public func memberNames(of value: Value) -> [String] {
    var names: [String] = []
    switch value {
    case .record(let record): names += record.keys
    case .module(let module): names += module.memberNames
    case .native(let object): names += object.memberNames
    default: break
    }
    if let kind = value.kind { names += methods(for: kind).keys }
    return Array(Set(names)).sorted()
  }

  /// The defined globals starting with `prefix`, sorted (for completing a bare name).
  public func globalNames(startingWith prefix: String) -> [String] {
    globalNames.filter { $0.hasPrefix(prefix) }.sorted()
  }
}
