// Image: an 8-bit RGB or RGBA raster, the value every image operation takes and returns.

/// An 8-bit image: `height` rows of `width` pixels, each pixel 3 (RGB) or 4 (RGBA) bytes,
/// stored row-major and interleaved without padding, top row first.
///
/// Values are immutable; operations (`compositedOntoWhite()`, `resizedBicubic(width:height:)`)
/// return new images.
///
/// ```swift
/// let image = try Image(contentsOfPNGFile: "cat.png")
/// let rgb = image.compositedOntoWhite()      // what transformers' convert_to_rgb gives
/// let small = try rgb.resizedBicubic(width: 56, height: 28)
/// ```
public struct Image: Sendable, Hashable {
  /// The layout of one pixel.
  public enum PixelFormat: Sendable, Hashable {
    /// Red, green, blue: 3 bytes per pixel.
    case rgb
    /// Red, green, blue, alpha (straight, not premultiplied): 4 bytes per pixel.
    case rgba

    /// Bytes per pixel: 3 or 4.
    public var channelCount: Int { self == .rgb ? 3 : 4 }
  }

  /// The largest number of pixels an image may have (2^28, 1 GiB as RGBA). It keeps sizes
  /// from files and configs from overflowing or exhausting memory.
  public static let maximumPixelCount = 1 << 28

  /// Width in pixels (at least 1).
  public let width: Int
  /// Height in pixels (at least 1).
  public let height: Int
  /// Whether pixels are RGB or RGBA.
  public let format: PixelFormat
  /// `height`·`width`·`format.channelCount` bytes, row-major, channels interleaved.
  public let pixels: [UInt8]

  /// Creates an image from raw interleaved pixels.
  ///
  /// - Throws: `ImageError.invalidSize` if a side is below 1 or the image has more than
  ///   `maximumPixelCount` pixels; `ImageError.pixelCountMismatch` if `pixels` has the wrong
  ///   length.
  public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) throws(ImageError) {
    try Image.checkSize(width: width, height: height, for: "an image")
    guard pixels.count == width * height * format.channelCount else {
      throw .pixelCountMismatch(width: width, height: height, channels: format.channelCount, count: pixels.count)
    }
    self.init(unchecked: width, height: height, format: format, pixels: pixels)
  }

  /// Creates an image whose size and buffer the caller has already checked.
  init(unchecked width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
    self.width = width
    self.height = height
    self.format = format
    self.pixels = pixels
  }

  /// Bytes per pixel: 3 or 4.
  public var channelCount: Int { format.channelCount }

  /// The bytes of the pixel at column `x` and row `y` (3 or 4 values), or nil outside the image.
  public func pixel(x: Int, y: Int) -> [UInt8]? {
    guard (0..<width).contains(x), (0..<height).contains(y) else { return nil }
    let start = (y * width + x) * channelCount
    return Array(pixels[start..<start + channelCount])
  }

  /// Throws unless `width`×`height` is a usable image size for `operation`.
  static func checkSize(width: Int, height: Int, for operation: String) throws(ImageError) {
    guard width >= 1, height >= 1 else {
      throw .invalidSize(operation: operation, width: width, height: height, reason: "sides must be at least 1")
    }
    let (count, overflow) = width.multipliedReportingOverflow(by: height)
    guard !overflow, count <= maximumPixelCount else {
      throw .invalidSize(operation: operation, width: width, height: height,
                         reason: "more than \(maximumPixelCount) pixels")
    }
  }
}
