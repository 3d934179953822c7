// Tests of the smoothing helpers: moving average and TensorBoard's debiased EMA.
import Testing

@testable import Plot

@Suite struct SmoothingTests {
  @Test func movingAverageAveragesTheTrailingWindow() {
    #expect(movingAverage([1, 2, 3, 4, 5], window: 2) == [1, 1.5, 2.5, 3.5, 4.5])
    #expect(movingAverage([1, 2, 3, 4, 5], window: 3) == [1, 1.5, 2, 3, 4])
  }

  @Test(arguments: [0, 1, -3])
  func windowOfOneOrLessReturnsTheInput(window: Int) {
    #expect(movingAverage([3, 1, 4, 1, 5], window: window) == [3, 1, 4, 1, 5])
  }

  @Test func movingAverageSkipsNonFiniteValues() {
    let result = movingAverage([2, .nan, 4, .infinity, .nan, .nan], window: 2)
    #expect(result[0] == 2)
    #expect(result[1] == 2)  // only the 2 is finite in [2, NaN]
    #expect(result[2] == 4)
    #expect(result[3] == 4)
    #expect(result[4].isNaN)  // [inf, NaN]: nothing finite, a gap
    #expect(result[5].isNaN)
  }

  @Test func movingAverageOfAWindowLongerThanTheSeriesIsTheRunningMean() {
    #expect(movingAverage([2, 4, 6], window: 10) == [2, 3, 4])
    #expect(movingAverage([], window: 3) == [])
  }

  @Test func exponentialAverageIsDebiased() {
    // s1 = 0.5·0 + 0.5·0 = 0, /(1 − 0.5) = 0; s2 = 0.5·0 + 0.5·2 = 1, /(1 − 0.25) = 4/3.
    let result = exponentialMovingAverage([0, 2], weight: 0.5)
    #expect(result[0] == 0)
    #expect(abs(result[1] - 4.0 / 3.0) < 1e-12)
    // A constant stays constant from the first point: no ramp up from zero.
    #expect(exponentialMovingAverage([5, 5, 5, 5], weight: 0.9).allSatisfy { abs($0 - 5) < 1e-12 })
  }

  @Test func exponentialAverageWithWeightZeroIsTheInput() {
    #expect(exponentialMovingAverage([3, -1, 7], weight: 0) == [3, -1, 7])
    #expect(exponentialMovingAverage([3, -1, 7], weight: -2) == [3, -1, 7])
    #expect(exponentialMovingAverage([3, -1, 7], weight: .nan) == [3, -1, 7])
  }

  @Test func exponentialAverageLeavesGapsAndIgnoresThem() {
    let result = exponentialMovingAverage([4, .nan, 4], weight: 0.5)
    #expect(result[0] == 4)
    #expect(result[1].isNaN)
    #expect(result[2] == 4)
  }

  @Test func smoothingEnumAppliesTheMatchingFunction() {
    let values: [Double] = [1, 3, 2, 5, 4]
    #expect(Smoothing.movingAverage(window: 2).apply(to: values) == movingAverage(values, window: 2))
    #expect(Smoothing.exponential(weight: 0.6).apply(to: values) == exponentialMovingAverage(values, weight: 0.6))
  }
}
