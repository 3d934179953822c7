// RunStatistics: mean and standard deviation across several runs, step by step.

/// Mean ± standard deviation over several runs of one metric, at each step.
///
/// Runs may have different lengths (a run that stopped early, a crashed seed): step `i` is
/// summarised over the runs that have a finite value there, and `count[i]` says how many did.
/// The standard deviation is the population one (divide by n), so a step reached by a single
/// run has deviation 0 rather than NaN, and the band narrows to that run's line.
public struct RunStatistics: Equatable, Sendable {
  /// Mean at each step, for steps 0 ..< the longest run's length; NaN where no run has a value.
  public var mean: [Double]
  /// Population standard deviation at each step; NaN where no run has a value.
  public var standardDeviation: [Double]
  /// How many runs contributed to each step.
  public var count: [Int]

  /// Summarises `runs`, each a sequence of values by step.
  public init(runs: [[Double]]) {
    let length = runs.map(\.count).max() ?? 0
    var mean = [Double](repeating: .nan, count: length)
    var deviation = [Double](repeating: .nan, count: length)
    var count = [Int](repeating: 0, count: length)
    for step in 0..<length {
      // Welford's update: one pass, no catastrophic cancellation for large, close values.
      var n = 0
      var average = 0.0
      var squares = 0.0
      for run in runs where step < run.count && run[step].isFinite {
        n += 1
        let delta = run[step] - average
        average += delta / Double(n)
        squares += delta * (run[step] - average)
      }
      count[step] = n
      if n > 0 {
        mean[step] = average
        deviation[step] = (squares / Double(n)).squareRoot()
      }
    }
    self.mean = mean
    self.standardDeviation = deviation
    self.count = count
  }

  /// mean − std at each step: the band's lower edge.
  public var lower: [Double] { zip(mean, standardDeviation).map { $0 - $1 } }
  /// mean + std at each step: the band's upper edge.
  public var upper: [Double] { zip(mean, standardDeviation).map { $0 + $1 } }
}
