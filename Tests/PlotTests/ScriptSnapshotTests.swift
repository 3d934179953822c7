// Snapshot tests of the gnuplot scripts figures become; re-record with RECORD_SNAPSHOTS=1.
import Foundation
import Testing

@testable import Plot

@Suite struct ScriptSnapshotTests {
  @Test(arguments: SampleFigures.all)
  func textScriptMatchesSnapshot(_ sample: SampleFigures.Sample) throws {
    let script = try FigureRenderer(terminal: .text(columns: 80, rows: 24)).script(for: sample.figure)
    #expect(script.attachments.isEmpty)
    try assertSnapshot(script.text, named: "text-\(sample.name)")
  }

  @Test func pngScriptMatchesSnapshot() throws {
    let figure = SampleFigures.all[0].figure
    let script = try FigureRenderer(terminal: .png(width: 640, height: 400), outputPath: "/tmp/reward.png")
      .script(for: figure)
    try assertSnapshot(script.text, named: "png-line")
  }

  @Test func colourTextDrawsRastersAsImages() throws {
    let figure = try #require(SampleFigures.all.first { $0.name == "heatmap" }).figure
    let script = try FigureRenderer(terminal: .text(columns: 80, rows: 24, color: .ansi)).script(for: figure)
    try assertSnapshot(script.text, named: "ansi-heatmap")
  }

  @Test func largeSeriesGoAsBinaryAttachments() throws {
    let x = (0..<5).map(Double.init)
    let figure = Figure([.line([3, 1, 4, 1, 5], x: x, label: "y"), .band(x: x, lower: x, upper: x, center: nil)])
    let script = try FigureRenderer(terminal: .text(columns: 80, rows: 24), dataEncoding: .binary)
      .script(for: figure)
    try assertSnapshot(script.text, named: "binary-line-band")
    #expect(script.attachments == [
      .init(name: "rlnb_1.bin", values: [0, 3, 1, 1, 2, 4, 3, 1, 4, 5]),
      .init(name: "rlnb_2.bin", values: [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]),
    ])
  }

  @Test func automaticEncodingSwitchesAtTheThreshold() throws {
    let renderer = FigureRenderer(terminal: .text(columns: 80, rows: 24), dataEncoding: .automatic(threshold: 3))
    #expect(try renderer.script(for: Figure([.line([1, 2, 3])])).attachments.isEmpty)
    #expect(try renderer.script(for: Figure([.line([1, 2, 3, 4])])).attachments.count == 1)
  }

  @Test func emptySeriesDrawAnEmptyFrame() throws {
    let script = try FigureRenderer(terminal: .text(columns: 80, rows: 24)).script(for: Figure([.line([], label: "reward")]))
    try assertSnapshot(script.text, named: "text-empty")
  }
}

/// Compares `text` with `Snapshots/<name>.gp`; records it instead when `RECORD_SNAPSHOTS=1` or
/// when the file does not exist yet (then the test fails, so a new snapshot is always reviewed).
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".gp")
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    if !recording { Issue.record("recorded new snapshot \(name).gp; review it and run again", sourceLocation: sourceLocation) }
    return
  }
  #expect(text == expected, "script differs from Snapshots/\(name).gp", sourceLocation: sourceLocation)
}
