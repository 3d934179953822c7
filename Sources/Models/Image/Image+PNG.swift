// Image+PNG: PNG files in and out through libpng (PNGShim), decoded to what Pillow would see.
import Foundation
import PNGShim

extension Image {
  /// Decodes the PNG file at `path` into the pixels Pillow's `Image.open` gives, before any
  /// alpha compositing.
  ///
  /// Every PNG colour type and bit depth is accepted:
  /// - gray and palette images become RGB (gray replicated, palette looked up); images with
  ///   an alpha channel or a tRNS chunk become RGBA;
  /// - 16-bit colour keeps the high byte of each sample, as Pillow does; 16-bit gray
  ///   saturates at 255, as Pillow's `I;16` → RGB conversion does (and so transformers sees);
  /// - tRNS follows Pillow's rules (see `PNGTransparentKey`): matching pixels get alpha 0.
  ///
  /// Call `compositedOntoWhite()` for the RGB image transformers 5 preprocesses.
  ///
  /// - Throws: `ImageError.unreadableFile` if the file cannot be read, and
  ///   `ImageError.invalidPNG` (naming `path`) if it is not a PNG or is corrupt or truncated.
  public init(contentsOfPNGFile path: String) throws(ImageError) {
    try self.init(pngData: Image.readFile(atPath: path), source: path)
  }

  /// Decodes PNG bytes held in memory, exactly as `init(contentsOfPNGFile:)` decodes a file.
  /// `source` names the data in error messages.
  ///
  /// - Throws: `ImageError.invalidPNG` if the bytes are not a decodable PNG.
  public init(pngData: [UInt8], source: String = "<memory>") throws(ImageError) {
    let stream = try PNGStream(bytes: pngData, source: source)
    if let header = stream.header {
      do {
        try Image.checkSize(width: header.width, height: header.height, for: "a PNG image")
      } catch {
        throw .invalidPNG(source: source, reason: "image is \(header.width)x\(header.height), "
                          + "more than \(Image.maximumPixelCount) pixels or empty")
      }
    }
    var decoded = pngshim_image()
    defer { pngshim_free(&decoded) }
    var message = [CChar](repeating: 0, count: 256)
    let status = stream.bytesForDecoder.withUnsafeBufferPointer {
      pngshim_read_memory($0.baseAddress, $0.count, &decoded, &message, message.count)
    }
    guard status == 0, let base = decoded.pixels, let header = stream.header else {
      let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw .invalidPNG(source: source, reason: text.isEmpty ? "decoding failed" : text)
    }
    let width = Int(decoded.width), height = Int(decoded.height), channels = Int(decoded.channels)
    guard width == header.width, height == header.height else {
      throw .invalidPNG(source: source, reason: "decoder returned \(width)x\(height) for a \(header.width)x\(header.height) header")
    }
    let samples = UnsafeBufferPointer(start: base, count: width * height * channels)
    let key = stream.transparency.flatMap {
      PNGTransparentKey(payload: $0, colorType: header.colorType, bitDepth: header.bitDepth)
    }
    guard let image = Image.pillowPixels(samples, width: width, height: height, channels: channels,
                                         gray16: stream.isRelabelledGray16, key: key)
    else {
      throw .invalidPNG(source: source, reason: "unexpected decoder output (\(channels) channels)")
    }
    self = image
  }

  /// Writes the image as an 8-bit RGB or RGBA PNG.
  ///
  /// - Throws: `ImageError.unwritableFile` naming `path` if the file cannot be written.
  public func writePNG(to path: String) throws(ImageError) {
    var message = [CChar](repeating: 0, count: 256)
    let status = pixels.withUnsafeBufferPointer {
      pngshim_write_file(path, $0.baseAddress, UInt32(width), UInt32(height), UInt32(channelCount),
                         &message, message.count)
    }
    guard status == 0 else {
      let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw .unwritableFile(path: path, reason: text)
    }
  }

  /// Builds the RGB or RGBA image Pillow would hold from libpng's 8-bit samples.
  ///
  /// `channels` is what libpng returned: 1 gray, 2 gray+alpha (or, when `gray16`, the high and
  /// low byte of 16-bit gray), 3 RGB, 4 RGBA. Returns nil for a layout that cannot occur.
  static func pillowPixels(_ samples: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int,
                           gray16: Bool, key: PNGTransparentKey?) -> Image? {
    let count = width * height
    let format: PixelFormat = (channels == 2 && !gray16) || channels == 4 || key != nil ? .rgba : .rgb
    var pixels = [UInt8](repeating: 255, count: count * format.channelCount)
    let step = format.channelCount
    switch (channels, gray16) {
    case (1, false), (2, true):
      var grayKey: UInt8?
      if case .gray(let value) = key { grayKey = value }
      for i in 0..<count {
        // Pillow's I;16 → L conversion saturates instead of keeping the high byte.
        let gray = gray16 ? (samples[2 * i] != 0 ? 255 : samples[2 * i + 1]) : samples[i]
        pixels[step * i] = gray
        pixels[step * i + 1] = gray
        pixels[step * i + 2] = gray
        if let grayKey, gray == grayKey { pixels[step * i + 3] = 0 }
      }
    case (2, false):
      for i in 0..<count {
        let gray = samples[2 * i]
        pixels[4 * i] = gray
        pixels[4 * i + 1] = gray
        pixels[4 * i + 2] = gray
        pixels[4 * i + 3] = samples[2 * i + 1]
      }
    case (3, false):
      var rgbKey: (UInt8, UInt8, UInt8)?
      if case .rgb(let r, let g, let b) = key { rgbKey = (r, g, b) }
      for i in 0..<count {
        let (r, g, b) = (samples[3 * i], samples[3 * i + 1], samples[3 * i + 2])
        pixels[step * i] = r
        pixels[step * i + 1] = g
        pixels[step * i + 2] = b
        if let rgbKey, rgbKey == (r, g, b) { pixels[step * i + 3] = 0 }
      }
    case (4, false):
      pixels = Array(samples)
    default:
      return nil
    }
    return Image(unchecked: width, height: height, format: format, pixels: pixels)
  }
}

extension Image {
  /// The contents of the file at `path` (a PNG or a config), or an error saying why it
  /// cannot be read.
  static func readFile(atPath path: String) throws(ImageError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadableFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableFile(path: path, reason: "permission denied or read error")
    }
    return [UInt8](data)
  }
}
