// Error message tables: each program, the exact message, and where it is reported.

import Lang
import Testing

struct ErrorMessageTests {
  /// A program, the message of its runtime error and the `line:col` where it is reported.
  struct Case: CustomStringConvertible, Sendable {
    var source: String
    var message: String
    var at: String
    var description: String { source }
  }

  static let runtime: [Case] = [
    Case(source: "foo(1)", message: "undefined variable 'foo'", at: "1:1"),
    Case(source: "let x = 1\nx()", message: "cannot call a number value", at: "2:2"),
    Case(source: "fn f() { undeclared = 1 }\nf()", message: "assignment to undeclared variable 'undeclared'; declare it with 'let undeclared = ...'", at: "1:10"),
    Case(source: "1 + \"a\"", message: "unsupported operands for '+': number and string", at: "1:3"),
    Case(source: "-\"a\"", message: "unsupported operand for unary '-': string", at: "1:1"),
    Case(source: "[1][5]", message: "list index 5 out of range (length 1)", at: "1:4"),
    Case(source: "\"ab\"[2]", message: "string index 2 out of range (length 2)", at: "1:5"),
    Case(source: "({a: 1}).b", message: "no field 'b' in record", at: "1:9"),
    Case(source: "let r = {a: 1}\nr[\"b\"]", message: "no field 'b' in record", at: "2:2"),
    Case(source: "[1].nope()", message: "no method 'nope' on list", at: "1:9"),
    Case(source: "5[0]", message: "cannot index a number value", at: "1:2"),
    Case(source: "1 // 0", message: "division by zero", at: "1:3"),
    Case(source: "7 % 0", message: "division by zero", at: "1:3"),
    Case(source: "for x in nil { }", message: "cannot iterate over a nil value", at: "1:1"),
    Case(source: "let (a, b) = [1]", message: "cannot unpack 1 values into 2 names", at: "1:1"),
    Case(source: "\"s\"[0] = \"t\"", message: "strings are immutable; build a new one instead", at: "1:4"),
    Case(source: "0..1.5", message: "range end must be an integer, got 1.5", at: "1:2"),
    Case(source: "error(\"custom\")", message: "custom", at: "1:6"),
    Case(source: "assert(0, \"must hold\")", message: "assertion failed: must hold", at: "1:7"),
    Case(source: "len(5)", message: "bad argument 'x' to len (list, string, record or range expected, got number)", at: "1:4"),
    Case(source: "sqrt()", message: "missing argument 'x' to sqrt", at: "1:5"),
    Case(source: "abs(1, 2)", message: "too many arguments to abs (takes 1, got 2)", at: "1:4"),
    Case(source: "min([])", message: "min of an empty list", at: "1:4"),
    Case(source: "num(\"x1\")", message: "cannot convert \"x1\" to a number", at: "1:4"),
    Case(source: "read_text(\"/no/such/file\")", message: "cannot read '/no/such/file': no such file", at: "1:10"),
    Case(source: "parse_json(\"{\\\"a\\\": }\")", message: "invalid JSON at 1:7: unexpected character '}'", at: "1:11"),
    Case(source: "to_json(print)", message: "cannot encode a function in JSON", at: "1:8"),
    Case(source: "\"x\".split(\"\")", message: "split separator cannot be empty", at: "1:10"),
    Case(source: "let m = {}\nm.f(1)", message: "no method 'f' on record", at: "2:4"),
    Case(source: "import \"missing_module\"", message: "cannot import 'missing_module': no missing_module.rlnb next to the importing file, in RLNB_PATH or in stdlib/", at: "1:1"),
  ]

  @Test(arguments: runtime)
  func runtimeMessage(_ test: Case) throws {
    let result = try run(test.source, file: "t.rlnb")
    guard case .runtime(let error)? = result.error else {
      Issue.record("expected a runtime error, got \(result.rendered)")
      return
    }
    #expect(error.message.hasPrefix(test.message), "\(error.message)")
    #expect(error.location.map { "\($0.line):\($0.column)" } == test.at)
  }

  static let syntax: [Case] = [
    Case(source: "let x = ", message: "unexpected end of input, expected an expression", at: "1:9"),
    Case(source: "print(1", message: "unexpected end of input, expected ')' to close '(' at line 1", at: "1:8"),
    Case(source: "let 1 = 2", message: "expected a name, found number '1'", at: "1:5"),
    Case(source: "x = = 2", message: "expected an expression, found '='", at: "1:5"),
    Case(source: "a b", message: "expected end of statement, found 'b'", at: "1:3"),
    Case(source: "f(x: 1, x: 2)", message: "label 'x' given twice", at: "1:9"),
    Case(source: "import maye", message: "expected a module name in quotes after 'import', found 'maye'", at: "1:8"),
    Case(source: "for x of xs { }", message: "expected 'in' after the loop variable, found 'of'", at: "1:7"),
    Case(source: "try { 1 }", message: "unexpected end of input, expected 'catch' after the 'try' block", at: "1:10"),
    Case(source: "let s = 'abc", message: "unterminated string", at: "1:9"),
    Case(source: "f\"{x\"", message: "invalid f-string: '{' without a matching '}'", at: "1:3"),
    Case(source: "f\"a } b\"", message: "invalid f-string: single '}' is not allowed; write '}}'", at: "1:5"),
    Case(source: "let x = 1 ! 2", message: "unexpected character '!'", at: "1:11"),
    Case(source: "continue", message: "'continue' outside a loop", at: "1:1"),
    Case(source: "fn f() { for x in xs { let g = () => { break } } }", message: "'break' outside a loop", at: "1:40"),
    Case(source: "\"\\u{110000}\"", message: "invalid escape '\\u{110000' in string", at: "1:2"),
  ]

  @Test(arguments: syntax)
  func syntaxMessage(_ test: Case) throws {
    let result = try run(test.source, file: "t.rlnb")
    guard case .syntax(let errors)? = result.error, let first = errors.first else {
      Issue.record("expected a syntax error, got \(result.rendered)")
      return
    }
    #expect(Diagnostics.message(for: first.kind) == test.message)
    #expect("\(first.location.line):\(first.location.column)" == test.at)
  }
}
