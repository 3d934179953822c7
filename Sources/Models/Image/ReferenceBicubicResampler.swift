// ReferenceBicubicResampler: the plain, obviously-Pillow version of the BICUBIC resampler.

/// The BICUBIC resampler written as plainly as possible: one output sample at a time, 64-bit
/// sums, both passes always run over every row or column, in Pillow 13's order. A pass between
/// equal sizes has weights (0, 1, 0, 0) and is the identity, so skipping it (as Pillow and
/// `BicubicResampler` do) changes nothing. Kept as the algorithmic reference the fast kernel
/// is tested against.
enum ReferenceBicubicResampler {
  /// `image` (RGB) resized to `width`×`height` (both at least 1).
  static func resize(_ image: Image, width: Int, height: Int) -> Image {
    let size = (width: image.width, height: image.height)
    if BicubicResampler.runsVerticalPassFirst(from: size, to: (width, height)) {
      return resampleRows(resampleColumns(image, to: height), to: width)
    }
    return resampleColumns(resampleRows(image, to: width), to: height)
  }

  /// Every row of `image` resampled to `width` pixels.
  static func resampleRows(_ image: Image, to width: Int) -> Image {
    let weights = BicubicWeights(inputSize: image.width, outputSize: width)
    var output = [UInt8](repeating: 0, count: image.height * width * 3)
    for y in 0..<image.height {
      for x in 0..<width {
        for channel in 0..<3 {
          var sum = Int(BicubicWeights.rounding)
          for k in 0..<weights.count[x] {
            let source = image.pixels[(y * image.width + weights.first[x] + k) * 3 + channel]
            sum += Int(source) * Int(weights.weights[x * weights.taps + k])
          }
          output[(y * width + x) * 3 + channel] = clip(sum)
        }
      }
    }
    return Image(unchecked: width, height: image.height, format: .rgb, pixels: output)
  }

  /// Every column of `image` resampled to `height` pixels.
  static func resampleColumns(_ image: Image, to height: Int) -> Image {
    let weights = BicubicWeights(inputSize: image.height, outputSize: height)
    var output = [UInt8](repeating: 0, count: height * image.width * 3)
    for y in 0..<height {
      for x in 0..<image.width {
        for channel in 0..<3 {
          var sum = Int(BicubicWeights.rounding)
          for k in 0..<weights.count[y] {
            let source = image.pixels[((weights.first[y] + k) * image.width + x) * 3 + channel]
            sum += Int(source) * Int(weights.weights[y * weights.taps + k])
          }
          output[(y * image.width + x) * 3 + channel] = clip(sum)
        }
      }
    }
    return Image(unchecked: image.width, height: height, format: .rgb, pixels: output)
  }

  /// `sum` shifted back to 8 bits and clamped to 0...255.
  static func clip(_ sum: Int) -> UInt8 {
    UInt8(min(255, max(0, sum >> BicubicWeights.precisionBits)))
  }
}
