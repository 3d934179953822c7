import Plot
let s = GnuplotSession()
let ys = (0..<50).map { Double($0) * 0.1 }.map { $0 * $0 }
var f = Figure([.line(ys, label: "reward_mean"), .scatter(ys.map { $0 / 2 }, label: "half"), .band(runs: [ys, ys.map { $0 + 3 }, ys.map { $0 - 1 }], label: "runs")], title: "Title", xLabel: "step", yLabel: "value")
do {
  print(try s.render(f, on: .text(columns: 80, rows: 24)))
  let g = Figure.subplots([
    Panel([.histogram((0..<1000).map { Double(($0 * 7919) % 1000) / 100 }, label: "h")], title: "hist"),
    Panel([.bar([3, 1, 2], categories: ["a b", "c\"d", "e"], label: "b1"), .bar([1, 2, 3], label: "b2")], title: "bars"),
    Panel([.heatmap(Matrix([[1, 2, 3], [4, 5, 6]]), label: "heat")], title: "heat"),
    Panel([.image(Image(width: 4, height: 3, channels: 3, pixels: (0..<36).map { UInt8($0 * 7) }))], title: "img"),
  ], rows: 2, columns: 2, title: "Overall")
  print(try s.render(g, on: .text(columns: 100, rows: 40)))
  try s.save(g, to: "/tmp/gpx/g.png")
  try s.save(f, to: "/tmp/gpx/f.png")
  print(try FigureRenderer(terminal: .text(columns: 80, rows: 24)).script(for: g).text)
} catch { print("ERROR: \(error)") }
