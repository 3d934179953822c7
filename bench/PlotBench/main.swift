// PlotBench: time to plot 10k and 1M points inline (dumb) and to PNG, per data encoding.
//
// Run: swift run -c release PlotBench [--quick]
// Prints a Markdown table for bench/README.md. Each case runs in one warm gnuplot session, as
// the REPL does; the time covers building the script in Swift, writing it, and gnuplot
// reading the data and drawing (and, for PNG, writing the file).
import Foundation
import Plot

/// A deterministic noisy training curve: a slow sine plus uniform noise from an LCG.
func curve(_ count: Int) -> [Double] {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  return (0..<count).map { index in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let noise = Double(state >> 11) / Double(1 << 53)
    return sin(Double(index) * 0.000_1) + 0.3 * noise
  }
}

struct Case {
  var points: Int
  var target: String
  var encoding: DataEncoding
  var decimates: Bool
  var repeats: Int
}

func name(_ encoding: DataEncoding) -> String {
  switch encoding {
  case .text: "text datablock"
  case .binary: "binary file"
  case .automatic(let threshold): "automatic (\(threshold))"
  }
}

func milliseconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

let quick = CommandLine.arguments.contains("--quick")
let session = GnuplotSession()
defer { session.close() }
let clock = ContinuousClock()
let output = FileManager.default.temporaryDirectory.appendingPathComponent("plotbench-\(getpid()).png").path
defer { try? FileManager.default.removeItem(atPath: output) }

var cases: [Case] = []
for points in [10_000, 1_000_000] {
  let repeats = points > 100_000 ? (quick ? 1 : 3) : (quick ? 3 : 10)
  for target in ["dumb 80×24", "pngcairo 800×500"] {
    for encoding in [DataEncoding.text, .binary] {
      cases.append(Case(points: points, target: target, encoding: encoding, decimates: true, repeats: repeats))
      // Without decimation cairo draws every segment: seconds per million-point PNG.
      let slow = points > 100_000 && target.hasPrefix("png")
      if !slow || !quick {
        cases.append(Case(points: points, target: target, encoding: encoding, decimates: false, repeats: slow ? 1 : repeats))
      }
    }
  }
}

do {
  // Warm up: start gnuplot and load its fonts once, as a REPL session would have.
  _ = try session.render(Figure([.line([1, 2, 3])]), on: .text(columns: 80, rows: 24))
  try session.save(Figure([.line([1, 2, 3])]), to: output, terminal: .png(width: 800, height: 500))

  print("| points | target | data | decimation | script (ms) | total (ms, median) |")
  print("|---:|---|---|---|---:|---:|")
  for benchCase in cases {
    let figure = Figure([.line(curve(benchCase.points), label: "reward")], title: "bench")
    let isPNG = benchCase.target.hasPrefix("png")
    let terminal: Terminal = isPNG ? .png(width: 800, height: 500) : .text(columns: 80, rows: 24)
    let renderer = FigureRenderer(
      terminal: terminal, outputPath: isPNG ? output : nil, dataEncoding: benchCase.encoding,
      decimatesLines: benchCase.decimates)
    let scriptStart = clock.now
    _ = try renderer.script(for: figure)
    let scriptTime = milliseconds(clock.now - scriptStart)
    var times: [Double] = []
    for _ in 0..<benchCase.repeats {
      let start = clock.now
      if isPNG {
        try session.save(
          figure, to: output, terminal: terminal, dataEncoding: benchCase.encoding,
          decimatesLines: benchCase.decimates)
      } else {
        _ = try session.render(
          figure, on: terminal, dataEncoding: benchCase.encoding, decimatesLines: benchCase.decimates)
      }
      times.append(milliseconds(clock.now - start))
    }
    let median = times.sorted()[times.count / 2]
    let points = benchCase.points >= 1_000_000 ? "1M" : "\(benchCase.points / 1000)k"
    print(
      "| \(points) | \(benchCase.target) | \(name(benchCase.encoding)) | \(benchCase.decimates ? "on" : "off") "
        + "| \(String(format: "%.1f", scriptTime)) | \(String(format: "%.1f", median)) |")
  }
} catch {
  FileHandle.standardError.write(Data("PlotBench: \(error)\n".utf8))
  exit(1)
}
