// Calls: user functions on the value stack, host functions with bound arguments, methods.

extension Interpreter {
  /// Calls the value of `calleeNode` with arguments still to be evaluated.
  func call(_ callee: Value, calleeNode: Node, _ arguments: CallArguments, _ position: Position)
    throws(Unwind) -> Value
  {
    switch callee {
    case .function(let function):
      return try callFunction(function, arguments, position)
    case .builtin(let builtin):
      return try callBuiltin(builtin, receiver: builtin.receiver, arguments, position)
    default:
      var name: String? = nil
      if case .read(.global(let index), _) = calleeNode { name = "global '\(globals.names[index])'" }
      throw fail(.notCallable(type: callee.typeName, name: name), position)
    }
  }

  /// `object.name(arguments)`: a record's function field, a module member, or a method.
  func callMethod(_ object: Value, _ name: String, _ arguments: CallArguments, _ position: Position)
    throws(Unwind) -> Value
  {
    switch object {
    case .record(let record):
      if let member = record[name] {
        return try call(member, calleeNode: .constant(.nil), arguments, position)
      }
    case .module(let module):
      guard let member = module.member(name) else {
        throw fail(.missingField(name: name, type: "module '\(module.name)'"), position)
      }
      return try call(member, calleeNode: .constant(.nil), arguments, position)
    case .native(let native):
      if let method = native.methods[name] {
        return try callBuiltin(method, receiver: object, arguments, position)
      }
      let member: Value?
      do throws(LangError) { member = try native.field(name, interpreter: self) } catch { throw placed(error, at: position) }
      if let member { return try call(member, calleeNode: .constant(.nil), arguments, position) }
      throw fail(.missingMethod(name: name, type: native.typeName), position)
    default:
      break
    }
    if let kind = object.kind, let method = methodTables[kind]?[name] {
      return try callBuiltin(method, receiver: object, arguments, position)
    }
    throw fail(.missingMethod(name: name, type: object.typeName), position)
  }

  // MARK: - User functions

  /// Evaluates the arguments straight into the callee's frame slots, then runs it.
  func callFunction(_ function: Function, _ arguments: CallArguments, _ position: Position) throws(Unwind) -> Value {
    let code = function.code
    let newBase = stack.count
    for _ in 0..<code.localCount { stack.append(.nil) }
    var supplied: UInt64 = 0
    do throws(Unwind) {
      if arguments.positional.count > code.parameters.count {
        throw fail(.tooManyArguments(function: code.name, expected: code.parameters.count,
                                     got: arguments.positional.count + arguments.labelled.count), position)
      }
      for index in arguments.positional.indices {
        let value = try eval(arguments.positional[index])
        stack[newBase &+ index] = value
        supplied |= 1 << UInt64(index)
      }
      for index in arguments.labels.indices {
        let parameter = try parameterIndex(code, label: arguments.labels[index], supplied: supplied, position)
        let value = try eval(arguments.labelled[index])
        stack[newBase &+ parameter] = value
        supplied |= 1 << UInt64(parameter)
      }
    } catch {
      stack.removeLast(stack.count - newBase)
      throw error
    }
    return try invoke(function, base: newBase, supplied: supplied, position)
  }

  private func parameterIndex(_ code: FunctionCode, label: String, supplied: UInt64, _ position: Position)
    throws(Unwind) -> Int
  {
    guard let index = code.parameters.firstIndex(where: { $0.name == label }) else {
      let suggestion = Suggestion.closest(to: label, among: code.parameters.map(\.name))
      throw fail(.unknownLabel(function: code.name, label: label, suggestion: suggestion), position)
    }
    if supplied & (1 << UInt64(index)) != 0 {
      throw fail(.duplicateArgument(function: code.name, parameter: label), position)
    }
    return index
  }

  /// Runs a user function whose arguments are already in `stack[newBase...]`.
  func invoke(_ function: Function, base newBase: Int, supplied: UInt64, _ position: Position) throws(Unwind) -> Value {
    let code = function.code
    if supplied & code.requiredMask != code.requiredMask {
      let missing = code.parameters.indices.first { supplied & (1 << UInt64($0)) == 0 && code.parameters[$0].defaultValue == nil } ?? 0
      stack.removeLast(stack.count - newBase)
      throw fail(.missingArgument(function: code.name, parameter: code.parameters[missing].name), position)
    }
    if frames.count >= limits.maxCallDepth || !stackGuard.hasRoom() {
      stack.removeLast(stack.count - newBase)
      throw fail(.stackOverflow(depth: frames.count), position)
    }
    try tick(position)
    if !frames.isEmpty { frames[frames.count - 1].position = position }
    let savedBase = base, savedCellBase = cellBase, savedUpvalues = upvalues, savedGlobals = globals
    let newCellBase = cells.count
    if code.cellCount > 0 { cells.append(contentsOf: repeatElement(placeholder, count: code.cellCount)) }
    base = newBase
    cellBase = newCellBase
    upvalues = function.captures
    globals = function.globals
    frames.append(Frame(code: code, position: code.position))
    defer {
      frames.removeLast()
      stack.removeLast(stack.count - newBase)
      if code.cellCount > 0 { cells.removeLast(cells.count - newCellBase) }
      base = savedBase
      cellBase = savedCellBase
      upvalues = savedUpvalues
      globals = savedGlobals
    }
    if code.needsPrologue {
      for index in code.parameters.indices {
        if supplied & (1 << UInt64(index)) == 0, let defaultValue = code.parameters[index].defaultValue {
          stack[base &+ index] = try eval(defaultValue)
        }
        if let cell = code.parameters[index].cell { cells[cellBase &+ cell] = Cell(stack[base &+ index]) }
      }
    }
    do throws(Unwind) {
      return try execute(code.body)
    } catch {
      if case .returnValue(let value) = error { return value }
      throw error
    }
  }

  // MARK: - Host functions

  /// Evaluates the arguments, binds them to the builtin's parameters and runs its body.
  func callBuiltin(_ builtin: Builtin, receiver: Value?, _ arguments: CallArguments, _ position: Position)
    throws(Unwind) -> Value
  {
    var positional: [Value] = []
    positional.reserveCapacity(arguments.positional.count)
    for node in arguments.positional { positional.append(try eval(node)) }
    var labelled: [(String, Value)] = []
    for index in arguments.labels.indices {
      labelled.append((arguments.labels[index], try eval(arguments.labelled[index])))
    }
    return try invokeBuiltin(builtin, receiver: receiver, positional, labelled, position)
  }

  func invokeBuiltin(_ builtin: Builtin, receiver: Value?, _ positional: [Value], _ labelled: [(String, Value)],
                     _ position: Position) throws(Unwind) -> Value
  {
    let args = try bindArguments(builtin, receiver: receiver, positional, labelled, position)
    if !frames.isEmpty { frames[frames.count - 1].position = position }
    do {
      return try builtin.body(args)
    } catch let error as LangError {
      throw placed(error, at: position)
    } catch {
      throw placed(LangError.message(String(describing: error)), at: position)
    }
  }

  /// Binds positional and labelled arguments to a builtin's parameters, with the errors
  /// LANGUAGE.md asks for: too many, unknown label (with a suggestion), missing, given twice.
  private func bindArguments(_ builtin: Builtin, receiver: Value?, _ positional: [Value],
                             _ labelled: [(String, Value)], _ position: Position) throws(Unwind) -> Arguments
  {
    let parameters = builtin.parameters
    var bound = [Value?](repeating: nil, count: parameters.count)
    var rest: [Value] = []
    let variadic = parameters.firstIndex(where: \.isVariadic)
    let positionalLimit = variadic ?? parameters.count
    for (index, value) in positional.enumerated() {
      if index < positionalLimit {
        bound[index] = value
      } else if variadic != nil {
        rest.append(value)
      } else {
        throw fail(.tooManyArguments(function: builtin.name, expected: parameters.count,
                                     got: positional.count + labelled.count), position)
      }
    }
    for (label, value) in labelled {
      guard let index = parameters.firstIndex(where: { $0.name == label && !$0.isVariadic }) else {
        let suggestion = Suggestion.closest(to: label, among: parameters.filter { !$0.isVariadic }.map(\.name))
        throw fail(.unknownLabel(function: builtin.name, label: label, suggestion: suggestion), position)
      }
      if bound[index] != nil {
        throw fail(.duplicateArgument(function: builtin.name, parameter: label), position)
      }
      bound[index] = value
    }
    for (index, parameter) in parameters.enumerated()
    where bound[index] == nil && parameter.defaultValue == nil && !parameter.isVariadic {
      throw fail(.missingArgument(function: builtin.name, parameter: parameter.name), position)
    }
    return Arguments(interpreter: self, builtin: builtin, receiver: receiver, rest: rest, bound: bound)
  }

  /// Calls any callable value with evaluated arguments (host callbacks).
  func callValue(_ callee: Value, _ positional: [Value], labelled: [(String, Value)], at position: Position)
    throws(Unwind) -> Value
  {
    switch callee {
    case .builtin(let builtin):
      return try invokeBuiltin(builtin, receiver: builtin.receiver, positional, labelled, position)
    case .function(let function):
      let code = function.code
      if positional.count > code.parameters.count {
        throw fail(.tooManyArguments(function: code.name, expected: code.parameters.count,
                                     got: positional.count + labelled.count), position)
      }
      let newBase = stack.count
      for _ in 0..<code.localCount { stack.append(.nil) }
      var supplied: UInt64 = 0
      for (index, value) in positional.enumerated() {
        stack[newBase &+ index] = value
        supplied |= 1 << UInt64(index)
      }
      for (label, value) in labelled {
        let index: Int
        do throws(Unwind) {
          index = try parameterIndex(code, label: label, supplied: supplied, position)
        } catch {
          stack.removeLast(stack.count - newBase)
          throw error
        }
        stack[newBase &+ index] = value
        supplied |= 1 << UInt64(index)
      }
      return try invoke(function, base: newBase, supplied: supplied, position)
    default:
      throw fail(.notCallable(type: callee.typeName, name: nil), position)
    }
  }
}

/// "Did you mean" suggestions for misspelled labels and names.
enum Suggestion {
  /// The candidate within edit distance 2 of `word` (and less than its length), if any.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(Array(word), Array($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < word.count else { return nil }
    return best.0
  }

  private static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
