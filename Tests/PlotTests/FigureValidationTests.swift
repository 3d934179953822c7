// Tests of figure validation: every undrawable figure is an error naming what is wrong.
import Testing

@testable import Plot

/// An undrawable figure and the message it must produce.
struct InvalidFigureCase: CustomTestStringConvertible, Sendable {
  var name: String
  var figure: Figure
  var message: String
  var testDescription: String { name }
}

@Suite struct FigureValidationTests {
  static let cases: [InvalidFigureCase] = [
    .init(name: "no panels", figure: Figure(panels: []), message: "the figure has no panels"),
    .init(
      name: "x and y lengths", figure: Figure([.line([1, 2, 3], x: [1, 2], label: "reward")]),
      message: "panel 1, series 'reward': 2 x values but 3 y values"),
    .init(
      name: "scatter lengths", figure: Figure([.scatter([1], x: [1, 2])]),
      message: "panel 1, series 1: 2 x values but 1 y values"),
    .init(
      name: "bar categories", figure: Figure([.bar([1, 2], categories: ["a"])]),
      message: "panel 1, series 1: 1 categories but 2 values"),
    .init(
      name: "ragged matrix", figure: Figure([.heatmap(Matrix([[1, 2], [3]]))]),
      message: "panel 1, series 1: 0 values but 4 cells (2×2)"),
    .init(
      name: "image bytes", figure: Figure([.image(Image(width: 2, height: 2, channels: 3, pixels: [0, 0, 0]))]),
      message: "panel 1, series 1: 3 bytes but 12 samples (2×2×3)"),
    .init(
      name: "image channels", figure: Figure([.image(Image(width: 1, height: 1, channels: 5, pixels: [0]))]),
      message: "panel 1, series 1: 5 channels (expected 1 to 4)"),
    .init(
      name: "band lengths",
      figure: Figure([.band(x: [0, 1], lower: [0, 1], upper: [1], center: nil, label: "runs")]),
      message: "panel 1, series 'runs': 2 x values but 1 upper values"),
    .init(
      name: "too many panels", figure: .subplots([Panel(), Panel(), Panel()], rows: 1, columns: 2),
      message: "3 panels do not fit a 1×2 layout"),
    .init(
      name: "empty range",
      figure: {
        var panel = Panel([.line([1])])
        panel.yAxis.range = AxisRange(lower: 2, upper: 1)
        return Figure(panel)
      }(),
      message: "panel 1: y range [2.0, 1.0] is empty"),
  ]

  @Test(arguments: cases)
  func invalidFiguresAreReported(_ testCase: InvalidFigureCase) {
    #expect(throws: PlotError.invalidFigure(testCase.message)) {
      try FigureRenderer(terminal: .text(columns: 80, rows: 24)).script(for: testCase.figure)
    }
  }

  @Test(arguments: [
    (Terminal.text(columns: 10, rows: 24), "a text plot needs at least 20 columns and 6 rows, not 10×24"),
    (Terminal.png(width: 0, height: 10), "terminal size 0.0×10.0 is outside 1…20000"),
  ])
  func badTerminalSizesAreReported(terminal: Terminal, message: String) {
    #expect(throws: PlotError.invalidFigure(message)) {
      try FigureRenderer(terminal: terminal, outputPath: "/tmp/x.png").script(for: Figure([.line([1])]))
    }
  }

  @Test func fileTerminalsNeedAPathAndKnownExtensions() throws {
    #expect(throws: PlotError.invalidFigure("a file terminal needs an output path")) {
      try FigureRenderer(terminal: .png(width: 100, height: 100)).script(for: Figure([.line([1])]))
    }
    #expect(throws: PlotError.unsupportedFormat(path: "plot.jpeg")) { try Terminal.file(forPath: "plot.jpeg") }
    #expect(throws: PlotError.unsupportedFormat(path: "dir.png/plot")) { try Terminal.file(forPath: "dir.png/plot") }
    #expect(try Terminal.file(forPath: "a/b.PNG") == .png(width: 800, height: 500))
    #expect(try Terminal.file(forPath: "b.svg", layout: Layout(rows: 2, columns: 2)) == .svg(width: 900, height: 600))
    #expect(try Terminal.file(forPath: "c.pdf") == .pdf(widthInches: 8, heightInches: 5))
  }
}
