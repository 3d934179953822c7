// Every figure kind saved as PNG by gnuplot and decoded with libpng; SVG and PDF files too.
import Foundation
import PNGShim
import Testing

@testable import Plot

@Suite struct ImageRenderingTests {
  @Test(arguments: SampleFigures.all)
  func everyKindSavesANonBlankPNG(_ sample: SampleFigures.Sample) throws {
    let session = GnuplotSession()
    defer { session.close() }
    let path = temporaryPath("png")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try session.save(sample.figure, to: path, terminal: .png(width: 320, height: 200))
    let image = try decodePNG(path)
    #expect(image.width == 320 && image.height == 200)
    // Not blank: a good share of pixels differ from the white background, and some are
    // saturated colour (a series or the image), not just black axes and text.
    #expect(image.nonWhiteFraction > 0.01)
    #expect(image.colouredPixels > 20)
  }

  @Test func defaultSizeFollowsTheLayout() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let path = temporaryPath("png")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let subplots = try #require(SampleFigures.all.first { $0.name == "subplots" })
    try session.save(subplots.figure, to: path)
    let image = try decodePNG(path)
    #expect(image.width == 900 && image.height == 500)
  }

  @Test func svgAndPDFFilesAreWritten() throws {
    let session = GnuplotSession()
    defer { session.close() }
    for (format, magic) in [("svg", "<?xml"), ("pdf", "%PDF")] {
      let path = temporaryPath(format)
      defer { try? FileManager.default.removeItem(atPath: path) }
      try session.save(SampleFigures.all[0].figure, to: path)
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(String(decoding: data.prefix(5), as: UTF8.self).hasPrefix(magic), "\(format) header")
    }
  }

  @Test func unwritablePathIsGnuplotsError() {
    let session = GnuplotSession()
    defer { session.close() }
    do {
      try session.save(SampleFigures.all[0].figure, to: "/nonexistent-dir/x.png")
      Issue.record("expected an error")
    } catch {
      guard case .commandFailed(let failure) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(failure.message.contains("cannot open file"))
      #expect(failure.command?.hasPrefix("set output") == true)
    }
  }

  @Test func recordedFiguresAreSavedAsNumberedPNGs() throws {
    let session = GnuplotSession()
    defer { session.close() }
    let recorder = FigureRecorder()
    recorder.record(SampleFigures.all[0].figure)
    recorder.record(SampleFigures.all[3].figure)
    #expect(recorder.count == 2)
    let directory = temporaryPath("figures")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let paths = try session.savePNGs(recorder.takeAll(), in: directory, stem: "cell-3")
    #expect(recorder.count == 0)
    #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["cell-3-1.png", "cell-3-2.png"])
    for path in paths { #expect(try decodePNG(path).width == 800) }
  }
}

// MARK: - Decoding through PNGShim

/// What the tests need to know about a decoded PNG.
struct DecodedPNG {
  var width: Int
  var height: Int
  /// Share of pixels that are not (near) white.
  var nonWhiteFraction: Double
  /// Pixels whose channels differ by more than 80: saturated colour, not gray.
  var colouredPixels: Int
}

func decodePNG(_ path: String) throws -> DecodedPNG {
  var image = pngshim_image()
  var message = [CChar](repeating: 0, count: 256)
  guard pngshim_read_file(path, &image, &message, message.count) == 0 else {
    let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    throw PlotError.ioFailed(operation: "decoding \(path)", reason: text)
  }
  defer { pngshim_free(&image) }
  let channels = Int(image.channels)
  let count = Int(image.width) * Int(image.height)
  let pixels = UnsafeBufferPointer(start: image.pixels, count: count * channels)
  var nonWhite = 0
  var coloured = 0
  for index in 0..<count {
    let rgb = channels >= 3 ? Array(pixels[index * channels..<index * channels + 3]) : [pixels[index * channels]]
    if rgb.contains(where: { $0 < 235 }) { nonWhite += 1 }
    if let high = rgb.max(), let low = rgb.min(), Int(high) - Int(low) > 80 { coloured += 1 }
  }
  return DecodedPNG(
    width: Int(image.width), height: Int(image.height),
    nonWhiteFraction: Double(nonWhite) / Double(max(count, 1)), colouredPixels: coloured)
}

/// A unique path in the temporary directory with the given extension.
func temporaryPath(_ pathExtension: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-plot-test-\(UUID().uuidString).\(pathExtension)").path
}

@Suite struct DecimatedRenderingTests {
  @Test func decimatedLineDrawsTheSamePicture() throws {
    let session = GnuplotSession()
    defer { session.close() }
    var state: UInt64 = 42
    let y = (0..<8_000).map { index -> Double in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(index % 2000) / 2000 + Double(state >> 11) / Double(1 << 53) * 0.2
    }
    let figure = Figure([.line(y, label: "reward")])
    let full = temporaryPath("png")
    let thinned = temporaryPath("png")
    defer {
      try? FileManager.default.removeItem(atPath: full)
      try? FileManager.default.removeItem(atPath: thinned)
    }
    let terminal = Terminal.png(width: 400, height: 250)
    try session.save(figure, to: full, terminal: terminal, decimatesLines: false)
    try session.save(figure, to: thinned, terminal: terminal, decimatesLines: true)
    let difference = try differingPixelFraction(full, thinned)
    #expect(difference < 0.01, "\(difference * 100)% of pixels differ")
  }
}

/// The share of pixels whose gray level differs by more than 64 between two PNGs of one size.
func differingPixelFraction(_ first: String, _ second: String) throws -> Double {
  func gray(_ path: String) throws -> [Int] {
    var image = pngshim_image()
    var message = [CChar](repeating: 0, count: 256)
    guard pngshim_read_file(path, &image, &message, message.count) == 0 else {
      throw PlotError.ioFailed(operation: "decoding \(path)", reason: "libpng")
    }
    defer { pngshim_free(&image) }
    let channels = Int(image.channels)
    let count = Int(image.width) * Int(image.height)
    let pixels = UnsafeBufferPointer(start: image.pixels, count: count * channels)
    return (0..<count).map { index in
      (0..<min(channels, 3)).reduce(0) { $0 + Int(pixels[index * channels + $1]) } / min(channels, 3)
    }
  }
  let (a, b) = (try gray(first), try gray(second))
  guard a.count == b.count, !a.isEmpty else { return 1 }
  return Double(zip(a, b).filter { abs($0 - $1) > 64 }.count) / Double(a.count)
}
