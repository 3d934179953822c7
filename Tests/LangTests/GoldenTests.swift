// Runs every golden program in Programs/ and compares stdout, stderr and the kind of failure.

import Testing

@Suite struct GoldenTests {
  @Test(arguments: GoldenProgram.all())
  func program(_ program: GoldenProgram) throws {
    let (expected, exactStderr) = program.expected()
    let actual = try program.run()
    #expect(actual.stdout == expected.stdout, "stdout of \(program.name)")
    #expect(actual.failure == expected.failure, "failure of \(program.name)\n\(actual.stderr)")
    if exactStderr {
      #expect(actual.stderr == expected.stderr, "stderr of \(program.name)")
    }
  }

  @Test func programsExist() {
    #expect(GoldenProgram.all().count >= 20)
  }
}
