// Host functions: a name, a signature that declares the parameters, a doc text and a body.

/// A function supplied by the host, as the language sees it.
///
/// The signature is the single source of the parameter list: `"round(x, digits = 0)"`
/// declares two parameters, the second optional with default 0; `"print(values..., sep = \" \")"`
/// declares a variadic one, after which parameters can only be given by label. Defaults must be
/// literals (`0`, `-1`, `"s"`, `true`, `nil`); anything else reads as nil, for the body to
/// decide. The interpreter binds positional and labelled arguments to these parameters before
/// the body runs, raising `too many arguments`, `unknown label` and `missing argument`
/// errors that name the function and the label.
///
/// ```swift
/// let twice = Builtin("twice", signature: "twice(x, times = 2)", doc: "Multiplies x.") { args in
///   guard case .number(let x) = args["x"], case .number(let n) = args["times"] else {
///     throw LangError.message("twice takes numbers")
///   }
///   return .number(x * n)
/// }
/// ```
public final class Builtin: Sendable {
  /// The body: reads its arguments, returns a value or throws. A `LangError` passes through
  /// as it is; any other error becomes a runtime error with its description as message.
  public typealias Body = @Sendable (Arguments) throws -> Value

  /// The name used in messages and traces (`map`, `sum`).
  public let name: String
  /// The signature shown by `help()`, e.g. `list.map(fn)`.
  public let signature: String
  /// The doc text shown by `help()`; its first line is the summary.
  public let doc: String
  /// The parameters parsed from `signature`.
  public let parameters: [Parameter]
  /// The value a method is bound to (`xs` in `let f = xs.map`), if any.
  public let receiver: Value?
  let body: Body

  /// Creates a host function; the parameters are read from `signature`.
  public init(_ name: String, signature: String, doc: String, body: @escaping Body) {
    self.name = name
    self.signature = signature
    self.doc = doc
    self.parameters = Parameter.parse(signature: signature)
    self.receiver = nil
    self.body = body
  }

  private init(copying builtin: Builtin, receiver: Value) {
    name = builtin.name
    signature = builtin.signature
    doc = builtin.doc
    parameters = builtin.parameters
    body = builtin.body
    self.receiver = receiver
  }

  /// This method bound to `receiver`, as a value that can be called later.
  public func bound(to receiver: Value) -> Builtin { Builtin(copying: self, receiver: receiver) }
}

/// One parameter of a host function.
public struct Parameter: Sendable, Equatable {
  /// The name, which is also the label that passes it.
  public var name: String
  /// The default; nil when the parameter is required.
  public var defaultValue: Value?
  /// Whether it collects every remaining positional argument (`values...`).
  public var isVariadic: Bool

  /// Creates a parameter.
  public init(name: String, defaultValue: Value? = nil, isVariadic: Bool = false) {
    self.name = name
    self.defaultValue = defaultValue
    self.isVariadic = isVariadic
  }

  /// Same name, variadic flag and optionality (defaults are not compared).
  public static func == (a: Parameter, b: Parameter) -> Bool {
    a.name == b.name && a.isVariadic == b.isVariadic && (a.defaultValue == nil) == (b.defaultValue == nil)
  }

  /// Reads the parameters out of a signature such as `"round(x, digits = 0)"`.
  static func parse(signature: String) -> [Parameter] {
    guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")"), open < close else {
      return []
    }
    let inner = signature[signature.index(after: open)..<close]
    var pieces: [String] = []
    var piece = ""
    var quote: Character? = nil
    var depth = 0
    for character in inner {
      if let q = quote {
        if character == q { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if "([{".contains(character) {
        depth += 1
      } else if ")]}".contains(character) {
        depth -= 1
      } else if character == "," && depth == 0 {
        pieces.append(piece)
        piece = ""
        continue
      }
      piece.append(character)
    }
    pieces.append(piece)
    return pieces.compactMap { text -> Parameter? in
      let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
      guard var name = parts.first, !name.isEmpty else { return nil }
      if name.hasSuffix("...") {
        name.removeLast(3)
        return Parameter(name: name, isVariadic: true)
      }
      guard parts.count == 2 else { return Parameter(name: name) }
      return Parameter(name: name, defaultValue: literal(parts[1]))
    }
  }

  /// The value of a literal default (`0`, `-1.5`, `"x"`, `true`, `nil`); nil for anything else.
  private static func literal(_ text: String) -> Value {
    let tokens = Lexer.tokenize(text, file: "<signature>").tokens.filter { $0.kind != .newline }
    switch (tokens.first?.kind, tokens.count) {
    case (.number, 2): return .number(tokens[0].number)
    case (.minus, 3) where tokens[1].kind == .number: return .number(-tokens[1].number)
    case (.string, 2): return .string(tokens[0].text)
    case (.true, 2): return .bool(true)
    case (.false, 2): return .bool(false)
    default: return .nil
    }
  }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}

/// The arguments of one host-function call, bound to its parameters.
///
/// Read them by parameter name (`args["digits"]`), whether they were passed by position or by
/// label; a missing optional argument reads as its default. Bindings adds checked readers
/// (`args.number("x")`) that raise `bad argument` errors.
public struct Arguments {
  /// The interpreter running the call: for callbacks, output and host state.
  public let interpreter: Interpreter
  /// The function being called.
  public let builtin: Builtin
  /// The value a method was called on (`xs` in `xs.map(f)`), or nil for plain functions.
  public let receiver: Value?
  /// The positional arguments collected by a variadic parameter.
  public let rest: [Value]
  var bound: [Value?]

  /// The function's name, for messages.
  public var functionName: String { builtin.name }

  /// The argument for parameter `name`, or its default; nil when an optional argument without
  /// a literal default was not given.
  public subscript(_ name: String) -> Value? {
    guard let index = builtin.parameters.firstIndex(where: { $0.name == name }) else { return nil }
    return bound[index] ?? builtin.parameters[index].defaultValue
  }

  /// Whether the caller passed parameter `name` (by position or label).
  public func isSupplied(_ name: String) -> Bool {
    guard let index = builtin.parameters.firstIndex(where: { $0.name == name }) else { return false }
    return bound[index] != nil
  }
}
