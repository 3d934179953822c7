// Series+Builders: the short ways to make each kind of series from plain arrays.

extension Series {
  /// A line through `y` against `x`, or against 0, 1, 2… when `x` is nil.
  public static func line(_ y: [Double], x: [Double]? = nil, label: String? = nil) -> Series {
    Series(.line(x: x ?? indices(y.count), y: y), label: label)
  }

  /// Points at (`x[i]`, `y[i]`), or against 0, 1, 2… when `x` is nil.
  public static func scatter(_ y: [Double], x: [Double]? = nil, label: String? = nil) -> Series {
    Series(.scatter(x: x ?? indices(y.count), y: y), label: label)
  }

  /// A histogram of `values` in `bins` equal bins over `range` (default: the finite values'
  /// extent; bins: Sturges' rule). Non-finite values are left out.
  public static func histogram(
    _ values: [Double], bins: Int? = nil, range: ClosedRange<Double>? = nil, label: String? = nil
  ) -> Series {
    Series(.histogram(Histogram(values, bins: bins, range: range)), label: label)
  }

  /// One bar per value, labelled with `categories` (default "0", "1", …).
  public static func bar(_ values: [Double], categories: [String]? = nil, label: String? = nil) -> Series {
    Series(.bar(categories: categories ?? (0..<values.count).map(String.init), values: values), label: label)
  }

  /// A matrix drawn as coloured cells with a colour bar, row 0 at the top.
  public static func heatmap(_ matrix: Matrix, label: String? = nil) -> Series {
    Series(.heatmap(matrix), label: label)
  }

  /// An image drawn pixel for pixel.
  public static func image(_ image: Image, label: String? = nil) -> Series {
    Series(.image(image), label: label)
  }

  /// The mean of several runs as a line, inside a shaded band of ± one standard deviation.
  /// Runs may have different lengths; step `i` averages the runs that reach it (`RunStatistics`).
  public static func band(runs: [[Double]], x: [Double]? = nil, label: String? = nil) -> Series {
    let statistics = RunStatistics(runs: runs)
    let steps = x.map { Array($0.prefix(statistics.mean.count)) } ?? indices(statistics.mean.count)
    return Series(
      .band(x: steps, lower: statistics.lower, upper: statistics.upper, center: statistics.mean),
      label: label)
  }

  /// A shaded band between `lower` and `upper`, with an optional `center` line.
  public static func band(
    x: [Double], lower: [Double], upper: [Double], center: [Double]? = nil, label: String? = nil
  ) -> Series {
    Series(.band(x: x, lower: lower, upper: upper, center: center), label: label)
  }

  /// 0, 1, 2, … as doubles: the default x of a series.
  static func indices(_ count: Int) -> [Double] {
    (0..<count).map(Double.init)
  }
}
