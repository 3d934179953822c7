// Frames and unwinding: running a script, variable slots, polling, and error placement.

/// How evaluation leaves a node early: an error, or `break`/`continue`/`return`.
///
/// Thrown with typed throws, so unwinding costs a branch per call, not an allocation.
enum Unwind: Error {
  case error(ErrorBox)
  case breakLoop
  case continueLoop
  case returnValue(Value)
}

/// A runtime error on its way up; boxed to keep `Unwind` small.
final class ErrorBox: @unchecked Sendable {
  var error: RuntimeError
  init(_ error: RuntimeError) { self.error = error }
}

extension Interpreter {
  /// Runs resolved top-level code with its own frame, in `globals`.
  func execute(script code: FunctionCode, globals scriptGlobals: Globals) throws(LangError) -> Value {
    beginOutermostCall()
    let savedBase = base, savedCellBase = cellBase, savedUpvalues = upvalues, savedGlobals = globals
    let newBase = stack.count, newCellBase = cells.count
    stack.append(contentsOf: repeatElement(.nil, count: code.localCount))
    cells.append(contentsOf: repeatElement(placeholder, count: code.cellCount))
    base = newBase
    cellBase = newCellBase
    upvalues = []
    globals = scriptGlobals
    frames.append(Frame(code: code, position: code.position))
    defer {
      frames.removeLast()
      stack.removeSubrange(newBase..<stack.count)
      cells.removeSubrange(newCellBase..<cells.count)
      base = savedBase
      cellBase = savedCellBase
      upvalues = savedUpvalues
      globals = savedGlobals
    }
    do throws(Unwind) {
      return try execute(code.body)
    } catch {
      throw publicError(error)
    }
  }

  /// Resets the per-run counters when the host starts a run (no language frame is active):
  /// the step budget counts per run, and the stack guard reads the calling thread's bounds.
  func beginOutermostCall() {
    guard frames.isEmpty else { return }
    stackGuard = StackGuard()
    steps = 0
    nextPoll = min(256, limits.maxSteps ?? 256)
  }

  /// Converts an internal unwind to the public error type.
  func publicError(_ unwind: Unwind) -> LangError {
    switch unwind {
    case .error(let box): return .runtime(box.error)
    case .returnValue, .breakLoop, .continueLoop:
      return .message("'return', 'break' or 'continue' escaped its function")  // resolver prevents this
    }
  }

  // MARK: - Errors

  /// A runtime error at `position` of the current frame, with the language stack.
  func fail(_ fault: Fault, _ position: Position) -> Unwind {
    .error(ErrorBox(placed(RuntimeError(fault: fault), at: position)))
  }

  /// Gives an error without location (from a host function) the location and stack here.
  func placed(_ error: RuntimeError, at position: Position) -> RuntimeError {
    guard error.location == nil, let top = frames.last else { return error }
    var error = error
    error.location = position.location(in: top.code.source)
    error.sourceLine = top.code.source.line(Int(position.line)).map(String.init)
    var trace = [StackFrame(function: top.code.name, location: position.location(in: top.code.source))]
    for frame in frames.dropLast().reversed().prefix(10_000) {
      trace.append(StackFrame(function: frame.code.name, location: frame.position.location(in: frame.code.source)))
    }
    error.trace = trace
    return error
  }

  /// Wraps an error thrown by host code at a call site.
  func placed(_ error: LangError, at position: Position) -> Unwind {
    switch error {
    case .runtime(let runtime): return .error(ErrorBox(placed(runtime, at: position)))
    case .syntax(let errors): return fail(.syntax(errors), position)
    }
  }

  // MARK: - Blocks and polling

  /// Runs a block's statements; its value is the last statement's when that is an expression.
  @inline(__always)
  func execute(_ block: CodeBlock) throws(Unwind) -> Value {
    var last = Value.nil
    for index in block.nodes.indices {
      steps &+= 1
      if steps >= nextPoll { try poll(block.positions[index]) }
      last = try eval(block.nodes[index])
    }
    return block.producesValue ? last : .nil
  }

  /// Counts a loop iteration or call against the step budget and polls the interrupt hook.
  @inline(__always)
  func tick(_ position: Position) throws(Unwind) {
    steps &+= 1
    if steps >= nextPoll { try poll(position) }
  }

  /// The slow path of `tick`: step budget, then the host's interrupt hook.
  @inline(never)
  func poll(_ position: Position) throws(Unwind) {
    if let maxSteps = limits.maxSteps, steps >= maxSteps {
      throw fail(.stepLimitExceeded(maxSteps), position)
    }
    nextPoll = steps &+ 256
    if let maxSteps = limits.maxSteps { nextPoll = min(nextPoll, maxSteps) }
    if let interruptCheck, interruptCheck() {
      throw fail(.interrupted, position)
    }
  }

  // MARK: - Slots

  @inline(__always)
  func read(_ slot: Slot, _ position: Position) throws(Unwind) -> Value {
    switch slot {
    case .local(let index): return stack[base &+ index]
    case .cell(let index): return cells[cellBase &+ index].value
    case .upvalue(let index):
      return upvalues[index].value
    case .global(let index):
      if let value = globals.values[index] { return value }
      throw fail(.undefinedVariable(globals.names[index]), position)
    }
  }

  /// Binds a new variable (`let`, loop variables, parameters): captured ones get a fresh cell.
  @inline(__always)
  func define(_ slot: Slot, _ value: Value) {
    switch slot {
    case .local(let index): stack[base &+ index] = value
    case .cell(let index): cells[cellBase &+ index] = Cell(value)
    case .upvalue(let index): upvalues[index].value = value
    case .global(let index): globals.values[index] = value
    }
  }

  /// Assigns an existing variable; an undeclared global is created only in top-level code.
  @inline(__always)
  func assign(_ slot: Slot, _ value: Value, createsGlobal: Bool, _ position: Position) throws(Unwind) {
    switch slot {
    case .local(let index): stack[base &+ index] = value
    case .cell(let index): cells[cellBase &+ index].value = value
    case .upvalue(let index): upvalues[index].value = value
    case .global(let index):
      if !createsGlobal && globals.values[index] == nil {
        throw fail(.undeclaredAssignment(globals.names[index]), position)
      }
      globals.values[index] = value
    }
  }

  /// The record a `catch e` binds: message, location and trace.
  func errorRecord(_ error: RuntimeError) -> Value {
    let record = Record()
    record["message"] = .string(error.message)
    if let location = error.location {
      record["file"] = .string(location.file)
      record["line"] = .number(Double(location.line))
      record["column"] = .number(Double(location.column))
    }
    record["trace"] = .list(List(error.trace.map { .string("\($0.location) in \($0.function)") }))
    if case .raised(_, let value) = error.fault { record["value"] = value }
    return .record(record)
  }
}
