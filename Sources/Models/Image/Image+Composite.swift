// Image+Composite: RGBA onto opaque white, the RGB conversion transformers 5 applies.

extension Image {
  /// The image as RGB, with alpha composited onto opaque white; RGB images are returned
  /// unchanged.
  ///
  /// This is transformers 5's `convert_to_rgb` (Pillow `alpha_composite` over white, then
  /// RGB). Per channel, with colour c and alpha a:
  ///
  ///     c' = round((c·a + 255·(255 − a)) / 255)
  ///
  /// The numerator over 255 is never exactly halfway between integers (255 is odd), so the
  /// rounding direction never matters; `make_image_vectors.py` checks all 65 536 (c, a) pairs
  /// against Pillow. (transformers 4 dropped alpha instead, so transparent black stayed black.)
  public func compositedOntoWhite() -> Image {
    guard format == .rgba else { return self }
    let count = width * height
    var rgb = [UInt8](repeating: 0, count: count * 3)
    pixels.withUnsafeBufferPointer { source in
      rgb.withUnsafeMutableBufferPointer { target in
        for i in 0..<count {
          let alpha = Int(source[4 * i + 3])
          let background = 255 * (255 - alpha)
          for channel in 0..<3 {
            let blended = Int(source[4 * i + channel]) * alpha + background
            target[3 * i + channel] = UInt8((blended + 127) / 255)
          }
        }
      }
    }
    return Image(unchecked: width, height: height, format: .rgb, pixels: rgb)
  }
}
