// BicubicWeights: Pillow's fixed-point BICUBIC filter weights for resampling one axis.

/// The weights Pillow's `Resample.c` uses to resample one axis of `inputSize` samples to
/// `outputSize` samples with the BICUBIC filter, in its 8-bit fixed-point form.
///
/// Output sample i is Σ_k weights[i·taps + k] · input[first[i] + k] over k < count[i], plus
/// half a unit, shifted right by `precisionBits` and clipped to 0...255. Pillow's recipe,
/// followed step by step in float64 so every weight rounds as it does in C:
///
/// 1. scale = inputSize/outputSize. When downscaling (scale > 1) the filter is stretched by
///    scale (filterscale), which is what antialiases: every input sample under the output
///    pixel contributes. Upscaling keeps filterscale 1.
/// 2. The filter is Keys' cubic with a = −0.5 and support 2, so the window reaches
///    support = 2·filterscale input samples either side of the centre (i + 0.5)·scale, and
///    `taps` = 2·⌈support⌉ + 1 slots are reserved per output sample.
/// 3. The window [⌊centre − support + 0.5⌋, ⌊centre + support + 0.5⌋) (C's truncating
///    `(int)`) is clipped to the image, each weight is filter((x − centre + 0.5)/filterscale),
///    and the weights are divided by their sum, so edges renormalise instead of darkening.
/// 4. Weights become integers: w·2^22 rounded half away from zero. 22 = 32 − 8 − 2 bits
///    leaves room for 8-bit samples and for sums a little above 1 or below 0 (the filter has
///    negative lobes) in a 32-bit accumulator.
struct BicubicWeights {
  /// Fractional bits of the fixed-point weights (Pillow's PRECISION_BITS).
  static let precisionBits = 22
  /// Where accumulators start: half a unit, so the final shift rounds to nearest.
  static let rounding = Int32(1 << (precisionBits - 1))

  /// Number of output samples.
  let outputSize: Int
  /// Weight slots per output sample (only the first `count[i]` are used).
  let taps: Int
  /// First input sample read for each output sample.
  let first: [Int]
  /// Number of input samples read for each output sample (at least 1).
  let count: [Int]
  /// `outputSize`·`taps` fixed-point weights.
  let weights: [Int32]

  /// Pillow's weights for resampling `inputSize` samples to `outputSize` (both at least 1).
  init(inputSize: Int, outputSize: Int) {
    // Pillow passes the box edges as C floats, so the span is rounded to float first.
    let scale = Double(Float(inputSize)) / Double(outputSize)
    let filterScale = max(scale, 1.0)
    let support = 2.0 * filterScale
    let taps = Int(support.rounded(.up)) * 2 + 1
    var first = [Int](repeating: 0, count: outputSize)
    var count = [Int](repeating: 0, count: outputSize)
    var weights = [Int32](repeating: 0, count: outputSize * taps)
    var window = [Double](repeating: 0, count: taps)
    for i in 0..<outputSize {
      let center = (Double(i) + 0.5) * scale
      let inverseScale = 1.0 / filterScale
      let low = max(0, Int(center - support + 0.5))
      let high = min(inputSize, Int(center + support + 0.5))
      let n = high - low
      var total = 0.0
      for k in 0..<n {
        let w = BicubicWeights.filter((Double(k + low) - center + 0.5) * inverseScale)
        window[k] = w
        total += w
      }
      for k in 0..<n {
        let w = total != 0 ? window[k] / total : window[k]
        // C's `(int)(±0.5 + w·2^22)`: round half away from zero, then truncate.
        let scaled = w * Double(1 << BicubicWeights.precisionBits)
        weights[i * taps + k] = Int32(w < 0 ? scaled - 0.5 : scaled + 0.5)
      }
      first[i] = low
      count[i] = n
    }
    self.outputSize = outputSize
    self.taps = taps
    self.first = first
    self.count = count
    self.weights = weights
  }

  /// Keys' cubic convolution kernel with a = −0.5 (Pillow's `bicubic_filter`), evaluated in
  /// the same operation order as Pillow so results are bit-identical.
  static func filter(_ value: Double) -> Double {
    let a = -0.5
    let x = abs(value)
    if x < 1.0 { return ((a + 2.0) * x - (a + 3.0)) * x * x + 1 }
    if x < 2.0 { return (((x - 5) * x + 8) * x - 4) * a }
    return 0.0
  }

  /// An accumulator shifted back to 8 bits and clipped to 0...255 (Pillow's `clip8`).
  @inline(__always)
  static func clip(_ accumulator: Int32) -> UInt8 {
    let value = accumulator >> Int32(precisionBits)
    return value < 0 ? 0 : value > 255 ? 255 : UInt8(truncatingIfNeeded: value)
  }
}
