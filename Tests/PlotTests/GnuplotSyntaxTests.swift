// Tests of how Swift values are spelled in gnuplot scripts, and how gnuplot's stderr is read.
import Testing

@testable import Plot

@Suite struct GnuplotSyntaxTests {
  @Test(arguments: [
    ("reward", "\"reward\""),
    ("response_length", "\"response_length\""),
    ("say \"hi\"", "\"say \\\"hi\\\"\""),
    ("a\\b", "\"a\\\\b\""),
    ("two\nlines", "\"two\\nlines\""),
    ("tab\there\u{7}", "\"tab here\""),
  ])
  func labelsAreEscaped(text: String, expected: String) {
    #expect(gnuplotLabel(text) == expected)
  }

  @Test func pathsAndDataFieldsAreQuoted() {
    #expect(gnuplotQuoted("/tmp/it's.png") == "'/tmp/it''s.png'")
    #expect(gnuplotDataField("say \"x\"\n") == "\"say 'x' \"")
  }

  @Test(arguments: [
    (1.0, "1"), (-3.0, "-3"), (0.1, "0.1"), (1e-5, "1e-05"), (2.5e20, "2.5e+20"),
    (Double.nan, "NaN"), (Double.infinity, "NaN"), (-Double.infinity, "NaN"),
  ])
  func numbersRoundTrip(value: Double, expected: String) {
    #expect(gnuplotNumber(value) == expected)
  }

  @Test(arguments: [
    ("\"/tmp/x/script.gp\" line 3: undefined variable: foo",
      GnuplotDiagnostics.Report(file: "/tmp/x/script.gp", line: 3, message: "undefined variable: foo")),
    ("         line 0: unrecognized plot type",
      GnuplotDiagnostics.Report(file: nil, line: 0, message: "unrecognized plot type")),
  ])
  func reportsAreParsed(line: String, expected: GnuplotDiagnostics.Report) {
    #expect(GnuplotDiagnostics.report(in: line.trimmingWhitespace()) == expected)
  }

  @Test func errorsAndWarningsAreSeparated() {
    let stderr = """

      gnuplot> plot sin(x) with garbage
                                       ^
               "s.gp" line 2: warning: Skipping data file with no valid points
      Could not find/open font when opening font "arial", using internal non-scalable font
               "s.gp" line 4: unrecognized plot type
               "s.gp" line 5: a later error that never ran

      """
    let diagnostics = GnuplotDiagnostics(parsing: stderr)
    #expect(diagnostics.error == .init(file: "s.gp", line: 4, message: "unrecognized plot type"))
    #expect(diagnostics.warnings == [
      "warning: Skipping data file with no valid points",
      "Could not find/open font when opening font \"arial\", using internal non-scalable font",
    ])
  }
}
