// Indexing, slicing and fields of lists, strings, records, ranges, modules and natives.

extension Interpreter {
  /// Evaluates index components: values, and slices whose parts must be integers or nil.
  func components(_ items: [IndexNode]) throws(Unwind) -> [IndexComponent] {
    var result: [IndexComponent] = []
    for item in items {
      switch item {
      case .value(let node): result.append(.value(try eval(node)))
      case .slice(let start, let end, let step, let position):
        func part(_ node: Node?, _ interpreter: Interpreter) throws(Unwind) -> Int? {
          guard let node else { return nil }
          let value = try interpreter.eval(node)
          if case .nil = value { return nil }
          return try interpreter.integer(value, what: "slice bound", position)
        }
        result.append(.slice(start: try part(start, self), end: try part(end, self), step: try part(step, self)))
      }
    }
    return result
  }

  /// `target[index]` with a single value index.
  func index(_ target: Value, _ index: Value, _ position: Position) throws(Unwind) -> Value {
    switch target {
    case .list(let list):
      return list.items[try offset(index, count: list.items.count, type: "list", position)]
    case .string(let string):
      let characters = Array(string)
      return .string(String(characters[try offset(index, count: characters.count, type: "string", position)]))
    case .range(let range):
      return .number(Double(range.element(at: try offset(index, count: range.count, type: "range", position))))
    case .record(let record):
      guard case .string(let key) = index else {
        throw fail(.badIndex(type: "record key", expected: "a string", got: index.typeName), position)
      }
      guard let value = record[key] else { throw fail(.missingField(name: key, type: "record"), position) }
      return value
    case .native:
      return try self.index(target, components: [.value(index)], position)
    default:
      throw fail(.notIndexable(target.typeName), position)
    }
  }

  /// `target[components]`: slices of lists, strings and ranges; natives get the components.
  func index(_ target: Value, components: [IndexComponent], _ position: Position) throws(Unwind) -> Value {
    if case .native(let native) = target {
      do throws(LangError) { return try native.subscriptGet(components, interpreter: self) } catch { throw placed(error, at: position) }
    }
    guard components.count == 1 else {
      throw fail(.badIndex(type: "\(target.typeName) index", expected: "one index", got: "\(components.count)"), position)
    }
    guard case .slice(let start, let end, let step) = components[0] else {
      if case .value(let value) = components[0] { return try index(target, value, position) }
      return .nil
    }
    switch target {
    case .list(let list):
      let picked = try sliceOffsets(count: list.items.count, start, end, step, position)
      return .list(List(picked.map { list.items[$0] }))
    case .string(let string):
      let characters = Array(string)
      let picked = try sliceOffsets(count: characters.count, start, end, step, position)
      return .string(String(picked.map { characters[$0] }))
    case .range(let range):
      let picked = try sliceOffsets(count: range.count, start, end, step, position)
      try checkCount(Double(picked.count), what: "list", position)
      return .list(List(picked.map { .number(Double(range.element(at: $0))) }))
    default:
      throw fail(.notIndexable(target.typeName), position)
    }
  }

  /// `target[components] = value`: list items and slices, record keys, native objects.
  func setIndex(_ target: Value, components: [IndexComponent], to value: Value, _ position: Position) throws(Unwind) {
    switch target {
    case .native(let native):
      do throws(LangError) { try native.subscriptSet(components, to: value, interpreter: self) } catch { throw placed(error, at: position) }
    case .list(let list) where components.count == 1:
      switch components[0] {
      case .value(let index):
        list.items[try offset(index, count: list.items.count, type: "list", position)] = value
      case .slice(let start, let end, let step):
        try assignSlice(list, start, end, step, value, position)
      }
    case .record(let record) where components.count == 1:
      guard case .value(.string(let key)) = components[0] else {
        throw fail(.badIndex(type: "record key", expected: "a string", got: "\(components[0])"), position)
      }
      record[key] = value
    case .string:
      throw fail(.message("strings are immutable; build a new one instead"), position)
    default:
      throw fail(.notIndexable(target.typeName), position)
    }
  }

  private func assignSlice(_ list: List, _ start: Int?, _ end: Int?, _ step: Int?, _ value: Value,
                           _ position: Position) throws(Unwind) {
    guard case .list(let source) = value else {
      throw fail(.message("can only assign a list to a list slice, not a \(value.typeName)"), position)
    }
    let replacement = source.items
    if (step ?? 1) == 1 {
      let count = list.items.count
      let lower = Slicing.clamp(start ?? 0, count: count)
      let upper = max(lower, Slicing.clamp(end ?? count, count: count))
      list.items.replaceSubrange(lower..<upper, with: replacement)
      return
    }
    let picked = try sliceOffsets(count: list.items.count, start, end, step, position)
    guard picked.count == replacement.count else {
      throw fail(.message("cannot assign \(replacement.count) values to an extended slice of \(picked.count)"), position)
    }
    for (offset, item) in zip(picked, replacement) { list.items[offset] = item }
  }

  /// The 0-based offset an index value denotes in a sequence of `count` (negative from the end).
  func offset(_ index: Value, count: Int, type: String, _ position: Position) throws(Unwind) -> Int {
    guard case .number(let n) = index else {
      throw fail(.badIndex(type: "\(type) index", expected: "an integer", got: index.typeName), position)
    }
    guard let i = Int(exactly: n) else {
      throw fail(.badIndex(type: "\(type) index", expected: "an integer", got: Format.number(n)), position)
    }
    let resolved = i < 0 ? i + count : i
    guard resolved >= 0 && resolved < count else {
      throw fail(.indexOutOfRange(index: i, count: count, type: type), position)
    }
    return resolved
  }

  func sliceOffsets(count: Int, _ start: Int?, _ end: Int?, _ step: Int?, _ position: Position) throws(Unwind) -> [Int] {
    guard let offsets = Slicing.offsets(count: count, start: start, end: end, step: step) else {
      throw fail(.message("slice step cannot be zero"), position)
    }
    return offsets
  }

  // MARK: - Fields

  /// `target.name`: record fields, module members, native fields; a method becomes a bound value.
  func field(_ target: Value, _ name: String, _ position: Position) throws(Unwind) -> Value {
    switch target {
    case .record(let record):
      if let value = record[name] { return value }
    case .module(let module):
      if let value = module.member(name) { return value }
      throw fail(.missingField(name: name, type: "module '\(module.name)'"), position)
    case .native(let native):
      do throws(LangError) {
        if let value = try native.field(name, interpreter: self) { return value }
      } catch {
        throw placed(error, at: position)
      }
      if let method = native.methods[name] { return .builtin(method.bound(to: target)) }
      throw fail(.missingField(name: name, type: native.typeName), position)
    default:
      break
    }
    if let kind = target.kind, let method = methodTables[kind]?[name] {
      return .builtin(method.bound(to: target))
    }
    throw fail(.missingField(name: name, type: target.typeName), position)
  }

  /// `target.name = value` on records and native objects.
  func setField(_ target: Value, _ name: String, to value: Value, _ position: Position) throws(Unwind) {
    switch target {
    case .record(let record):
      record[name] = value
    case .native(let native):
      do throws(LangError) { try native.setField(name, to: value, interpreter: self) } catch { throw placed(error, at: position) }
    default:
      throw fail(.message("cannot set field '\(name)' on a \(target.typeName) value"), position)
    }
  }
}

/// Python slice semantics over a sequence of `count` elements.
public enum Slicing {
  /// Clamps a (possibly negative) bound into `0...count`.
  public static func clamp(_ bound: Int, count: Int) -> Int {
    bound < 0 ? max(0, bound + count) : min(bound, count)
  }

  /// The offsets `start:end:step` selects, or nil when `step` is 0.
  public static func offsets(count: Int, start: Int?, end: Int?, step: Int?) -> [Int]? {
    var step = step ?? 1
    if step == 0 { return nil }
    // Any step beyond the length selects one element; clamping keeps `stride` from overflowing.
    step = max(-(count + 1), min(count + 1, step))
    if step > 0 {
      let lower = clamp(start ?? 0, count: count)
      let upper = clamp(end ?? count, count: count)
      return lower < upper ? Array(stride(from: lower, to: upper, by: step)) : []
    }
    let upper = start.map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? count - 1
    let lower = end.map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? -1
    return upper > lower ? Array(stride(from: upper, to: lower, by: step)) : []
  }
}
