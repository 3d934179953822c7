// Tests of mean ± std over runs of different lengths, and of the band series built from it.
import Testing

@testable import Plot

@Suite struct RunStatisticsTests {
  @Test func meanAndPopulationStdPerStep() {
    let statistics = RunStatistics(runs: [[1, 2, 3], [3, 4, 5]])
    #expect(statistics.mean == [2, 3, 4])
    #expect(statistics.standardDeviation == [1, 1, 1])
    #expect(statistics.count == [2, 2, 2])
    #expect(statistics.lower == [1, 2, 3])
    #expect(statistics.upper == [3, 4, 5])
  }

  @Test func runsOfDifferentLengthsUseTheRunsThatReachEachStep() {
    let statistics = RunStatistics(runs: [[0, 10, 20, 30], [2, 12], []])
    #expect(statistics.mean == [1, 11, 20, 30])
    #expect(statistics.standardDeviation == [1, 1, 0, 0])
    #expect(statistics.count == [2, 2, 1, 1])
  }

  @Test func nonFiniteValuesAreLeftOutAndEmptyStepsAreNaN() {
    let statistics = RunStatistics(runs: [[.nan, 4], [.nan, .infinity]])
    #expect(statistics.mean[0].isNaN && statistics.standardDeviation[0].isNaN)
    #expect(statistics.count == [0, 1])
    #expect(statistics.mean[1] == 4)
  }

  @Test func noRunsGiveEmptyStatistics() {
    let statistics = RunStatistics(runs: [])
    #expect(statistics.mean.isEmpty && statistics.count.isEmpty)
  }

  @Test func largeCloseValuesKeepTheirDeviation() {
    // Welford's update keeps the small spread of values near 1e9 exactly.
    let statistics = RunStatistics(runs: [[1e9 + 1], [1e9 + 3]])
    #expect(statistics.standardDeviation == [1])
  }

  @Test func bandSeriesCarriesMeanAndEdges() {
    let series = Series.band(runs: [[1, 2], [3, 6]], label: "reward")
    #expect(series.kind == .band(x: [0, 1], lower: [1, 2], upper: [3, 6], center: [2, 4]))
    #expect(series.label == "reward")
  }
}
