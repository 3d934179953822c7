// Tests of histogram binning: counts, edges, ranges and degenerate inputs.
import Testing

@testable import Plot

@Suite struct HistogramTests {
  @Test func countsValuesIntoEqualBins() {
    let histogram = Histogram([0, 1, 1, 2, 3, 4], bins: 4)
    #expect(histogram.width == 1)
    #expect(histogram.centers == [0.5, 1.5, 2.5, 3.5])
    // [0,1) [1,2) [2,3) [3,4]: the upper edge counts in the last bin.
    #expect(histogram.counts == [1, 2, 1, 2])
  }

  @Test func explicitRangeDropsValuesOutsideIt() {
    let histogram = Histogram([-5, 0, 0.5, 1, 9], bins: 2, range: 0...1)
    #expect(histogram.counts == [1, 2])
    #expect(histogram.centers == [0.25, 0.75])
  }

  @Test func defaultBinCountFollowsSturges() {
    #expect(Histogram((0..<1000).map(Double.init)).counts.count == 11)  // ⌈log₂ 1000⌉ + 1
    #expect(Histogram([1]).counts.count == 1)
  }

  @Test func constantAndEmptyInputsStillGiveVisibleBins() {
    let constant = Histogram([3, 3, 3], bins: 1)
    #expect(constant.centers == [3])
    #expect(constant.width == 1)
    #expect(constant.counts == [3])
    let empty = Histogram([.nan, .infinity], bins: 2)
    #expect(empty.counts == [0, 0])
    #expect(empty.width > 0)
  }
}
