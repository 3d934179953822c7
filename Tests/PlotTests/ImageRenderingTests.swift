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
