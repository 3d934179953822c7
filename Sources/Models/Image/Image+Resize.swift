// Image+Resize: Pillow-exact BICUBIC resizing of RGB images (the fast kernel).

extension Image {
  /// A copy resized to `width`×`height` with Pillow's BICUBIC filter: byte for byte what
  /// Pillow 13's `Image.resize((width, height), Image.BICUBIC)` returns for an RGB image, which
  /// is what transformers' PIL backend feeds Qwen2-VL.
  ///
  /// Like Pillow, it resamples one axis and then the other, each pass rounding to 8 bits (see
  /// `BicubicWeights` for the filter), skips a pass whose size does not change, and returns the
  /// image unchanged when neither does. Downscaling antialiases. The pass order follows
  /// `BicubicResampler.runsVerticalPassFirst`; it changes results by a level or so.
  ///
  /// - Throws: `ImageError.alphaNotSupported` for RGBA images (Pillow resizes those
  ///   premultiplied, which rlnb does not need: composite onto white first), and
  ///   `ImageError.invalidSize` for sides below 1 or more than `maximumPixelCount` pixels.
  public func resizedBicubic(width newWidth: Int, height newHeight: Int) throws(ImageError) -> Image {
    guard format == .rgb else { throw .alphaNotSupported(operation: "bicubic resizing") }
    try Image.checkSize(width: newWidth, height: newHeight, for: "bicubic resizing")
    return BicubicResampler.resize(self, width: newWidth, height: newHeight)
  }
}

/// Pillow's two-pass BICUBIC resampler for 8-bit RGB, over unsafe buffers with 32-bit
/// integer accumulators and no per-pixel allocation. `ReferenceBicubicResampler` is the
/// plain version it is tested against.
enum BicubicResampler {
  /// `image` (RGB) resized to `width`×`height`; the caller has checked both sizes.
  static func resize(_ image: Image, width: Int, height: Int) -> Image {
    let resizeColumns = width != image.width
    let resizeRows = height != image.height
    guard resizeColumns || resizeRows else { return image }
    let horizontal = BicubicWeights(inputSize: image.width, outputSize: width)
    let vertical = BicubicWeights(inputSize: image.height, outputSize: height)

    var pixels = image.pixels
    if runsVerticalPassFirst(from: (image.width, image.height), to: (width, height)) {
      pixels = resampleColumns(pixels, rowLength: image.width * 3, firstRow: 0, weights: vertical)
      if resizeColumns {
        pixels = resampleRows(pixels, width: image.width, rows: 0..<height, weights: horizontal)
      }
    } else {
      var firstRow = 0
      if resizeColumns {
        // Resample horizontally only the rows the vertical pass will read.
        firstRow = resizeRows ? vertical.first[0] : 0
        let lastRow = resizeRows ? vertical.first[height - 1] + vertical.count[height - 1] : image.height
        pixels = resampleRows(pixels, width: image.width, rows: firstRow..<lastRow, weights: horizontal)
      }
      if resizeRows {
        pixels = resampleColumns(pixels, rowLength: width * 3, firstRow: firstRow, weights: vertical)
      }
    }
    return Image(unchecked: width, height: height, format: .rgb, pixels: pixels)
  }

  /// Whether Pillow 13 runs the vertical pass before the horizontal one: when the height
  /// loses more than twice as many pixels as the width (Pillow PR #9549, a speed-up). Pillow
  /// 12 and older always went horizontal first, so results for such sizes differ between
  /// Pillow versions; transformers' references use Pillow 13.
  static func runsVerticalPassFirst(from input: (width: Int, height: Int), to output: (width: Int, height: Int))
    -> Bool
  {
    let rowsLost = input.height - output.height
    return rowsLost > 0 && rowsLost > (input.width - output.width) * 2
  }

  /// The horizontal pass: each of `rows` of an RGB image `width` pixels wide, resampled to
  /// `weights.outputSize` pixels. Returns rows.count rows.
  static func resampleRows(_ pixels: [UInt8], width: Int, rows: Range<Int>, weights: BicubicWeights) -> [UInt8] {
    let outputWidth = weights.outputSize
    let taps = weights.taps
    var output = [UInt8](repeating: 0, count: rows.count * outputWidth * 3)
    pixels.withUnsafeBufferPointer { input in
      weights.weights.withUnsafeBufferPointer { kernel in
        weights.first.withUnsafeBufferPointer { first in
          weights.count.withUnsafeBufferPointer { count in
            output.withUnsafeMutableBufferPointer { out in
              for (outRow, row) in rows.enumerated() {
                let inBase = row * width * 3
                let outBase = outRow * outputWidth * 3
                for x in 0..<outputWidth {
                  var red = BicubicWeights.rounding, green = red, blue = red
                  var source = inBase + first[x] * 3
                  let weightBase = x * taps
                  for k in 0..<count[x] {
                    let w = kernel[weightBase + k]
                    red &+= Int32(input[source]) &* w
                    green &+= Int32(input[source + 1]) &* w
                    blue &+= Int32(input[source + 2]) &* w
                    source += 3
                  }
                  out[outBase + 3 * x] = BicubicWeights.clip(red)
                  out[outBase + 3 * x + 1] = BicubicWeights.clip(green)
                  out[outBase + 3 * x + 2] = BicubicWeights.clip(blue)
                }
              }
            }
          }
        }
      }
    }
    return output
  }

  /// The vertical pass: `pixels` holds rows of `rowLength` bytes, the first of which is
  /// source row `firstRow`; returns `weights.outputSize` rows. Each output row accumulates
  /// whole input rows (integer sums are order-independent, so this equals Pillow's
  /// per-pixel loop) so the inner loop is contiguous and vectorises.
  static func resampleColumns(_ pixels: [UInt8], rowLength: Int, firstRow: Int, weights: BicubicWeights) -> [UInt8] {
    let outputHeight = weights.outputSize
    let taps = weights.taps
    var output = [UInt8](repeating: 0, count: outputHeight * rowLength)
    var accumulator = [Int32](repeating: 0, count: rowLength)
    pixels.withUnsafeBufferPointer { input in
      weights.weights.withUnsafeBufferPointer { kernel in
        accumulator.withUnsafeMutableBufferPointer { sums in
          output.withUnsafeMutableBufferPointer { out in
            for y in 0..<outputHeight {
              sums.update(repeating: BicubicWeights.rounding)
              for k in 0..<weights.count[y] {
                let w = kernel[y * taps + k]
                let rowBase = (weights.first[y] - firstRow + k) * rowLength
                for i in 0..<rowLength {
                  sums[i] &+= Int32(input[rowBase + i]) &* w
                }
              }
              let outBase = y * rowLength
              for i in 0..<rowLength {
                out[outBase + i] = BicubicWeights.clip(sums[i])
              }
            }
          }
        }
      }
    }
    return output
  }
}
