// Series: one thing drawn in a panel (a line, points, bars, an image, a band) and its data.

/// One data series in a panel: what kind of mark it is, its data, and its legend label.
///
/// Build series with the static functions (`.line`, `.scatter`, `.histogram`, `.bar`,
/// `.heatmap`, `.image`, `.band`); they take plain `[Double]` arrays, never tensors, so Plot
/// knows nothing of the layers above it.
public struct Series: Equatable, Sendable {
  /// The mark and its data.
  public var kind: Kind
  /// The legend entry; nil leaves the series out of the legend.
  public var label: String?
  /// A gnuplot colour (`"#1f77b4"`, `"dark-red"`); nil takes the panel's next line type.
  public var color: String?

  /// Creates a series of the given kind.
  public init(_ kind: Kind, label: String? = nil, color: String? = nil) {
    self.kind = kind
    self.label = label
    self.color = color
  }

  /// The kinds of mark a series can be, each with the data it needs.
  public enum Kind: Equatable, Sendable {
    /// Points joined by straight lines, in order.
    case line(x: [Double], y: [Double])
    /// Unjoined points.
    case scatter(x: [Double], y: [Double])
    /// Bins already counted: boxes of `width` centred on `centers` with heights `counts`.
    case histogram(Histogram)
    /// One bar per category; several bar series in a panel are drawn side by side.
    case bar(categories: [String], values: [Double])
    /// A matrix drawn as coloured cells, row 0 at the top (like `imshow`).
    case heatmap(Matrix)
    /// An image drawn pixel for pixel, row 0 at the top.
    case image(Image)
    /// A shaded area between `lower` and `upper`, with an optional `center` line on top
    /// (mean ± std over runs).
    case band(x: [Double], lower: [Double], upper: [Double], center: [Double]?)
  }

  /// The number of data points, for deciding how to send the data.
  public var pointCount: Int {
    switch kind {
    case .line(_, let y), .scatter(_, let y): y.count
    case .histogram(let histogram): histogram.counts.count
    case .bar(_, let values): values.count
    case .heatmap(let matrix): matrix.values.count
    case .image(let image): image.width * image.height
    case .band(let x, _, _, _): x.count
    }
  }
}

/// A row-major matrix of values, for heatmaps.
public struct Matrix: Equatable, Sendable {
  /// Number of rows (drawn top to bottom).
  public var rows: Int
  /// Number of columns (drawn left to right).
  public var columns: Int
  /// `rows * columns` values, row by row.
  public var values: [Double]

  /// Creates a matrix; drawing checks that `values.count == rows * columns`.
  public init(rows: Int, columns: Int, values: [Double]) {
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix from equal-length rows; ragged rows are caught when drawing.
  public init(_ rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    self.rows = rows.count
    self.columns = columns
    self.values = rows.allSatisfy({ $0.count == columns }) ? rows.flatMap { $0 } : []
  }
}

/// An 8-bit image: gray, RGB or RGBA pixels, rows top to bottom (PNGShim's layout).
public struct Image: Equatable, Sendable {
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int
  /// 1 (gray), 3 (RGB) or 4 (RGBA).
  public var channels: Int
  /// `width * height * channels` bytes, row by row, channels interleaved.
  public var pixels: [UInt8]

  /// Creates an image from 8-bit samples.
  public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }

  /// Creates an image from samples in [0, 1] (a float tensor's layout), clamping each to that
  /// interval and mapping NaN to 0.
  public init(width: Int, height: Int, channels: Int, unitValues: [Double]) {
    let pixels = unitValues.map { value -> UInt8 in
      guard !value.isNaN else { return 0 }
      return UInt8((min(max(value, 0), 1) * 255).rounded())
    }
    self.init(width: width, height: height, channels: channels, pixels: pixels)
  }
}
