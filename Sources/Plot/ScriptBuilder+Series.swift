// ScriptBuilder+Series: writing each kind of series' data as a datablock or binary file.

extension ScriptBuilder {
  /// Writes the data of `series` and returns the source its plot clause reads, or nil when
  /// the series has no points (it is then left out of the plot).
  ///
  /// `buckets`, when set, thins line series to four points per bucket (`decimateLine`).
  /// `shadesRasters` writes heatmaps and images as characters of a brightness ramp
  /// (`rasterShading`), for the monochrome text terminal, which cannot draw images.
  mutating func data(for series: Series, decimatingTo buckets: Int?, shadesRasters: Bool) -> String? {
    guard series.pointCount > 0 else { return nil }
    if shadesRasters, let cells = rasterShading(series.kind) {
      return textBlock(nextName, body: cells)
    }
    switch series.kind {
    case .line(let x, let y):
      if let buckets, let thinned = decimateLine(x: x, y: y, buckets: buckets) {
        return columns([thinned.x, thinned.y])
      }
      return columns([x, y])
    case .scatter(let x, let y):
      return columns([x, y])
    case .histogram(let histogram):
      return columns([histogram.centers, histogram.counts])
    case .band(let x, let lower, let upper, let center):
      return columns([x, lower, upper] + (center.map { [$0] } ?? []))
    case .bar(let categories, let values):
      var body = ""
      for (category, value) in zip(categories, values) {
        body += gnuplotDataField(category) + " " + gnuplotNumber(value) + "\n"
      }
      return textBlock(nextName, body: body)
    case .heatmap(let matrix):
      // gnuplot's `matrix` format: one line per row, values separated by spaces.
      var body = ""
      for row in 0..<matrix.rows {
        let start = row * matrix.columns
        body += matrix.values[start..<start + matrix.columns].map(gnuplotNumber).joined(separator: " ")
        body += "\n"
      }
      return textBlock(nextName, body: body)
    case .image(let image):
      // One `x y r g b [a]` line per pixel; gray samples are repeated into r, g and b.
      var body = ""
      body.reserveCapacity(image.width * image.height * 16)
      for row in 0..<image.height {
        for column in 0..<image.width {
          let offset = (row * image.width + column) * image.channels
          let samples = image.pixels[offset..<offset + image.channels]
          let gray = samples.first ?? 0
          let rgba = image.channels < 3 ? [gray, gray, gray] + samples.dropFirst() : Array(samples)
          body += "\(column) \(row) " + rgba.map { String($0) }.joined(separator: " ") + "\n"
        }
      }
      return textBlock(nextName, body: body)
    }
  }
}

/// The brightness ramp of shaded rasters, darkest first.
let shadingRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

/// A heatmap or image as `column row "c"` lines, `c` a character of `shadingRamp` chosen by the
/// cell's value (heatmap, scaled between its finite minimum and maximum) or luminance (image,
/// Rec. 601 weights). Blank cells are left out. Nil for other kinds.
func rasterShading(_ kind: Series.Kind) -> String? {
  let (columns, levels): (Int, [Double])
  switch kind {
  case .heatmap(let matrix):
    let finite = matrix.values.filter(\.isFinite)
    let low = finite.min() ?? 0
    let span = (finite.max() ?? 0) - low
    columns = matrix.columns
    levels = matrix.values.map { $0.isFinite ? (span > 0 ? ($0 - low) / span : 1) : -1 }
  case .image(let image):
    columns = image.width
    levels = (0..<(image.width * image.height)).map { pixel in
      let sample = { (channel: Int) in Double(image.pixels[pixel * image.channels + channel]) / 255 }
      return image.channels >= 3 ? 0.299 * sample(0) + 0.587 * sample(1) + 0.114 * sample(2) : sample(0)
    }
  default:
    return nil
  }
  var body = ""
  for (index, level) in levels.enumerated() where level >= 0 {
    let step = min(Int(level * Double(shadingRamp.count - 1) + 0.5), shadingRamp.count - 1)
    guard step > 0 else { continue }
    body += "\(index % columns) \(index / columns) \"\(shadingRamp[step])\"\n"
  }
  return body
}
