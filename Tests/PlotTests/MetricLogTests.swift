// Tests of metric logs: rows and columns, missing values, steps, and figures built from them.
import Testing

@testable import Plot

@Suite struct MetricLogTests {
  let log = MetricLog(rows: [
    ["step": 10, "reward": 0.1, "response_length": 120],
    ["step": 20, "reward": nil, "response_length": 130],
    ["step": 30, "reward": 0.5],
    ["reward": 0.7],
  ])

  @Test func seriesSkipsMissingValuesAndUsesSteps() {
    let reward = log.series("reward")
    #expect(reward.x == [10, 30, 3])  // the last row has no step: its index stands in
    #expect(reward.y == [0.1, 0.5, 0.7])
    let length = log.series("response_length")
    #expect(length.x == [10, 20])
    #expect(length.y == [120, 130])
    #expect(log.keys == ["response_length", "reward", "step"])
  }

  @Test func columnsBecomeRows() {
    let columns = MetricLog(columns: ["step": [1, 2, 3], "kl": [0.01, nil]])
    #expect(columns.rows.count == 3)
    #expect(columns.series("kl").x == [1])
    #expect(columns.series("step", x: "none").y == [1, 2, 3])
  }

  @Test func metricsFigureHasOnePanelPerMetric() throws {
    let figure = try Figure(metrics: log, keys: ["reward", "response_length"])
    #expect(figure.layout == Layout(rows: 2, columns: 1))
    #expect(figure.panels.map(\.title) == ["reward", "response_length"])
    #expect(figure.panels[0].xAxis.label == "step")
    #expect(figure.panels[0].series == [.line([0.1, 0.5, 0.7], x: [10, 30, 3])])
  }

  @Test func metricsFigureCanSmooth() throws {
    let figure = try Figure(metrics: log, keys: ["reward"], smoothing: .movingAverage(window: 2))
    #expect(figure.panels[0].series[0].kind == .line(x: [10, 30, 3], y: movingAverage([0.1, 0.5, 0.7], window: 2)))
  }

  @Test func unknownMetricNamesTheKnownOnes() {
    #expect(throws: PlotError.invalidFigure(
      "no metric 'loss' in the log (it has: response_length, reward, step)")
    ) { try Figure(metrics: log, keys: ["reward", "loss"]) }
    #expect(throws: PlotError.invalidFigure("no metric names given")) { try Figure(metrics: log, keys: []) }
  }
}
