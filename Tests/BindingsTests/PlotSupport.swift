// Helpers for the plot binding tests: one shared gnuplot session, interpreters, PNG decoding.

import Bindings
import Foundation
import Lang
import PNGShim
import Plot

/// One gnuplot process for every plot test (sessions serialise their calls), so the suite
/// pays gnuplot's start-up once; closed at exit, which also removes its temporary directory.
let sharedGnuplot: GnuplotSession = {
  let session = GnuplotSession()
  atexit { sharedGnuplot.close() }
  return session
}()

/// An interpreter drawing through the shared session on plain 80 × 24 text, as a notebook run
/// (not a terminal) would; its printed output is collected in `output`.
final class PlotHarness {
  let interpreter: Interpreter
  var output = ""

  init(directory: URL? = nil) throws {
    interpreter = try Startup.makeInterpreter()
    interpreter.workingDirectory = directory?.path
    let state = PlotLibrary.state(of: interpreter)
    state.use(sharedGnuplot)
    state.screen = TerminalSize(columns: 80, rows: 24)
    state.outputIsTerminal = false
    state.display = InlineDisplay(mode: .text, color: TextColor.none)
    interpreter.output = { [unowned self] in self.output += $0 }
  }

  /// Runs `source`; returns its value, or throws the language error.
  @discardableResult
  func run(_ source: String) throws -> Value? {
    try interpreter.run(source, file: "t.rlnb")
  }

  /// Runs `source` and returns what it printed, or the error message.
  func printed(_ source: String) -> String {
    output = ""
    do {
      try interpreter.run(source, file: "t.rlnb")
      return output
    } catch {
      return output + "error: " + error.message
    }
  }
}

/// A decoded PNG: its size and how much of it is drawn on.
struct DecodedPNG {
  var width: Int
  var height: Int
  /// The share of pixels that are not (near) white.
  var nonWhiteFraction: Double
}

/// Decodes a PNG file with libpng.
func decodePNG(_ path: String) throws -> DecodedPNG {
  var image = pngshim_image()
  var message = [CChar](repeating: 0, count: 256)
  guard pngshim_read_file(path, &image, &message, message.count) == 0, let pixels = image.pixels else {
    throw DecodeError(message: String(cString: message))
  }
  defer { pngshim_free(&image) }
  let (width, height, channels) = (Int(image.width), Int(image.height), Int(image.channels))
  var drawn = 0
  for pixel in 0..<(width * height) {
    let base = pixel * channels
    let darkest = (0..<min(channels, 3)).map { pixels[base + $0] }.min() ?? 255
    if darkest < 230 { drawn += 1 }
  }
  return DecodedPNG(width: width, height: height, nonWhiteFraction: Double(drawn) / Double(max(width * height, 1)))
}

struct DecodeError: Error {
  var message: String
}
