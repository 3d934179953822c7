// The syntax tree the parser builds; the resolver turns it into executable nodes.

/// An expression as written.
indirect enum Expr {
  case literal(Value, Position)
  case name(String, Position)
  case fstring([FStringSegment], Position)
  case list([Expr], Position)
  case record([(key: String, value: Expr)], Position)
  case negate(Expr, Position)
  case not(Expr, Position)
  case binary(BinaryOperator, Expr, Expr, Position)
  /// `a < b <= c`: operands and the operators between them (chained like Python).
  case compare([Expr], [(op: BinaryOperator, negated: Bool, position: Position)])
  case and(Expr, Expr)
  case or(Expr, Expr)
  case range(Expr, Expr, inclusive: Bool, Position)
  case call(Expr, [Argument], Position)
  case index(Expr, [IndexItem], Position)
  case field(Expr, String, Position)
  case function(FunctionDecl)
  case ifElse(condition: Expr, then: Block, else: Else?, Position)
  case tryCatch(body: Block, name: String?, handler: Block, Position)
  /// A `{ ... }` block in statement position.
  case block(Block)

  var position: Position {
    switch self {
    case .literal(_, let p), .name(_, let p), .fstring(_, let p), .list(_, let p),
      .record(_, let p), .negate(_, let p), .not(_, let p), .range(_, _, _, let p),
      .call(_, _, let p), .index(_, _, let p), .field(_, _, let p), .ifElse(_, _, _, let p),
      .tryCatch(_, _, _, let p):
      return p
    case .binary(_, let lhs, _, _), .and(let lhs, _), .or(let lhs, _): return lhs.position
    case .compare(let operands, _): return operands[0].position
    case .function(let decl): return decl.position
    case .block(let block): return block.position
    }
  }
}

/// The `else` of an `if`: a block or another `if`.
indirect enum Else {
  case block(Block)
  case elseIf(Expr)
}

/// A piece of an f-string after parsing.
enum FStringSegment {
  case text(String)
  case field(Expr, spec: String?)
}

/// A call argument; `label` is set for `name: value`.
struct Argument {
  var label: String?
  var value: Expr
  var position: Position
}

/// One component inside `a[...]`: an expression or a slice `start:end:step`.
enum IndexItem {
  case expression(Expr)
  case slice(start: Expr?, end: Expr?, step: Expr?, Position)
}

/// A sequence of statements in braces (or a whole program).
struct Block {
  var statements: [Stmt]
  var position: Position
}

/// What `let` and `for` bind: one name, or a list of names destructuring a list.
enum Pattern {
  case name(String, Position)
  case tuple([(name: String, position: Position)])

  var names: [(name: String, position: Position)] {
    switch self {
    case .name(let name, let position): [(name, position)]
    case .tuple(let names): names
    }
  }
}

/// A statement as written.
indirect enum Stmt {
  /// An expression; `silenced` when the source ends it with `;`.
  case expression(Expr, silenced: Bool)
  case `let`(Pattern, Expr, Position)
  case assign(target: Expr, value: Expr, Position)
  case compoundAssign(BinaryOperator, target: Expr, value: Expr, Position)
  case function(FunctionDecl)
  case `return`(Expr?, Position)
  case `break`(Position)
  case `continue`(Position)
  case `for`(Pattern, Expr, Block, Position)
  case `while`(Expr, Block, Position)
  case `import`(path: String, alias: String?, Position)

  var position: Position {
    switch self {
    case .expression(let e, _): e.position
    case .let(_, _, let p), .assign(_, _, let p), .compoundAssign(_, _, _, let p), .return(_, let p),
      .break(let p), .continue(let p), .for(_, _, _, let p), .while(_, _, let p), .import(_, _, let p):
      p
    case .function(let decl): decl.position
    }
  }
}

/// A parameter as written: `name` or `name = default`.
struct ParameterDecl {
  var name: String
  var defaultValue: Expr?
  /// The default's source text, for signatures in `help()`.
  var defaultText: String?
  var position: Position
}

/// A function or lambda as written.
final class FunctionDecl {
  /// The name of a `fn`, or the name a lambda was bound to (`let double = x => ...`).
  var name: String?
  let parameters: [ParameterDecl]
  let body: Block
  let doc: String?
  let position: Position

  init(name: String?, parameters: [ParameterDecl], body: Block, doc: String?, position: Position) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.doc = doc
    self.position = position
  }

  /// `name(a, b = 2)`, as `help()` shows it.
  var signature: String {
    let list = parameters.map { p in p.defaultText.map { "\(p.name) = \($0)" } ?? p.name }
    return "\(name ?? "<lambda>")(\(list.joined(separator: ", ")))"
  }
}
