// The executable tree: the syntax tree after resolution, with every variable turned into a slot.

/// Where a variable lives, decided once by the resolver.
enum Slot {
  /// A plain local: `stack[base + i]`.
  case local(Int)
  /// A local captured by some closure: `cells[cellBase + i].value`.
  case cell(Int)
  /// A variable of an enclosing function: `closure.captures[i].value`.
  case upvalue(Int)
  /// A module-level variable: `globals.values[i]`.
  case global(Int)
}

/// How a closure obtains each captured variable when it is created (Lua's `instack`).
enum Capture: Equatable {
  /// A cell of the function that creates the closure.
  case cell(Int)
  /// A capture of the function that creates the closure.
  case upvalue(Int)
}

/// A resolved expression or statement. Statements evaluate to nil.
indirect enum Node {
  // MARK: Values
  case constant(Value)
  case read(Slot, Position)
  case list([Node])
  case record([String], [Node])
  case fstring([CodeSegment], Position)
  case closure(FunctionCode)

  // MARK: Operators
  case negate(Node, Position)
  case not(Node, Position)
  case binary(BinaryOperator, Node, Node, Position)
  case compare([Node], [(op: BinaryOperator, negated: Bool, position: Position)])
  case and(Node, Node, Position)
  case or(Node, Node, Position)
  case range(Node, Node, inclusive: Bool, Position)

  // MARK: Access
  case call(Node, CallArguments, Position)
  case methodCall(Node, String, CallArguments, Position)
  case index(Node, [IndexNode], Position)
  case field(Node, String, Position)

  // MARK: Control
  case ifElse(Node, CodeBlock, CodeBlock?, Position)
  case tryCatch(CodeBlock, Slot?, CodeBlock, Position)
  case block(CodeBlock)
  case forLoop([Slot], Node, CodeBlock, Position)
  case whileLoop(Node, CodeBlock, Position)
  case returnValue(Node?)
  case breakLoop
  case continueLoop

  // MARK: Bindings
  /// `let`: a captured variable gets a fresh cell, so closures keep their iteration's value.
  case declare(Slot, Node)
  case destructure([Slot], Node, Position)
  /// `x = v`; `createsGlobal` is true in top-level code, where an undeclared name is created.
  case assign(Slot, Node, createsGlobal: Bool, Position)
  case setIndex(Node, [IndexNode], Node, Position)
  case setField(Node, String, Node, Position)
  /// `xs[i] op= v`, evaluating `xs` and `i` once.
  case updateIndex(Node, [IndexNode], BinaryOperator, Node, Position)
  case updateField(Node, String, BinaryOperator, Node, Position)
  case importModule(String, Slot, Position)
}

/// A resolved block; `producesValue` when its last statement is an expression.
///
/// A class, not a struct: nodes hold it, and copying one reference out of an enum payload
/// costs one retain where a struct of two arrays costs two.
final class CodeBlock {
  let nodes: [Node]
  /// Where each statement starts, for interruption and step-limit errors.
  let positions: [Position]
  let producesValue: Bool

  init(nodes: [Node], positions: [Position], producesValue: Bool) {
    self.nodes = nodes
    self.positions = positions
    self.producesValue = producesValue
  }
}

/// A resolved f-string piece.
enum CodeSegment {
  case text(String)
  case field(Node, spec: String?, Position)
}

/// A resolved index component.
enum IndexNode {
  case value(Node)
  case slice(Node?, Node?, Node?, Position)
}

/// The arguments of a call: positional ones, then labelled ones (a class for the reason
/// `CodeBlock` is one).
final class CallArguments {
  let positional: [Node]
  let labels: [String]
  let labelled: [Node]

  init(positional: [Node], labels: [String], labelled: [Node]) {
    self.positional = positional
    self.labels = labels
    self.labelled = labelled
  }
}

/// A resolved parameter.
struct ParameterCode {
  var name: String
  var defaultValue: Node?
  var defaultText: String?
  /// When the parameter is captured, the cell it moves into after binding.
  var cell: Int?
}

/// A resolved function body and everything needed to call it.
final class FunctionCode {
  let name: String
  var parameters: [ParameterCode] {
    didSet { summarizeParameters() }
  }
  /// Bit i set when parameter i has no default (calls check this mask, not the list).
  private(set) var requiredMask: UInt64 = 0
  /// Whether some parameter has a default or is captured, so binding needs a prologue.
  private(set) var needsPrologue = false
  var body = CodeBlock(nodes: [], positions: [], producesValue: false)
  var localCount = 0
  var cellCount = 0
  var captures: [Capture] = []
  let source: SourceFile
  let position: Position
  let doc: String?
  let signature: String

  init(name: String, parameters: [ParameterCode], source: SourceFile, position: Position, doc: String?,
       signature: String) {
    self.name = name
    self.parameters = parameters
    self.source = source
    self.position = position
    self.doc = doc
    self.signature = signature
    summarizeParameters()
  }

  private func summarizeParameters() {
    requiredMask = 0
    needsPrologue = false
    for (index, parameter) in parameters.enumerated() {
      if parameter.defaultValue == nil {
        if index < 64 { requiredMask |= 1 << UInt64(index) }
      } else {
        needsPrologue = true
      }
      if parameter.cell != nil { needsPrologue = true }
    }
  }
}
