// Sample figures of every kind, shared by the snapshot, text and PNG tests.
import Foundation
import Testing

@testable import Plot

/// One figure per kind of series, plus decorations and layouts, small and deterministic.
enum SampleFigures {
  /// A named figure, with the labels the drawing must show.
  struct Sample: Sendable, CustomTestStringConvertible {
    var name: String
    var figure: Figure
    /// Text every rendering must contain (legend labels, titles).
    var labels: [String]
    /// Characters a monochrome text rendering must contain (series markers).
    var markers: [Character]
    var testDescription: String { name }
  }

  static let steps = (0..<40).map(Double.init)
  static let reward = steps.map { 1 - 1 / (1 + $0 / 8) }

  static let all: [Sample] = [
    Sample(
      name: "line",
      figure: Figure([.line(reward, label: "reward_mean")], title: "Reward", xLabel: "step", yLabel: "reward"),
      labels: ["Reward", "reward_mean", "step", "reward"], markers: ["*"]),
    Sample(
      name: "lines",
      figure: Figure([.line(reward, label: "train"), .line(reward.map { $0 * 0.8 }, label: "eval")]),
      labels: ["train", "eval"], markers: ["*", "#"]),
    Sample(
      name: "scatter",
      figure: Figure([.scatter(steps.map { ($0 * 7).truncatingRemainder(dividingBy: 11) }, x: steps, label: "accuracy")]),
      labels: ["accuracy"], markers: ["G"]),
    Sample(
      name: "histogram",
      figure: Figure([.histogram(steps.map { ($0 * 13).truncatingRemainder(dividingBy: 17) }, bins: 6, label: "advantage")]),
      labels: ["advantage"], markers: ["*"]),
    Sample(
      name: "bar",
      figure: Figure(
        [.bar([0.62, 0.48, 0.71], categories: ["MathVerse", "MathVista", "We-Math"], label: "accuracy")],
        title: "Benchmarks"),
      labels: ["MathVerse", "MathVista", "We-Math", "Benchmarks", "accuracy"], markers: ["*"]),
    Sample(
      name: "heatmap",
      figure: Figure(
        [.heatmap(Matrix(rows: 4, columns: 5, values: (0..<20).map { Double($0) }), label: "attention")],
        title: "Attention"),
      labels: ["Attention"], markers: ["@", "."]),
    Sample(
      name: "image",
      figure: Figure([.image(testImage)], title: "Input image"),
      labels: ["Input image"], markers: ["%", ":"]),
    Sample(
      name: "band",
      figure: Figure([.band(runs: [reward, reward.map { $0 + 0.1 }, reward.map { $0 - 0.05 }], label: "3 seeds")]),
      labels: ["3 seeds"], markers: ["*"]),
    Sample(
      name: "decorated",
      figure: {
        var panel = Panel(
          [.line(steps.map { pow(2, $0 / 4) }, x: steps.map { $0 + 1 }, label: "kl")], title: "KL", xLabel: "step",
          yLabel: "kl", legend: .topLeft, showsGrid: true)
        panel.yAxis.scale = .log
        panel.xAxis.range = AxisRange(1...30)
        return Figure(panel)
      }(),
      labels: ["KL", "kl", "step"], markers: ["*"]),
    Sample(
      name: "subplots",
      figure: .subplots(
        [
          Panel([.line(reward, label: "reward")], title: "reward"),
          Panel([.line(reward.map { 100 + 50 * $0 }, label: "length")], title: "response_length"),
        ], rows: 1, columns: 2, title: "Training"),
      labels: ["Training", "reward", "response_length", "length"], markers: ["*"]),
  ]

  /// A 6 × 4 RGB image with a bright, saturated corner.
  static let testImage = Image(
    width: 6, height: 4, channels: 3,
    pixels: (0..<24).flatMap { pixel -> [UInt8] in
      let (row, column) = (pixel / 6, pixel % 6)
      return [UInt8(255 - column * 40), UInt8(row * 80), UInt8(column * 50)]
    })
}
