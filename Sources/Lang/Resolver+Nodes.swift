// Resolver rules: each statement and expression form becomes its executable node.

extension Resolver {
  /// Resolves a statement list in the current scope.
  mutating func statements(_ statements: [Stmt]) -> CodeBlock {
    var nodes: [Node] = []
    nodes.reserveCapacity(statements.count)
    for statement in statements { nodes.append(self.statement(statement)) }
    var producesValue = false
    if case .expression? = statements.last { producesValue = true }
    return CodeBlock(nodes: nodes, positions: statements.map(\.position), producesValue: producesValue)
  }

  /// Resolves a block in a scope of its own.
  mutating func block(_ block: Block) -> CodeBlock {
    beginScope()
    defer { endScope() }
    return statements(block.statements)
  }

  mutating func statement(_ statement: Stmt) -> Node {
    switch statement {
    case .expression(let e, _):
      return expression(e)
    case .let(let pattern, let value, let position):
      let node = expression(value)
      let slots = pattern.names.map { declare($0.name) }
      if case .name = pattern { return .declare(slots[0], node) }
      return .destructure(slots, node, position)
    case .assign(let target, let value, let position):
      return assignment(target, expression(value), position)
    case .compoundAssign(let op, let target, let value, let position):
      let valueNode = expression(value)
      switch target {
      case .index(let object, let items, _):
        return .updateIndex(expression(object), indexItems(items), op, valueNode, position)
      case .field(let object, let name, _):
        return .updateField(expression(object), name, op, valueNode, position)
      default:
        let read = expression(target)
        return assignment(target, .binary(op, read, valueNode, position), position)
      }
    case .function(let decl):
      let slot = declare(decl.name ?? "<lambda>")
      return .declare(slot, .closure(resolveFunction(decl)))
    case .return(let value, let position):
      if function.isScript { errors.append(SyntaxError(.returnOutsideFunction, at: location(position))) }
      return .returnValue(value.map { expression($0) })
    case .break(let position):
      if function.loopDepth == 0 { errors.append(SyntaxError(.outsideLoop("break"), at: location(position))) }
      return .breakLoop
    case .continue(let position):
      if function.loopDepth == 0 { errors.append(SyntaxError(.outsideLoop("continue"), at: location(position))) }
      return .continueLoop
    case .for(let pattern, let sequence, let body, let position):
      let sequenceNode = expression(sequence)
      beginScope()
      defer { endScope() }
      let slots = pattern.names.map { declare($0.name) }
      function.loopDepth += 1
      defer { function.loopDepth -= 1 }
      return .forLoop(slots, sequenceNode, block(body), position)
    case .while(let condition, let body, let position):
      let conditionNode = expression(condition)
      function.loopDepth += 1
      defer { function.loopDepth -= 1 }
      return .whileLoop(conditionNode, block(body), position)
    case .import(let path, let alias, let position):
      let name = alias ?? ModuleLoader.defaultName(for: path)
      return .importModule(path, declare(name), position)
    }
  }

  /// `target = value` for the three kinds of target the parser accepts.
  private mutating func assignment(_ target: Expr, _ value: Node, _ position: Position) -> Node {
    switch target {
    case .index(let object, let items, let p):
      return .setIndex(expression(object), indexItems(items), value, p)
    case .field(let object, let name, let p):
      return .setField(expression(object), name, value, p)
    case .name(let name, let p):
      return .assign(lookup(name), value, createsGlobal: function.isScript, p)
    default:
      return value  // unreachable: the parser rejects other targets
    }
  }

  mutating func expression(_ expr: Expr) -> Node {
    switch expr {
    case .literal(let value, _):
      return .constant(value)
    case .name(let name, let position):
      return .read(lookup(name), position)
    case .fstring(let segments, let position):
      return .fstring(segments.map { segment in
        switch segment {
        case .text(let text): .text(text)
        case .field(let e, let spec): .field(expression(e), spec: spec, e.position)
        }
      }, position)
    case .list(let items, _):
      return .list(items.map { expression($0) })
    case .record(let entries, _):
      return .record(entries.map(\.key), entries.map { expression($0.value) })
    case .negate(let e, let position):
      return .negate(expression(e), position)
    case .not(let e, let position):
      return .not(expression(e), position)
    case .binary(let op, let l, let r, let position):
      return .binary(op, expression(l), expression(r), position)
    case .compare(let operands, let operators):
      return .compare(operands.map { expression($0) }, operators)
    case .and(let l, let r):
      return .and(expression(l), expression(r), l.position)
    case .or(let l, let r):
      return .or(expression(l), expression(r), l.position)
    case .range(let start, let end, let inclusive, let position):
      return .range(expression(start), expression(end), inclusive: inclusive, position)
    case .call(let callee, let arguments, let position):
      var positional: [Node] = [], labels: [String] = [], labelled: [Node] = []
      for argument in arguments {
        if let label = argument.label {
          labels.append(label)
          labelled.append(expression(argument.value))
        } else {
          positional.append(expression(argument.value))
        }
      }
      let call = CallArguments(positional: positional, labels: labels, labelled: labelled)
      if case .field(let object, let name, _) = callee {
        return .methodCall(expression(object), name, call, position)
      }
      return .call(expression(callee), call, position)
    case .index(let object, let items, let position):
      return .index(expression(object), indexItems(items), position)
    case .field(let object, let name, let position):
      return .field(expression(object), name, position)
    case .function(let decl):
      return .closure(resolveFunction(decl))
    case .ifElse(let condition, let then, let otherwise, let position):
      let elseBlock: CodeBlock?
      switch otherwise {
      case .block(let b): elseBlock = block(b)
      case .elseIf(let e): elseBlock = CodeBlock(nodes: [expression(e)], positions: [e.position], producesValue: true)
      case nil: elseBlock = nil
      }
      return .ifElse(expression(condition), block(then), elseBlock, position)
    case .tryCatch(let body, let name, let handler, let position):
      let bodyBlock = block(body)
      beginScope()
      defer { endScope() }
      let slot = name.map { declare($0) }
      return .tryCatch(bodyBlock, slot, statements(handler.statements), position)
    case .block(let b):
      return .block(block(b))
    }
  }

  private mutating func indexItems(_ items: [IndexItem]) -> [IndexNode] {
    items.map { item in
      switch item {
      case .expression(let e): .value(expression(e))
      case .slice(let a, let b, let c, let position):
        .slice(a.map { expression($0) }, b.map { expression($0) }, c.map { expression($0) }, position)
      }
    }
  }
}
