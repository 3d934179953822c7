// The command line through the binary: stdin programs, -e, -i, check, --version, usage errors.

import Foundation
import Testing

@Suite struct CommandLineTests {
  @Test func pipedStdinRunsAsAProgramWithoutPromptsOrEcho() throws {
    let result = try Rlnb.run([], input: "print(1)\n")
    #expect(result.stdout == "1\n")
    #expect(result.stderr.isEmpty)
    #expect(result.status == 0)
  }

  @Test func pipedStdinReportsErrorsWithItsName() throws {
    let result = try Rlnb.run([], input: "let x = 1\nprint(x)\nx + nope\n")
    #expect(result.stdout == "1\n")
    #expect(result.stderr == "<stdin>:3:5: error: undefined variable 'nope'\n 3 | x + nope\n   |     ^\n")
    #expect(result.status == 70)
  }

  @Test(arguments: [
    (["-e", "1 + 2"], "3\n", "", Int32(0)),
    (["-e", "\"a\" + \"b\""], "\"ab\"\n", "", 0),
    (["-e", "let x = 2; x * 21"], "42\n", "", 0),
    (["-e", "print(\"hi\");"], "hi\n", "", 0),
    (["--eval", "[1, 2].map(x => x * 2)"], "[2, 4]\n", "", 0),
    (["-e", "nope"], "", "<expr>:1:1: error: undefined variable 'nope'\n 1 | nope\n   | ^\n", 70),
    (["-e", "1 +"], "", "<expr>:1:4: syntax error: unexpected end of input, expected an expression\n 1 | 1 +\n   |    ^\n", 65),
  ])
  func evaluate(arguments: [String], stdout: String, stderr: String, status: Int32) throws {
    let result = try Rlnb.run(arguments)
    #expect(result.stdout == stdout)
    #expect(result.stderr == stderr)
    #expect(result.status == status)
  }

  @Test func versionIsPrinted() throws {
    let result = try Rlnb.run(["--version"])
    #expect(result.stdout == "0.1.0\n")
    #expect(result.status == 0)
  }

  @Test(arguments: [
    (["--bogus"], "Unknown option '--bogus'"),
    (["-i"], "-i needs a FILE"),
    (["-e", "1", "x.rlnb"], "-e cannot be combined"),
    (["run"], "Missing expected argument '<file>'"),
    (["check"], "Missing expected argument '<files> ...'"),
  ])
  func usageErrorsExitWith64(arguments: [String], message: String) throws {
    let result = try Rlnb.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test(arguments: [["missing.rlnb"], ["run", "missing.rlnb"], ["check", "missing.rlnb"], ["-i", "missing.rlnb"]])
  func missingFilesAreNamed(arguments: [String]) throws {
    let result = try Rlnb.run(arguments)
    #expect(result.stderr == "rlnb: cannot read 'missing.rlnb': no such file\n")
    #expect(result.status == 66)
  }

  @Test func checkListsEverySyntaxErrorWithItsCell() throws {
    let text = """
      # %% Setup
      let a = (1 +
      let b = 2
      # %% Fine
      print(b)
      # %% Broken tags=["x"]
      let c = 3 3
      fn f(x, x) { x }
      """
    let directory = try Rlnb.temporaryDirectory(containing: ["broken.rlnb": text])
    defer { Rlnb.removeTemporary(directory) }
    let result = try Rlnb.run(["check", "broken.rlnb"], in: directory)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    let headers = result.stderr.split(separator: "\n").filter { $0.hasPrefix("broken.rlnb:") }
    #expect(headers == [
      "broken.rlnb:3:1: syntax error: expected an expression, found 'let'",
      "broken.rlnb:7:11: syntax error: expected end of statement, found number '3'",
      "broken.rlnb:8:9: syntax error: duplicate parameter 'x'",
      "broken.rlnb: 3 syntax errors in cell 1 \"Setup\", cell 3 \"Broken\"",
    ])
  }

  @Test func checkAcceptsCleanFiles() throws {
    let result = try Rlnb.run(["check", "notebooks/00-quickstart.rlnb"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("notebooks/00-quickstart.rlnb: ok ("))
  }

  @Test func interactiveRunKeepsBindingsForStdin() throws {
    let directory = try Rlnb.temporaryDirectory(containing: ["setup.rlnb": "# %% Setup\nlet base = 40\nprint(\"setup ran\")\n"])
    defer { Rlnb.removeTemporary(directory) }
    let result = try Rlnb.run(["-i", "setup.rlnb"], input: "print(base + 2)\n", in: directory)
    #expect(result.stdout == "setup ran\n42\n")
    #expect(result.status == 0)
  }
}
