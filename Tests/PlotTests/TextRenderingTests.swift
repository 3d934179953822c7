// Every figure kind drawn by gnuplot on the text terminal, checked for its markers and labels.
import Testing

@testable import Plot

@Suite struct TextRenderingTests {
  @Test(arguments: SampleFigures.all)
  func everyKindDrawsItsMarkersAndLabels(_ sample: SampleFigures.Sample) throws {
    let session = GnuplotSession()
    defer { session.close() }
    let text = try session.render(sample.figure, on: .text(columns: 100, rows: 30))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count >= 30, "a 30-row plot has 30 lines (and a final newline)")
    #expect(text.hasSuffix("\n"))
    for label in sample.labels {
      #expect(text.contains(label), "missing label '\(label)'")
    }
    // Markers are looked for inside the frame, where only data is drawn: the lines between the
    // top and bottom borders, without the frame's own characters.
    let plotArea = lines.filter { $0.contains("|") }.map { line in
      line.drop(while: { $0 != "|" }).dropFirst().prefix(while: { $0 != "|" })
    }.joined()
    for marker in sample.markers {
      #expect(plotArea.contains(marker), "missing series marker '\(marker)'")
    }
  }

  @Test func colourTextUsesANSIEscapes() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let text = try session.render(SampleFigures.all[1].figure, on: .text(columns: 80, rows: 20, color: .ansi))
    #expect(text.contains("\u{1B}["))
    #expect(!text.contains("\u{0C}"), "nofeed: no form feed before the plot")
    let mono = try session.render(SampleFigures.all[1].figure, on: .text(columns: 80, rows: 20))
    #expect(!mono.contains("\u{1B}"))
  }

  @Test func largeSeriesDrawThroughBinaryFiles() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let y = (0..<20_000).map { Double($0 % 1000) }
    let figure = Figure([.line(y, label: "sawtooth"), .scatter(y.map { -$0 }, label: "mirror")])
    let text = try session.render(figure, on: .text(columns: 80, rows: 24), decimatesLines: false)
    #expect(text.contains("sawtooth") && text.contains("mirror"))
    #expect(text.contains("20000"), "the x axis reaches the last point")
    #expect(text.contains("-1000"), "the mirrored points reach -1000")
  }

  @Test func sixelOutputIsASixelStream() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let sixel = try session.render(SampleFigures.all[0].figure, on: .sixel(width: 200, height: 120))
    #expect(sixel.hasPrefix("\u{1B}P"), "a DCS sequence starts the image")
    #expect(sixel.contains("\u{1B}\\"), "and a string terminator ends it")
  }

  @Test func emptyFigureDrawsAFrame() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let text = try session.render(Figure([.line([], label: "reward")]), on: .text(columns: 40, rows: 10))
    #expect(text.contains("+---"))
  }

  @Test func fileTerminalsAreRefusedInline() {
    let session = GnuplotSession()
    #expect(throws: PlotError.self) { try session.render(Figure([.line([1])]), on: .png(width: 10, height: 10)) }
  }
}
