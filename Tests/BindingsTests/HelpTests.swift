// help(): builtins, user functions with ## doc comments, modules-as-values, types, overview.

import Bindings
import Lang
import Testing

struct HelpTests {
  @Test(arguments: [
    ("help(len)", "len(x)\nThe number of elements of a list, record, range or object, or characters of a string.\n"),
    ("## Adds one.\n## Really.\nfn inc(x, by = 1) { x + by }\nhelp(inc)", "fn inc(x, by = 1)\nAdds one.\nReally.\n"),
    ("fn bare() { }\nhelp(bare)", "fn bare()\n(no doc comment)\n"),
    ("## Not attached: a blank line follows.\n\nfn f() { }\nhelp(f)", "fn f()\n(no doc comment)\n"),
    ("help(\"len\")", "len(x)\nThe number of elements of a list, record, range or object, or characters of a string.\n"),
    ("help([].append)", "list.append(x)\nAdds x at the end.\n"),
    ("let double = x => x * 2\nhelp(double)", "fn double(x)\n(no doc comment)\n"),
  ])
  func texts(_ source: String, _ expected: String) throws {
    let result = try evaluate(source)
    #expect(result.output == expected, "\(result.error ?? "")")
  }

  @Test func typeHelpListsEveryMethodWithItsSummary() throws {
    let output = try evaluate("help({})").output
    #expect(output.hasPrefix("record\nmethods:\n  record.copy() — A shallow copy.\n"))
    for method in ["keys", "values", "items", "get", "has"] { #expect(output.contains("record.\(method)(")) }
    let list = try evaluate("help([])").output
    for method in ["map", "filter", "reduce", "sum", "append", "extend", "pop", "insert", "sort", "sorted", "reversed",
                   "index", "contains", "join"] {
      #expect(list.contains("list.\(method)("), "missing \(method)")
    }
    let string = try evaluate("help(\"\")").output
    for method in ["split", "strip", "replace", "contains", "starts_with", "ends_with", "lower", "upper", "find"] {
      #expect(string.contains("string.\(method)("), "missing \(method)")
    }
  }

  @Test func overviewListsBuiltinsAndPreludeFunctions() throws {
    let output = try evaluate("help()").output
    let line = output.split(separator: "\n").first { $0.hasPrefix("builtins: ") } ?? ""
    let builtins = line.dropFirst("builtins: ".count).components(separatedBy: ", ")
    #expect(builtins == builtins.sorted() && builtins.first == "abs")
    for name in ["assert", "ceil", "print", "tensor", "no_grad", "plot", "gnuplot"] { #expect(builtins.contains(name), "\(name)") }
    #expect(output.contains("functions: all, any, count, enumerate, mean, rl_step, train_rl, train_seeds, zip"))
  }

  @Test func everyBuiltinDocumentsItself() throws {
    let interpreter = try Startup.makeInterpreter()
    let contract = ["print", "len", "range", "str", "num", "type", "help", "error", "assert", "time", "abs", "min", "max",
                    "sum", "round", "floor", "ceil", "sqrt", "exp", "log", "read_text", "write_text", "read_json",
                    "write_json", "read_jsonl", "write_jsonl"]
    for name in contract {
      guard case .builtin(let builtin)? = interpreter.global(name) else {
        Issue.record("\(name) is not a builtin")
        continue
      }
      #expect(builtin.signature.hasPrefix(name + "("))
      #expect(!builtin.doc.isEmpty)
    }
  }
}
