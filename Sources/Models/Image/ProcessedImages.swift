// ProcessedImages: the image processor's output, pixel_values rows and one patch grid per image.

/// The patch grid of one processed image: `image_grid_thw`, (frames, rows, columns) of patches.
public struct ImageGrid: Sendable, Hashable, CustomStringConvertible {
  /// Temporal patches (1 for a still image).
  public var t: Int
  /// Patch rows: resized height / patch size.
  public var h: Int
  /// Patch columns: resized width / patch size.
  public var w: Int

  /// Creates a grid of `t`×`h`×`w` patches.
  public init(t: Int, h: Int, w: Int) {
    self.t = t
    self.h = h
    self.w = w
  }

  /// Rows of `pixel_values` the image takes: t·h·w.
  public var patchCount: Int { t * h * w }

  /// `<|image_pad|>` tokens the image expands to after the vision merger: t·h·w / merge².
  public func tokenCount(mergeSize: Int) -> Int { patchCount / max(1, mergeSize * mergeSize) }

  /// `[t, h, w]`, as transformers prints `image_grid_thw` rows.
  public var description: String { "[\(t), \(h), \(w)]" }
}

/// `pixel_values` and `image_grid_thw` for a list of images, as the Qwen2-VL processor
/// returns them: the images' rows concatenated in order.
public struct ProcessedImages: Sendable, Equatable {
  /// Row-major float32 values of shape `shape`.
  public var pixelValues: [Float]
  /// `[Σ patchCount, 3·temporalPatchSize·patchSize²]`, e.g. `[16, 1176]`.
  public var shape: [Int]
  /// One grid per image, in input order.
  public var grids: [ImageGrid]

  /// Bundles values computed elsewhere; `pixelValues.count` must equal the product of `shape`.
  public init(pixelValues: [Float], shape: [Int], grids: [ImageGrid]) {
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
