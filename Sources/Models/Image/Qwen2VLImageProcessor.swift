// Qwen2VLImageProcessor: images to pixel_values and image_grid_thw, exactly as transformers computes them.

/// Qwen2-VL's image processor: turns images into the `pixel_values` rows and
/// `image_grid_thw` grids the vision tower reads, bit for bit what transformers 5's
/// `Qwen2VLImageProcessor` (PIL backend, the one transformers 4 also used) returns.
///
/// For each image, in order:
/// 1. composite alpha onto white (`Image.compositedOntoWhite()`);
/// 2. pick the size with `smartResize` and resize with Pillow's BICUBIC
///    (`Image.resizedBicubic(width:height:)`) when it differs;
/// 3. rescale and normalise in float32 (`PixelNormalization`);
/// 4. cut into patch rows in block-major order (`appendPatches`).
///
/// ```swift
/// let processor = try Qwen2VLImageProcessor(modelDirectory: "qwen2vl-tiny")
/// let batch = try processor.process(imageFiles: ["image1.png", "image2.png"])
/// batch.shape        // [64, 1176]
/// batch.grids        // [[1, 4, 4], [1, 8, 6]]
/// ```
public struct Qwen2VLImageProcessor: Sendable {
  /// The settings in use, already validated.
  public let config: Qwen2VLImageProcessorConfig
  /// The rescale/normalise table built from `config`.
  let normalization: PixelNormalization

  /// A processor with `config` (transformers' defaults when omitted).
  ///
  /// - Throws: `ImageError.invalidConfigField` if a setting is unusable.
  public init(config: Qwen2VLImageProcessorConfig = Qwen2VLImageProcessorConfig()) throws(ImageError) {
    try config.validate()
    self.config = config
    self.normalization = PixelNormalization(config)
  }

  /// A processor configured by `preprocessor_config.json` in a Hugging Face model directory.
  ///
  /// - Throws: the errors of `Qwen2VLImageProcessorConfig(contentsOfFile:)`.
  public init(modelDirectory: String) throws(ImageError) {
    let path = modelDirectory.hasSuffix("/") ? modelDirectory : modelDirectory + "/"
    try self.init(config: Qwen2VLImageProcessorConfig(contentsOfFile: path + "preprocessor_config.json"))
  }

  /// The RGB image at the size the patches are cut from: steps 1 and 2 above. Useful for
  /// looking at what the model sees.
  ///
  /// - Throws: `ImageError.aspectRatioTooLarge` or `ImageError.invalidSize` from
  ///   `smartResize`, `ImageError.alphaNotSupported` for RGBA when `convertsToRGB` is off, and
  ///   `ImageError.invalidSize` when resizing is off and a side is not a multiple of `factor`.
  public func resizedImage(_ image: Image) throws(ImageError) -> Image {
    var rgb = image
    if config.convertsToRGB {
      rgb = image.compositedOntoWhite()
    } else if image.format == .rgba {
      throw .alphaNotSupported(operation: "preprocessing with do_convert_rgb false")
    }
    guard config.resizes else {
      guard rgb.width % config.factor == 0, rgb.height % config.factor == 0 else {
        throw .invalidSize(operation: "preprocessing without resizing", width: rgb.width, height: rgb.height,
                           reason: "sides must be multiples of patch_size x merge_size = \(config.factor)")
      }
      return rgb
    }
    let size = try smartResize(height: rgb.height, width: rgb.width, factor: config.factor,
                               minPixels: config.minPixels, maxPixels: config.maxPixels)
    return try rgb.resizedBicubic(width: size.width, height: size.height)
  }

  /// `pixel_values` (shape `[Σ t·h·w, 3·temporalPatchSize·patchSize²]`) and one grid per
  /// image, rows concatenated in image order.
  ///
  /// - Throws: the errors of `resizedImage(_:)`.
  public func process(images: [Image]) throws(ImageError) -> ProcessedImages {
    var pixelValues: [Float] = []
    var grids: [VisionGrid] = []
    for image in images {
      let resized = try resizedImage(image)
      appendPatches(of: resized, config: config, normalization: normalization, to: &pixelValues)
      grids.append(VisionGrid(temporal: 1, height: resized.height / config.patchSize, width: resized.width / config.patchSize))
    }
    let rows = grids.reduce(0) { $0 + $1.patchCount }
    return ProcessedImages(pixelValues: pixelValues, shape: [rows, config.patchLength], grids: grids)
  }

  /// Loads PNG files and processes them, as `process(images:)`.
  ///
  /// - Throws: the errors of `Image(contentsOfPNGFile:)`, naming the file, and of
  ///   `process(images:)`.
  public func process(imageFiles paths: [String]) throws(ImageError) -> ProcessedImages {
    var images: [Image] = []
    for path in paths { images.append(try Image(contentsOfPNGFile: path)) }
    return try process(images: images)
  }
}
