// SmartResize: Qwen2-VL's choice of image size, a multiple of the patch factor within a pixel budget.

/// The (height, width) that Qwen2-VL's `smart_resize` resizes an image to: both multiples of
/// `factor` (patch size × merge size, 28 for Qwen2-VL), the area kept within
/// [`minPixels`, `maxPixels`] when the rounding alone does not do it, and the aspect ratio
/// kept as closely as possible.
///
/// 1. h̄ = round(height/factor)·factor, w̄ likewise. `round` is Python's, which rounds ties
///    to even (70/28 = 2.5 → 2, so 70 px becomes 56, not 84); Swift's `.rounded()` would
///    round away from zero and disagree with transformers.
/// 2. If h̄·w̄ > maxPixels: β = √(height·width/maxPixels), h̄ = max(factor, ⌊height/β/factor⌋·factor).
/// 3. Else if h̄·w̄ < minPixels: β = √(minPixels/(height·width)), h̄ = ⌈height·β/factor⌉·factor.
///
/// The arithmetic follows Python's operation by operation (integer products, then float64
/// division and square root), so results match transformers exactly.
///
/// ```swift
/// try smartResize(height: 126, width: 70, factor: 28, minPixels: 3136, maxPixels: 12544)  // (112, 56)
/// ```
///
/// - Throws: `ImageError.aspectRatioTooLarge` if the longer side exceeds 200 times the
///   shorter (transformers raises too); `ImageError.invalidSize` for sides or settings below 1,
///   or a result that has a zero side or does not fit in an `Int`.
public func smartResize(height: Int, width: Int, factor: Int, minPixels: Int, maxPixels: Int)
  throws(ImageError) -> (height: Int, width: Int)
{
  let operation = "smart_resize"
  guard height >= 1, width >= 1 else {
    throw .invalidSize(operation: operation, width: width, height: height, reason: "sides must be at least 1")
  }
  guard factor >= 1, maxPixels >= 1 else {
    throw .invalidSize(operation: operation, width: width, height: height,
                       reason: "factor (\(factor)) and max_pixels (\(maxPixels)) must be at least 1")
  }
  guard Double(max(height, width)) / Double(min(height, width)) <= 200 else {
    throw .aspectRatioTooLarge(height: height, width: width)
  }
  /// `value` (a float64 count of factors) times `factor`, or an error if it does not fit.
  func multiple(_ value: Double) throws(ImageError) -> Int {
    guard value.isFinite, value >= 0, value < 1e15 else {
      throw .invalidSize(operation: operation, width: width, height: height, reason: "resized side out of range")
    }
    let (result, overflow) = Int(value).multipliedReportingOverflow(by: factor)
    guard !overflow else {
      throw .invalidSize(operation: operation, width: width, height: height, reason: "resized side out of range")
    }
    return result
  }
  /// h̄·w̄, saturating instead of overflowing (a saturated area is certainly above maxPixels).
  func area(_ h: Int, _ w: Int) -> Int {
    let (result, overflow) = h.multipliedReportingOverflow(by: w)
    return overflow ? Int.max : result
  }

  let f = Double(factor)
  var h = try multiple((Double(height) / f).rounded(.toNearestOrEven))
  var w = try multiple((Double(width) / f).rounded(.toNearestOrEven))
  // Integer products below 2^53 convert to float64 exactly, so each division below rounds
  // once, like Python's int / int.
  let pixels = Double(area(height, width))
  if area(h, w) > maxPixels {
    let beta = (pixels / Double(maxPixels)).squareRoot()
    h = max(factor, try multiple((Double(height) / beta / f).rounded(.down)))
    w = max(factor, try multiple((Double(width) / beta / f).rounded(.down)))
  } else if area(h, w) < minPixels {
    let beta = (Double(minPixels) / pixels).squareRoot()
    h = try multiple((Double(height) * beta / f).rounded(.up))
    w = try multiple((Double(width) * beta / f).rounded(.up))
  }
  guard h >= 1, w >= 1 else {
    throw .invalidSize(operation: operation, width: width, height: height,
                       reason: "resized to \(w)x\(h); min_pixels must be positive for images this small")
  }
  return (h, w)
}
