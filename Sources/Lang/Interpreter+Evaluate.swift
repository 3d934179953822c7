// Evaluation of nodes: the one big switch of the tree-walker.

extension Interpreter {
  /// Evaluates a node; statements evaluate to nil.
  ///
  /// The few node kinds of scalar loops are handled here; everything else goes through
  /// `evalOther`, which keeps this function small (a large switch makes every call pay for
  /// spilling registers that only rare cases use).
  func eval(_ node: Node) throws(Unwind) -> Value {
    switch node {
    case .constant(let value):
      return value
    case .read(let slot, let position):
      return try read(slot, position)
    case .assign(let slot, let value, let createsGlobal, let position):
      try assign(slot, try eval(value), createsGlobal: createsGlobal, position)
      return .nil
    case .binary(let op, let lhs, let rhs, let position):
      let a = try eval(lhs)
      let b = try eval(rhs)
      if case .number(let x) = a, case .number(let y) = b {
        switch op {
        case .add: return .number(x + y)
        case .subtract: return .number(x - y)
        case .multiply: return .number(x * y)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        default: return try arithmetic(op, x, y, position)
        }
      }
      return try binary(op, a, b, position)
    default:
      return try evalOther(node)
    }
  }

  /// The node kinds `eval` does not handle inline.
  @inline(never)
  func evalOther(_ node: Node) throws(Unwind) -> Value {
    switch node {
    case .constant, .read, .binary, .assign:
      return try eval(node)  // handled inline by `eval`; listed for exhaustiveness
    case .list(let items):
      var values: [Value] = []
      values.reserveCapacity(items.count)
      for item in items { values.append(try eval(item)) }
      return .list(List(values))
    case .record(let keys, let nodes):
      let record = Record()
      for index in keys.indices { record[keys[index]] = try eval(nodes[index]) }
      return .record(record)
    case .fstring(let segments, _):
      var text = ""
      for segment in segments {
        switch segment {
        case .text(let literal): text += literal
        case .field(let node, let spec, let position):
          let value = try eval(node)
          do throws(LangError) {
            text += try Format.apply(spec, to: value)
          } catch {
            throw placed(error, at: position)
          }
        }
      }
      return .string(text)
    case .closure(let code):
      return .function(makeClosure(code))
    case .negate(let operand, let position):
      return try negate(try eval(operand), position)
    case .not(let operand, let position):
      return .bool(!(try truthy(try eval(operand), position)))
    case .compare(let operands, let operators):
      var lhs = try eval(operands[0])
      for index in operators.indices {
        let rhs = try eval(operands[index + 1])
        let entry = operators[index]
        var result = try truthy(try binary(entry.op, lhs, rhs, entry.position), entry.position)
        if entry.negated { result.toggle() }
        if !result { return .bool(false) }
        lhs = rhs
      }
      return .bool(true)
    case .and(let lhs, let rhs, let position):
      let a = try eval(lhs)
      return try truthy(a, position) ? try eval(rhs) : a
    case .or(let lhs, let rhs, let position):
      let a = try eval(lhs)
      return try truthy(a, position) ? a : try eval(rhs)
    case .range(let start, let end, let inclusive, let position):
      let lower = try integer(try eval(start), what: "range start", position)
      let upper = try integer(try eval(end), what: "range end", position)
      return .range(RangeValue(start: lower, end: upper, inclusive: inclusive))
    case .call(let callee, let arguments, let position):
      return try call(try eval(callee), calleeNode: callee, arguments, position)
    case .methodCall(let object, let name, let arguments, let position):
      return try callMethod(try eval(object), name, arguments, position)
    case .index(let object, let items, let position):
      let target = try eval(object)
      if items.count == 1, case .value(let indexNode) = items[0] {
        return try index(target, try eval(indexNode), position)
      }
      return try index(target, components: try components(items), position)
    case .field(let object, let name, let position):
      return try field(try eval(object), name, position)
    case .ifElse(let condition, let then, let otherwise, let position):
      if try truthy(try eval(condition), position) { return try execute(then) }
      if let otherwise { return try execute(otherwise) }
      return .nil
    case .tryCatch(let body, let slot, let handler, _):
      do throws(Unwind) {
        return try execute(body)
      } catch {
        guard case .error(let box) = error, box.error.isCatchable else { throw error }
        if let slot { define(slot, errorRecord(box.error)) }
        return try execute(handler)
      }
    case .block(let block):
      return try execute(block)
    case .forLoop(let slots, let sequence, let body, let position):
      try forLoop(slots, try eval(sequence), body, position)
      return .nil
    case .whileLoop(let condition, let body, let position):
      while try truthy(try eval(condition), position) {
        try tick(position)
        do throws(Unwind) {
          _ = try execute(body)
        } catch {
          switch error {
          case .breakLoop: return .nil
          case .continueLoop: continue
          default: throw error
          }
        }
      }
      return .nil
    case .returnValue(let value):
      throw .returnValue(try value.map { node throws(Unwind) in try eval(node) } ?? .nil)
    case .breakLoop:
      throw .breakLoop
    case .continueLoop:
      throw .continueLoop
    case .declare(let slot, let value):
      if case .cell(let index) = slot {
        // A fresh cell before the value, so a local `fn` can call itself through it.
        let cell = Cell(.nil)
        cells[cellBase &+ index] = cell
        cell.value = try eval(value)
      } else {
        define(slot, try eval(value))
      }
      return .nil
    case .destructure(let slots, let value, let position):
      try bind(slots, to: try eval(value), position)
      return .nil
    case .setIndex(let object, let items, let value, let position):
      let target = try eval(object)
      let indices = try components(items)
      try setIndex(target, components: indices, to: try eval(value), position)
      return .nil
    case .setField(let object, let name, let value, let position):
      let target = try eval(object)
      try setField(target, name, to: try eval(value), position)
      return .nil
    case .updateIndex(let object, let items, let op, let value, let position):
      let target = try eval(object)
      let indices = try components(items)
      let current = try index(target, components: indices, position)
      let updated = try binary(op, current, try eval(value), position)
      try setIndex(target, components: indices, to: updated, position)
      return .nil
    case .updateField(let object, let name, let op, let value, let position):
      let target = try eval(object)
      let updated = try binary(op, try field(target, name, position), try eval(value), position)
      try setField(target, name, to: updated, position)
      return .nil
    case .importModule(let path, let slot, let position):
      define(slot, .module(try importModule(path, position)))
      return .nil
    }
  }

  /// Truthiness with the fast cases inline; native objects may refuse.
  @inline(__always)
  func truthy(_ value: Value, _ position: Position) throws(Unwind) -> Bool {
    switch value {
    case .bool(let b): return b
    case .nil: return false
    case .number(let n): return n != 0
    default:
      do throws(LangError) { return try value.isTruthy() } catch { throw placed(error, at: position) }
    }
  }

  /// Binds a loop or `let (a, b)` pattern: one name takes the value, several unpack a list.
  func bind(_ slots: [Slot], to value: Value, _ position: Position) throws(Unwind) {
    if slots.count == 1 {
      define(slots[0], value)
      return
    }
    guard case .list(let list) = value else {
      throw fail(.message("cannot unpack a \(value.typeName) into \(slots.count) names"), position)
    }
    guard list.items.count == slots.count else {
      throw fail(.message("cannot unpack \(list.items.count) values into \(slots.count) names"), position)
    }
    for index in slots.indices { define(slots[index], list.items[index]) }
  }

  /// Creates a closure, capturing cells of this frame or captures of the current closure.
  func makeClosure(_ code: FunctionCode) -> Function {
    var captured: [Cell] = []
    captured.reserveCapacity(code.captures.count)
    for capture in code.captures {
      switch capture {
      case .cell(let index): captured.append(cells[cellBase &+ index])
      case .upvalue(let index): captured.append(upvalues[index])
      }
    }
    return Function(code: code, captures: captured, globals: globals)
  }

  /// The integer a number holds, or a `bad index`-style error naming `what`.
  func integer(_ value: Value, what: String, _ position: Position) throws(Unwind) -> Int {
    guard case .number(let n) = value else {
      throw fail(.badIndex(type: what, expected: "an integer", got: value.typeName), position)
    }
    guard let int = Int(exactly: n) else {
      throw fail(.badIndex(type: what, expected: "an integer", got: Format.number(n)), position)
    }
    return int
  }
}
