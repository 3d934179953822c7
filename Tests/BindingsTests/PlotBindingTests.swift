// Plot bindings through the language: figures as values, inline text, files, gnuplot errors.

import Bindings
import Foundation
import Lang
import Plot
import Testing

struct PlotBindingTests {
  // MARK: - Figures as values

  @Test func aFigureDrawsItselfAtTopLevelAndPrintsShortWhenNested() throws {
    let harness = try PlotHarness()
    let value = try #require(try harness.run("plot([1, 4, 9, 16], title: \"squares\")"))
    let text = Display.text(of: value)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 22 && lines.allSatisfy { $0.count <= 80 }, "sized to the 80 × 24 screen, two lines left for the prompt\n\(text)")
    #expect(text.contains("squares") && text.contains("+----"))
    #expect(!text.contains("\u{1B}"), "no colour when output is not a terminal")
    #expect(harness.printed("print([plot([1, 2], title: \"a\")], type(plot([1])))") == "[<figure \"a\": 1 panel, 1 series>] figure\n")
  }

  @Test(arguments: [
    ("plot([1, 2, 3])", "+---"), ("plot([0, 1, 2], [1, 4, 9], label: \"y\")", " y "),
    ("plot([[1, 2, 3], [3, 2, 1]], labels: [\"up\", \"down\"])", "down"),
    ("plot({reward: [1, 2, 3], kl: tensor([0.1, 0.2, 0.3])})", "kl"),
    ("plot(arange(20).reshape([2, 10]), labels: [\"a\", \"b\"], smooth: 3)", " b "),
    ("plot(tensor([5, 3, 4, 1]), ema: 0.5, logy: true, title: \"loss\")", "loss"),
    ("scatter([3, 1, 2, 5, 4], [1, 2, 3, 4, 5], label: \"points\")", "points"),
    ("hist(randn([500]), bins: 12, title: \"normal\")", "normal"),
    ("bar({apples: 3, pears: 5})", "pears"),
    ("bar([2, 1], categories: [\"left\", \"right\"])", "right"),
    ("imshow(eye(5))", "+---"), ("imshow(rand([6, 8, 3]))", "+---"), ("imshow(rand([3, 6, 8]))", "+---"),
    ("imshow(tensor([[[255, 0, 0]]], dtype: \"int\"))", "+---"), ("imshow([[1, 2], [3, 4]])", "+---"),
    ("band([[1, 2, 3, 4], [2, 3, 4, 5], [0, 1, 2]], label: \"mean ± std\")", "mean"),
    ("band(arange(4), randn([5, 4]))", "+---"),
  ])
  func everyKindRendersAsText(_ source: String, _ expected: String) throws {
    let harness = try PlotHarness()
    let value = try #require(try harness.run(source))
    let text = Display.text(of: value)
    #expect(text.contains(expected), "\(source)\n\(text)")
    #expect(text.split(separator: "\n").count >= 10, "\(text)")
    let rendered = try #require(try harness.run("let f = \(source)\nf.render(60, 16)"))
    #expect(rendered.description.split(separator: "\n", omittingEmptySubsequences: false).count == 17)
  }

  @Test func metricLogsStackOnePanelPerMetricAgainstStep() throws {
    let harness = try PlotHarness()
    try harness.run("""
      let log = []
      for i in 0..30 { log.append({step: i * 10, reward: i / 30, response_length: 200 - i, note: "text is skipped"}) }
      let fig = plot(log, ["reward", "response_length"], ema: 0.6)
      let all = plot(log)
      """)
    #expect(harness.printed("print(fig.panels, fig.layout, all.panels, [fig])") == "2 [2, 1] 2 [<figure: 2 panels, 2 series>]\n")
    // At top level a figure prints in full: it draws itself.
    #expect(harness.printed("print(fig)").contains("response_length"))
    let text = Display.text(of: try #require(harness.interpreter.global("fig")))
    #expect(text.contains("reward") && text.contains("response_length") && text.contains("step"))
  }

  @Test func subplotsAndMultiplotLayOutPanels() throws {
    let harness = try PlotHarness()
    let result = harness.printed("""
      let a = plot([1, 2], title: "loss")
      let b = plot([2, 1], title: "reward")
      let grid = subplots(a, b, hist([1, 2, 2]), columns: 2, title: "run 3")
      print([grid], grid.layout, multiplot([a, b]).layout, subplots(a, b, rows: 1).layout)
      print(grid.render(100, 30).contains("reward"))
      """)
    #expect(result == "[<figure \"run 3\": 3 panels, 3 series>] [2, 2] [2, 1] [1, 2]\ntrue\n")
  }

  @Test func decorationsAreFieldsAndSetChains() throws {
    let harness = try PlotHarness()
    let result = harness.printed("""
      let f = plot([1, 10, 100], title: "t", xlabel: "step", logy: true, yrange: [1, nil], legend: "top left", grid: true)
      print(f.title, f.xlabel, f.ylabel, f.logx, f.logy, f.yrange, f.xrange, f.legend, f.grid)
      f.title = "loss"; f.ylabel = "value"; f.logy = false; f.xrange = [0, 2]; f.legend = "none"; f.layout = [1, 1]
      print(f.title, f.ylabel, f.logy, f.xrange, f.legend, f.layout)
      print(f.set(title: "again", logx: true) == f, f.title, f.logx, f.copy() == f)
      """)
    #expect(result == """
      t step nil false true [1, nil] nil top left true
      loss value false [0, 2] none [1, 1]
      true again true true

      """)
  }

  @Test(arguments: [
    ("plot()", "plot takes (ys), (xs, ys), (log, keys) or a record of series, got 0 data arguments"),
    ("plot(\"x\")", "plot: ys must be a list of numbers or a tensor, got string"),
    ("plot([1, \"a\"])", "plot: ys must hold numbers, got string"),
    ("plot([1, 2], [1])", "plot: cannot draw figure: panel 1, series 1: 2 x values but 1 y values"),
    ("plot(ones([2, 2, 2]))", "plot: ys must be 1-d, got a tensor of shape [2, 2, 2]"),
    ("plot([[1], [2]], labels: [\"a\"])", "plot: 1 labels for 2 series"),
    ("plot([1], smooth: 0)", "bad argument 'smooth' to plot (window of at least 1 expected, got number)"),
    ("plot([1], ema: 1)", "bad argument 'ema' to plot (weight in [0, 1) expected, got number)"),
    ("plot([1], smooth: 2, ema: 0.5)", "plot: pass smooth: or ema:, not both"),
    ("plot([1], colour: \"red\")", "unknown label 'colour' in call to plot"),
    ("plot([1], logy: 1)", "figure logy must be a bool, got number"),
    ("plot([1], yrange: [2, 1])", "plot: cannot draw figure: panel 1: y range [2.0, 1.0] is empty"),
    ("plot([1], xrange: 3)", "figure xrange must be [low, high] (either may be nil) or nil, got number"),
    ("plot([1], legend: \"middle\")", "figure legend must be one of \"auto\", \"none\", \"top left\", \"top right\", \"bottom left\", \"bottom right\", \"outside\", got \"middle\""),
    ("plot([{step: 1, reward: 2}], [\"kl\"])", "plot: cannot draw figure: no metric 'kl' in the log (it has: reward, step)"),
    ("plot([{a: 1}, 2])", "plot: a metric log must be a list of records, got a number among them"),
    ("hist(\"x\")", "hist: values must be a list of numbers or a tensor, got string"),
    ("hist([1, 2], bins: 0)", "bad argument 'bins' to hist (bin count in 1...100000 expected, got number)"),
    ("hist([1, 2], range: [3, 1])", "bad argument 'range' to hist ([low, high] with low < high expected, got list)"),
    ("bar([1, 2], categories: [\"a\"])", "bar: 1 categories for 2 values"),
    ("imshow(ones([2, 2, 7]))", "imshow: an image tensor must be [H, W, C] or [C, H, W] with C = 1, 3 or 4, got shape [2, 2, 7]"),
    ("imshow(\"cat.png\")", "imshow: expected a 2-d tensor, an [H, W, C] image tensor or a list of equal-length lists, got string"),
    ("band([1, 2])", "band: runs must be a list of lists or a 2-d tensor"),
    ("subplots()", "subplots: no figures given"),
    ("subplots(1)", "bad argument 'figures' to subplots (figure expected, got number)"),
    ("subplots(plot([1]), plot([2]), plot([3]), rows: 1, columns: 2)", "subplots: a 1×2 grid has room for 2 panels, not 3"),
    ("let f = plot([1]); f.layout = [0, 1]", "figure layout must be [rows, columns] of positive integers, got [0, 1]"),
    ("let f = plot([1]); f.panels = 2", "the figure field 'panels' is read-only"),
    ("save(1, \"x.png\")", "bad argument 'fig' to save (figure expected, got number)"),
    ("save(plot([1]), \"x.txt\")", "cannot save 'x.txt': unknown format (use .png, .svg or .pdf)"),
    ("plot_settings(inline: \"html\")", "bad argument 'inline' to plot_settings (\"text\", \"sixel\" or \"auto\" expected, got string)"),
    ("plot_settings(columns: 5)", "plot_settings: columns must be in 20...400 and rows in 8...200, got 5 × 24"),
    ("hist([1]).update([1, 2], [3])", "hist takes one data argument, got 2"),
    ("subplots(plot([1])).update([1])", "update: this figure was not made from data; pass a figure: fig.update(plot(...))"),
  ])
  func errorMessage(_ source: String, _ expected: String) throws {
    let harness = try PlotHarness()
    #expect(harness.printed("try { \(source) } catch e { print(e.message) }") == expected + "\n", "\(source)")
  }

  // MARK: - gnuplot itself

  @Test func rawGnuplotReturnsItsOutputAndItsErrorsAreCatchable() throws {
    let harness = try PlotHarness()
    #expect(harness.printed("print(gnuplot(\"print 6 * 7\"))") == "42\n\n")
    let result = harness.printed("""
      let caught = try { gnuplot("x = 1\\nplot foo") } catch e { e.message }
      print(caught)
      print(gnuplot("print 2 + 2"))
      """)
    #expect(result == "gnuplot error at line 2: undefined variable: foo\n    in: plot foo\n4\n\n")
  }

  @Test func missingGnuplotIsAClearErrorWithTheInstallHint() throws {
    let harness = try PlotHarness()
    let state = PlotLibrary.state(of: harness.interpreter)
    state.close()
    state.configuration = GnuplotConfiguration.fromEnvironment(["RLNB_GNUPLOT": "/nonexistent"])
    let hint = "gnuplot not found (tried '/nonexistent')\n---> HINT: install it with scripts/setup (or: apt-get install --no-install-recommends gnuplot-nox), or set RLNB_GNUPLOT to the gnuplot executable"
    #expect(harness.printed("try { gnuplot(\"print 1\") } catch e { print(e.message) }") == hint + "\n")
    #expect(harness.printed("try { show(plot([1])) } catch e { print(e.message) }") == hint + "\n")
    // Building a figure needs no gnuplot; showing one without it says why, instead of failing.
    let value = try #require(try harness.run("plot([1, 2])"))
    #expect(Display.text(of: value) == "<figure: 1 panel, 1 series>\n(cannot draw: \(hint))")
    #expect(try PlotLibrary.takeCellFigures(from: harness.interpreter, writingTo: "/nonexistent-dir", stem: "c").isEmpty)
  }

  // MARK: - Files and the notebook recorder

  @Test func saveWritesPNGSVGAndPDFRelativeToTheWorkingDirectory() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let harness = try PlotHarness(directory: directory)
    try harness.run("""
      let fig = plot({a: [1, 3, 2], b: [2, 1, 3]}, title: "curves")
      save(fig, "curves.png")
      fig.save("curves.svg")
      save(subplots(fig, hist(randn([100]))), "grid.pdf")
      """)
    let png = try decodePNG(directory.appendingPathComponent("curves.png").path)
    #expect(png.width == 800 && png.height == 500)
    #expect(png.nonWhiteFraction > 0.005)
    let svg = try String(contentsOf: directory.appendingPathComponent("curves.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<?xml") && svg.contains("curves"))
    let pdf = try Data(contentsOf: directory.appendingPathComponent("grid.pdf"))
    #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
    #expect(PlotLibrary.state(of: harness.interpreter).recorder.count == 0, "saving is not showing")
  }

  @Test func shownFiguresAreWrittenAsPNGsForTheCell() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let harness = try PlotHarness()
    try harness.run("""
      show(plot([1, 2, 3]))
      let rewards = [0.1]
      let live = plot(rewards, title: "live")
      for r in [0.3, 0.2, 0.6] { rewards.append(r); live.update() }
      """)
    // A cell's value is shown by the runner.
    _ = Display.text(of: try #require(try harness.run("imshow(rand([8, 8, 3]))")))
    #expect(harness.output.contains("+---"), "show() draws into the output")
    let paths = try PlotLibrary.takeCellFigures(from: harness.interpreter, writingTo: directory.path, stem: "cell-3")
    #expect(paths.map { ($0 as NSString).lastPathComponent } == ["cell-3-1.png", "cell-3-2.png", "cell-3-3.png"])
    for path in paths {
      let png = try decodePNG(path)
      #expect(png.width == 800 && png.height == 500 && png.nonWhiteFraction > 0.005, "\(path)")
    }
    #expect(try PlotLibrary.takeCellFigures(from: harness.interpreter, writingTo: directory.path, stem: "cell-4").isEmpty)
    // The live figure was recorded once (three files in all), in its final state: four points.
    guard case .native(let live as FigureObject)? = harness.interpreter.global("live") else {
      Issue.record("live is not a figure")
      return
    }
    #expect(live.figure.panels[0].series[0].pointCount == 4)
  }

  @Test func pendingFiguresAreBoundedForSessionsThatNeverTakeThem() throws {
    let harness = try PlotHarness()
    let state = PlotLibrary.state(of: harness.interpreter)
    state.maxPendingFigures = 3
    try harness.run("for i in 1..6 { show(plot([i, i + 1], title: str(i))) }")
    #expect(state.recorder.takeAll().map(\.title) == ["3", "4", "5"], "the newest are kept")
  }

  @Test func aFigureThatOutlivesItsInterpreterPrintsShortAndKeepsNoGnuplot() throws {
    weak var state: PlotState?
    var figure: Value?
    do {
      let interpreter = try Startup.makeInterpreter()
      figure = try interpreter.run("let f = plot([1, 2], title: \"kept\")\nprint(gnuplot(\"print 1\"))\nf")
      state = PlotLibrary.state(of: interpreter)
    }
    #expect(state == nil, "the interpreter owns its plot state and gnuplot session")
    #expect(Display.text(of: try #require(figure))
      == "<figure \"kept\": 1 panel, 1 series>\n(cannot draw: the interpreter that made it has ended)")
  }

  // MARK: - Live figures and settings

  @Test func updateRedrawsInPlaceOnATerminal() throws {
    let harness = try PlotHarness()
    PlotLibrary.state(of: harness.interpreter).outputIsTerminal = true
    PlotLibrary.state(of: harness.interpreter).display.color = TextColor.none
    try harness.run("let xs = [1, 2]\nlet fig = plot(xs)\nfig.update()")
    let first = harness.output
    #expect(first.contains("+---") && !first.hasPrefix("\u{1B}["))
    harness.output = ""
    try harness.run("xs.append(5)\nfig.update()")
    let lines = first.filter { $0 == "\n" }.count
    #expect(harness.output.hasPrefix("\u{1B}[\(lines)F\u{1B}[J"), "moves up over the previous drawing")
    #expect(harness.output.contains(" 5 +"), "the new point is drawn")
    harness.output = ""
    try harness.run("fig.update([9, 8, 7])\nfig.update(plot([0, 100], title: \"replaced\"))")
    #expect(harness.output.contains("replaced") && harness.output.contains("100"))
  }

  @Test func plotSettingsChangeTheInlineTerminal() throws {
    let harness = try PlotHarness()
    let settings = harness.printed("print(plot_settings(inline: \"text\", color: \"ansi\", columns: 50, rows: 20))")
    #expect(settings == "{inline: \"text\", color: \"ansi\", columns: 50, rows: 20}\n")
    let text = Display.text(of: try #require(try harness.run("plot([1, 2, 3])")))
    #expect(text.contains("\u{1B}["), "ANSI colour")
    #expect(text.split(separator: "\n").allSatisfy { $0.filter { $0 != "\u{1B}" }.count < 120 })
    #expect(harness.printed("print(plot_settings(color: \"auto\").color)") == "auto\n")
    // Sixel on request: an image of 9 pixels per column, three fifths as high.
    try harness.run("plot_settings(inline: \"sixel\")")
    let sixel = Display.text(of: try #require(try harness.run("plot([1, 2, 3])")))
    #expect(sixel.hasPrefix("\u{1B}Pq\"1;1;450;270"), "\(sixel.prefix(20).debugDescription)")
  }

  @Test func smoothingHelpersReturnLists() throws {
    let harness = try PlotHarness()
    #expect(harness.printed("print(moving_average([1, 2, 3, 4], 2), ema([1, 1, 1], 0.9), ema(tensor([2, 2])))")
      == "[1, 1.5, 2.5, 3.5] [1, 1, 1] [2, 2]\n")
  }

  @Test func closingTheSessionEndsGnuplotAndTheNextPlotStartsAnother() throws {
    let interpreter = try Startup.makeInterpreter()
    #expect(try interpreter.run("gnuplot(\"print 1\")") == .string("1\n"))
    let first = try #require(PlotLibrary.state(of: interpreter).gnuplot.processIdentifier)
    PlotLibrary.close(in: interpreter)
    #expect(try interpreter.run("gnuplot(\"print 2\")") == .string("2\n"))
    #expect(PlotLibrary.state(of: interpreter).gnuplot.processIdentifier != first)
    PlotLibrary.close(in: interpreter)
  }
}
