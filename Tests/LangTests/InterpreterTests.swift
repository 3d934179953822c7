// The embedding API: values of cells, incomplete input, interrupts, budgets, host state, calls.

import Bindings
import Foundation
import Lang
import Testing

struct InterpreterTests {
  @Test func lastExpressionIsTheValueUnlessSilenced() throws {
    let interpreter = try Startup.makeInterpreter()
    #expect(try interpreter.run("1 + 2") == .number(3))
    #expect(try interpreter.run("1 + 2;") == nil)
    #expect(try interpreter.run("let x = 1") == nil)
    #expect(try interpreter.run("x") == .number(1))
    #expect(try interpreter.run("nil") == .nil)
    #expect(try interpreter.run("if x > 0 { \"pos\" } else { \"neg\" }") == .string("pos"))
  }

  @Test func globalsPersistAcrossRuns() throws {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("let counter = 0\nfn bump() { counter += 1 }", file: "<repl>")
    try interpreter.run("bump()\nbump()", file: "<repl>")
    #expect(interpreter.global("counter") == .number(2))
    #expect(interpreter.globalNames.contains("bump"))
    #expect(interpreter.globalNames.contains("print"))
  }

  @Test(arguments: ["fn f() {", "1 +", "[1, 2,", "\"\"\"abc", "if x {\n  1", "print(", "let x =", "f(a,\n b", "xs\n  .map("])
  func incompleteInputAsksForMore(_ source: String) throws {
    let interpreter = try Startup.makeInterpreter()
    do {
      try interpreter.run(source)
      Issue.record("expected an error for \(source)")
    } catch {
      #expect(error.isIncompleteInput, "\(interpreter.render(error))")
    }
  }

  @Test(arguments: ["1 +* 2", "let = 1", "\"abc", ")", "fn f() { 1 }}"])
  func completeButWrongInputIsAnError(_ source: String) throws {
    let interpreter = try Startup.makeInterpreter()
    #expect(throws: LangError.self) { try interpreter.run(source) }
    do { try interpreter.run(source) } catch { #expect(!error.isIncompleteInput) }
  }

  @Test func interruptStopsLoopsAndCannotBeCaught() throws {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("let kept = 42\nlet n = 0")
    var polls = 0
    interpreter.interruptCheck = {
      polls += 1
      return polls > 3
    }
    let source = "try { while true { n += 1 } } catch e { print(\"swallowed\") }"
    var output = ""
    interpreter.output = { output += $0 }
    do {
      try interpreter.run(source)
      Issue.record("expected an interruption")
    } catch {
      guard case .runtime(let runtime) = error, case .interrupted = runtime.fault else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(runtime.location?.line == 1)
    }
    #expect(output == "")
    #expect(interpreter.global("kept") == .number(42))
    guard case .number(let n)? = interpreter.global("n") else { Issue.record("n lost"); return }
    #expect(n > 0)
    interpreter.interruptCheck = nil
    #expect(try interpreter.run("kept + 1") == .number(43))
  }

  @Test func stepBudgetStopsInfiniteLoopsAndRecursion() throws {
    for source in ["while true { }", "fn f() { f() }\nf()", "for i in 0..1e15 { }", "let xs = [1]\nfor x in xs { xs.append(x) }"] {
      let interpreter = try Startup.makeInterpreter()
      interpreter.limits.maxSteps = 10_000
      interpreter.limits.maxCallDepth = 100_000
      do {
        try interpreter.run(source)
        Issue.record("expected the budget to stop \(source)")
      } catch {
        let message = error.message
        #expect(message == "step limit of 10000 exceeded" || message.hasPrefix("stack overflow"), "\(source): \(message)")
      }
    }
  }

  @Test func deepRecursionOnASmallThreadStackIsAnError() throws {
    let box = ResultBox()
    let thread = Thread {
      do {
        let interpreter = try Startup.makeInterpreter()
        interpreter.limits.maxCallDepth = 1_000_000
        try interpreter.run("fn down(n) { 1 + down(n + 1) }\ndown(0)")
      } catch let error as LangError {
        box.message = error.message
      } catch {}
      box.done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    box.done.wait()
    #expect(box.message?.hasPrefix("stack overflow") == true, "\(box.message ?? "no error")")
  }

  @Test func deeplyNestedDataIsFreedAndPrintedWithoutRecursionLimits() throws {
    let result = try run("let x = []\nfor i in 0..100000 { x = [x] }\nlet s = str(x)\nx = nil\nprint(len(s) < 1000, s.ends_with(\"]]\"))")
    #expect(result.output == "true true\n", "\(result.rendered)")
  }

  @Test func longClosureChainsAreFreedWithoutRecursion() throws {
    let result = try run("let f = () => 0\nfor i in 0..200000 { let g = f\nf = () => g() }\nlet r = {f: f}\nf = nil\nr = nil\nprint(\"freed\")")
    #expect(result.output == "freed\n", "\(result.rendered)")
  }

  @Test(arguments: [
    ("let a = []\nlet b = [1]\nfor i in 0..100000 { a = [a]\nb = [b] }\nprint(try { a < b } catch e { e.message })",
     "unsupported operands for '<': list and list"),
    ("let a = []\nfor i in 0..1000 { a = [a] }\nprint(try { to_json(a) } catch e { e.message })",
     "cannot encode a value nested deeper than 500 levels in JSON"),
    ("print(len(\"\" * 1e17), len([] * 1e17), len(range(-9e18, 9e18)), [1, 2, 3][1::9e18])", "0 0 9.223372036854776e+18 [2]"),
    ("print(round(1.5, -9223372036854775807), [1, 2][-9223372036854775807:])", "0 [1, 2]"),
  ])
  func extremeValuesAreErrorsOrResults(_ source: String, _ expected: String) throws {
    let result = try run(source)
    #expect(result.output == expected + "\n", "\(result.rendered)")
  }

  @Test func checkListsEveryErrorWithoutRunning() throws {
    let interpreter = try Startup.makeInterpreter()
    var output = ""
    interpreter.output = { output += $0 }
    let errors = interpreter.check("print(1)\nlet = 1\nbreak\nlet y = (", file: "nb.rlnb")
    #expect(errors.map(\.location.line) == [2, 3, 4])
    #expect(output == "")
  }

  @Test func hostCanCallLanguageFunctions() throws {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("fn scale(x, by = 2) { x * by }")
    let scale = try #require(interpreter.global("scale"))
    #expect(try interpreter.call(scale, [.number(3)]) == .number(6))
    #expect(try interpreter.call(scale, [.number(3)], labelled: [("by", .number(5))]) == .number(15))
    #expect(throws: LangError.self) { try interpreter.call(scale, [], labelled: [("bye", .number(1))]) }
    let len = try #require(interpreter.global("len"))
    #expect(try interpreter.call(len, [.string("abc")]) == .number(3))
  }

  enum CounterKey: HostStateKey { static var defaultValue: Int { 0 } }

  @Test func hostStateIsPerInterpreterAndTyped() throws {
    let a = Interpreter(), b = Interpreter()
    a[CounterKey.self] = 7
    #expect(a[CounterKey.self] == 7)
    #expect(b[CounterKey.self] == 0)
  }

  @Test func runtimeErrorsCarryTheLanguageStack() throws {
    let result = try run("fn a() { b() }\nfn b() { error(\"deep\") }\na()", file: "t.rlnb")
    guard case .runtime(let error)? = result.error else { Issue.record("no runtime error"); return }
    #expect(error.trace.map(\.function) == ["b", "a", "<main>"])
    #expect(error.trace.map(\.location.description) == ["t.rlnb:2:15", "t.rlnb:1:11", "t.rlnb:3:2"])
  }

  @Test func unknownBuiltinTypesCanBeRegisteredAsMethods() throws {
    let interpreter = try Startup.makeInterpreter()
    interpreter.register(method: Builtin("twice", signature: "number.twice()", doc: "2x.") { args in
      guard case .number(let n)? = args.receiver else { return .nil }
      return .number(2 * n)
    }, for: .number)
    #expect(try interpreter.run("(21).twice()") == .number(42))
  }
}

/// Carries a result out of a thread.
final class ResultBox: @unchecked Sendable {
  var message: String?
  let done = DispatchSemaphore(value: 0)
}

struct CompletionTests {
  @Test func membersOfValuesForTabCompletion() throws {
    let interpreter = try Startup.makeInterpreter()
    interpreter.define(Vector.constructor)
    try interpreter.run("let cfg = {lr: 1, clip: 2}\nlet v = vec(1)")
    let record = interpreter.memberNames(of: try #require(interpreter.global("cfg")))
    #expect(record.contains("lr") && record.contains("clip") && record.contains("keys"))
    #expect(interpreter.memberNames(of: try #require(interpreter.global("v"))) == ["requires_grad", "scale", "shape", "sum", "tolist"])
    #expect(interpreter.memberNames(of: .string("")).contains("split"))
    #expect(interpreter.globalNames(startingWith: "rea") == ["read_json", "read_jsonl", "read_text"])
  }

  @Test func fStringFieldsNeverAskForMoreInput() throws {
    let interpreter = try Startup.makeInterpreter()
    do {
      try interpreter.run("f\"{(1 + }\"")
      Issue.record("expected a syntax error")
    } catch {
      #expect(!error.isIncompleteInput)
      #expect(error.message.hasPrefix("expected an expression") || error.message.hasPrefix("invalid f-string"))
    }
  }
}

struct NotebookCellTests {
  @Test func cellsReportTheFilesOwnLineNumbers() throws {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("let x = 1", file: "nb.rlnb", line: 3)
    do {
      try interpreter.run("let y = 2\nprint(x +\n  \"s\")", file: "nb.rlnb", line: 10)
      Issue.record("expected an error")
    } catch {
      #expect(interpreter.render(error) == """
        nb.rlnb:11:9: error: unsupported operands for '+': number and string
         11 | print(x +
            |         ^

        """)
    }
    let errors = interpreter.check("let ok = 1\nlet = 2", file: "nb.rlnb", line: 20)
    #expect(errors.map(\.location.line) == [21])
    #expect(errors.first?.sourceLine == "let = 2")
  }

  @Test func hostCodeCanPollForInterrupts() throws {
    let interpreter = Interpreter()
    #expect(throws: Never.self) { try interpreter.checkInterrupt() }
    interpreter.interruptCheck = { true }
    do {
      try interpreter.checkInterrupt()
      Issue.record("expected an interruption")
    } catch {
      #expect(error.message == "interrupted")
    }
  }
}

struct PreludeTests {
  /// A module the prelude imports sees the prelude functions defined above the import.
  @Test func modulesImportedByThePreludeSeeItsFunctions() throws {
    let directory = NSTemporaryDirectory() + "rlnb-prelude-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "fn twice(x) { helper(x) * 2 }\n".write(toFile: directory + "/lib.rlnb", atomically: true, encoding: .utf8)
    let interpreter = Interpreter()
    interpreter.modulePath = [directory]
    try interpreter.loadPrelude("fn helper(x) { x + 1 }\nimport \"lib\"\nlet twice = lib.twice\n", file: directory + "/prelude.rlnb")
    #expect(try interpreter.run("twice(3)", file: "t.rlnb") == .number(8))
  }
}
