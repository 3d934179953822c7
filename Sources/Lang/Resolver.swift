// Resolver: a static pass that turns the syntax tree into nodes whose variables are slots.

/// Resolves names to slots (locals, cells, upvalues, globals) and checks what can be checked
/// before running: `break` outside a loop, `return` at top level.
///
/// Variables captured by a closure live in cells so closures share them by reference; a
/// conservative pre-scan (`CaptureAnalysis`) says which names some nested function mentions,
/// and only those get cells. Every other variable is a plain slot in the frame.
struct Resolver {
  /// Per-function resolution state.
  final class FunctionState {
    var scopes: [[String: Slot]] = [[:]]
    var localCount = 0
    var cellCount = 0
    var captures: [Capture] = []
    let captured: Set<String>
    let parent: FunctionState?
    var loopDepth = 0
    let isScript: Bool

    init(parent: FunctionState?, captured: Set<String>, isScript: Bool) {
      self.parent = parent
      self.captured = captured
      self.isScript = isScript
    }
  }

  var function: FunctionState
  let globals: Globals
  let source: SourceFile
  var errors: [SyntaxError] = []
  /// Names declared at the top level, in order: a module's members.
  var declaredGlobals: [String] = []

  /// Resolves a whole program into the code of its top-level function.
  static func resolve(_ program: Block, name: String, source: SourceFile, globals: Globals)
    -> (code: FunctionCode, declared: [String], errors: [SyntaxError])
  {
    var analysis = CaptureAnalysis()
    analysis.scan(program, nested: false)
    let state = FunctionState(parent: nil, captured: analysis.captured, isScript: true)
    var resolver = Resolver(function: state, globals: globals, source: source)
    let code = FunctionCode(name: name, parameters: [], source: source, position: program.position,
                            doc: nil, signature: name)
    code.body = resolver.statements(program.statements)
    code.localCount = state.localCount
    code.cellCount = state.cellCount
    return (code, resolver.declaredGlobals, resolver.errors)
  }

  // MARK: - Scopes

  mutating func beginScope() { function.scopes.append([:]) }
  mutating func endScope() { function.scopes.removeLast() }

  /// Declares `name` in the innermost scope: a global at the top level of a script, a cell if
  /// some closure mentions it, a plain local otherwise.
  mutating func declare(_ name: String) -> Slot {
    if function.isScript && function.scopes.count == 1 {
      if !declaredGlobals.contains(name) { declaredGlobals.append(name) }
      return .global(globals.slot(for: name))
    }
    let slot: Slot
    if function.captured.contains(name) {
      slot = .cell(function.cellCount)
      function.cellCount += 1
    } else {
      slot = .local(function.localCount)
      function.localCount += 1
    }
    function.scopes[function.scopes.count - 1][name] = slot
    return slot
  }

  /// The slot `name` refers to from the current function; globals when nothing encloses it.
  mutating func lookup(_ name: String) -> Slot {
    lookup(name, in: function) ?? .global(globals.slot(for: name))
  }

  private func lookup(_ name: String, in state: FunctionState) -> Slot? {
    for scope in state.scopes.reversed() {
      if let slot = scope[name] { return slot }
    }
    guard let parent = state.parent, let outer = lookup(name, in: parent) else { return nil }
    let capture: Capture
    switch outer {
    case .cell(let index): capture = .cell(index)
    case .upvalue(let index): capture = .upvalue(index)
    case .global, .local: return nil  // locals are never captured: the analysis made them cells
    }
    if let index = state.captures.firstIndex(where: { $0 == capture }) { return .upvalue(index) }
    state.captures.append(capture)
    return .upvalue(state.captures.count - 1)
  }

  func location(_ position: Position) -> SourceLocation { position.location(in: source) }

  // MARK: - Functions

  /// Resolves a function or lambda into code; its captures are resolved in the enclosing one.
  mutating func resolveFunction(_ decl: FunctionDecl) -> FunctionCode {
    var analysis = CaptureAnalysis()
    for parameter in decl.parameters {
      if let value = parameter.defaultValue { analysis.scan(value, nested: false) }
    }
    analysis.scan(decl.body, nested: false)
    let state = FunctionState(parent: function, captured: analysis.captured, isScript: false)
    let enclosing = function
    function = state
    defer { function = enclosing }

    var parameters: [ParameterCode] = []
    for parameter in decl.parameters {
      let defaultValue = parameter.defaultValue.map { expression($0) }
      state.localCount += 1  // parameter i arrives in local slot i
      var cell: Int? = nil
      if state.captured.contains(parameter.name) {
        cell = state.cellCount
        state.cellCount += 1
        state.scopes[0][parameter.name] = .cell(cell ?? 0)
      } else {
        state.scopes[0][parameter.name] = .local(state.localCount - 1)
      }
      parameters.append(ParameterCode(name: parameter.name, defaultValue: defaultValue,
                                      defaultText: parameter.defaultText, cell: cell))
    }
    let code = FunctionCode(name: decl.name ?? "<lambda>", parameters: parameters, source: source,
                            position: decl.position, doc: decl.doc, signature: decl.signature)
    code.body = statements(decl.body.statements)
    code.localCount = state.localCount
    code.cellCount = state.cellCount
    code.captures = state.captures
    return code
  }
}

/// Finds the names that functions nested in a body mention: those variables need cells.
///
/// Conservative by name: a name mentioned by any nested function marks every variable of that
/// name in the body as captured, which costs a cell but never breaks sharing.
struct CaptureAnalysis {
  var captured: Set<String> = []

  mutating func scan(_ block: Block, nested: Bool) {
    for statement in block.statements { scan(statement, nested: nested) }
  }

  mutating func scan(_ statement: Stmt, nested: Bool) {
    switch statement {
    case .expression(let e, _): scan(e, nested: nested)
    case .let(_, let e, _): scan(e, nested: nested)
    case .assign(let target, let value, _), .compoundAssign(_, let target, let value, _):
      scan(target, nested: nested)
      scan(value, nested: nested)
    case .function(let decl): scanFunction(decl)
    case .return(let e, _): if let e { scan(e, nested: nested) }
    case .break, .continue, .import: break
    case .for(_, let sequence, let body, _):
      scan(sequence, nested: nested)
      scan(body, nested: nested)
    case .while(let condition, let body, _):
      scan(condition, nested: nested)
      scan(body, nested: nested)
    }
  }

  private mutating func scanFunction(_ decl: FunctionDecl) {
    if let name = decl.name { captured.insert(name) }
    for parameter in decl.parameters {
      if let value = parameter.defaultValue { scan(value, nested: true) }
    }
    scan(decl.body, nested: true)
  }

  mutating func scan(_ expr: Expr, nested: Bool) {
    switch expr {
    case .literal: break
    case .name(let name, _): if nested { captured.insert(name) }
    case .fstring(let segments, _):
      for case .field(let e, _) in segments { scan(e, nested: nested) }
    case .list(let items, _): for item in items { scan(item, nested: nested) }
    case .record(let entries, _): for entry in entries { scan(entry.value, nested: nested) }
    case .negate(let e, _), .not(let e, _), .field(let e, _, _): scan(e, nested: nested)
    case .binary(_, let l, let r, _), .and(let l, let r), .or(let l, let r), .range(let l, let r, _, _):
      scan(l, nested: nested)
      scan(r, nested: nested)
    case .compare(let operands, _): for e in operands { scan(e, nested: nested) }
    case .call(let callee, let arguments, _):
      scan(callee, nested: nested)
      for argument in arguments { scan(argument.value, nested: nested) }
    case .index(let target, let items, _):
      scan(target, nested: nested)
      for item in items {
        switch item {
        case .expression(let e): scan(e, nested: nested)
        case .slice(let a, let b, let c, _):
          for e in [a, b, c].compactMap({ $0 }) { scan(e, nested: nested) }
        }
      }
    case .function(let decl): scanFunction(decl)
    case .ifElse(let condition, let then, let otherwise, _):
      scan(condition, nested: nested)
      scan(then, nested: nested)
      switch otherwise {
      case .block(let b): scan(b, nested: nested)
      case .elseIf(let e): scan(e, nested: nested)
      case nil: break
      }
    case .tryCatch(let body, _, let handler, _):
      scan(body, nested: nested)
      scan(handler, nested: nested)
    case .block(let b): scan(b, nested: nested)
    }
  }
}
