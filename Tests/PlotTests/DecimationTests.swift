// Tests of min/max (M4) decimation of long line series.
import Testing

@testable import Plot

@Suite struct DecimationTests {
  @Test func keepsFirstLowestHighestAndLastOfEachBucket() throws {
    // 100 points, 10 buckets of 10: a spike and a dip in the third bucket must survive.
    let x = (0..<100).map(Double.init)
    var y = x.map { _ in 0.0 }
    y[23] = 9
    y[27] = -4
    let thinned = try #require(decimateLine(x: x, y: y, buckets: 10))
    #expect(thinned.x.count <= 40)
    #expect(thinned.y.max() == 9 && thinned.y.min() == -4)
    #expect(thinned.x.first == 0 && thinned.x.last == 99)
    #expect(thinned.x == thinned.x.sorted())  // original order kept
    let bucket = zip(thinned.x, thinned.y).filter { (20..<30).contains($0.0) }.map(\.0)
    #expect(bucket == [20, 23, 27, 29])
  }

  @Test func shortOrUnsuitableSeriesAreLeftAlone() {
    let x = (0..<100).map(Double.init)
    #expect(decimateLine(x: x, y: x, buckets: 25) == nil)  // not more than 4 per bucket
    #expect(decimateLine(x: x.reversed(), y: x, buckets: 5) == nil)  // x must not decrease
    var gap = x
    gap[50] = .nan
    #expect(decimateLine(x: x, y: gap, buckets: 5) == nil)  // a gap must not be bridged
  }

  @Test func millionPointsBecomeAtMostFourPerBucket() throws {
    let x = (0..<1_000_000).map(Double.init)
    let y = x.map { ($0 * 0.001).truncatingRemainder(dividingBy: 7) }
    let thinned = try #require(decimateLine(x: x, y: y, buckets: 800))
    #expect(thinned.x.count <= 3200)
    #expect(thinned.y.max() == y.max() && thinned.y.min() == y.min())
  }
}
