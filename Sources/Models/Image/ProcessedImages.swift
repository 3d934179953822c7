// ProcessedImages: the image processor's output, pixel_values rows and one patch grid per image.

/// `pixel_values` and `image_grid_thw` for a list of images, as the Qwen2-VL processor
/// returns them: the images' rows concatenated in order.
public struct ProcessedImages: Sendable, Equatable {
  /// Row-major float32 values of shape `shape`.
  public var pixelValues: [Float]
  /// `[Σ patchCount, 3·temporalPatchSize·patchSize²]`, e.g. `[16, 1176]`.
  public var shape: [Int]
  /// One grid per image, in input order.
  public var grids: [VisionGrid]

  /// Bundles values computed elsewhere; `pixelValues.count` must equal the product of `shape`.
  public init(pixelValues: [Float], shape: [Int], grids: [VisionGrid]) {
    self.pixelValues = pixelValues
    self.shape = shape
    self.grids = grids
  }

  /// The range of rows that image `index` occupies, or nil for an index out of range.
  public func rows(ofImage index: Int) -> Range<Int>? {
    guard grids.indices.contains(index) else { return nil }
    let start = grids[..<index].reduce(0) { $0 + $1.patchCount }
    return start..<(start + grids[index].patchCount)
  }
}
