// VisionGrid: the patch grid of one image (image_grid_thw), shared by the image processor,
// the chat template and the vision tower.

/// The `image_grid_thw` (or `video_grid_thw`) row of one image or video: its size in 14×14
/// patches, before the 2×2 merge.
public struct VisionGrid: Sendable, Hashable, CustomStringConvertible {
  /// Frames, in temporal patches (1 for a still image).
  public var temporal: Int
  /// Rows of patches.
  public var height: Int
  /// Columns of patches.
  public var width: Int

  /// A grid of `temporal × height × width` patches.
  public init(temporal: Int = 1, height: Int, width: Int) {
    self.temporal = temporal
    self.height = height
    self.width = width
  }

  /// Rows of `pixel_values` the image takes: t·h·w.
  public var patchCount: Int { temporal * height * width }

  /// The number of `<|image_pad|>` tokens the image takes: t·h·w / mergeSize².
  ///
  /// - Throws: `TokenizerError.invalidGrid` unless all sizes are positive and the height and
  ///   width are multiples of `mergeSize` (the vision merger needs whole merge windows; the
  ///   image processor's grids always are).
  public func tokenCount(mergeSize: Int = 2) throws(TokenizerError) -> Int {
    guard temporal > 0, height > 0, width > 0, mergeSize > 0, height % mergeSize == 0,
      width % mergeSize == 0
    else {
      throw .invalidGrid(temporal: temporal, height: height, width: width, mergeSize: mergeSize)
    }
    return temporal * height * width / (mergeSize * mergeSize)
  }

  /// `[t, h, w]`, as transformers prints `image_grid_thw` rows.
  public var description: String { "[\(temporal), \(height), \(width)]" }
}
