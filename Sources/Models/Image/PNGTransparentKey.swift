// PNGTransparentKey: the colour a gray or RGB PNG's tRNS chunk makes transparent, as Pillow reads it.

/// The 8-bit colour that a tRNS chunk makes fully transparent in a gray or RGB PNG, with
/// Pillow's quirks (checked against Pillow 13 by `make_image_vectors.py`):
/// - Pillow keeps the tRNS samples at full precision but its `convert_transparent` compares
///   8-bit pixels with their **low byte** (`t & 0xFF`), not with the sample scaled to 8 bits.
///   So a 16-bit RGB key 0x1004 matches pixels whose high byte is 0x04, and a 4-bit gray key
///   of 1 matches nothing (4-bit pixels are scaled to multiples of 17).
/// - 1-bit gray is Pillow mode "1", whose key is 255 for any nonzero sample and 0 otherwise.
/// - 16-bit gray is compared after Pillow's saturation to 0...255.
enum PNGTransparentKey: Equatable {
  /// Gray pixels equal to this value are transparent.
  case gray(UInt8)
  /// RGB pixels equal to this triple are transparent.
  case rgb(UInt8, UInt8, UInt8)

  /// The key of a tRNS payload for a gray (`colorType` 0) or RGB (2) image, or nil for other
  /// colour types. `payload` has at least 2 (gray) or 6 (RGB) bytes; `PNGStream` checks that.
  init?(payload: [UInt8], colorType: Int, bitDepth: Int) {
    func sample(_ index: Int) -> Int { Int(payload[2 * index]) << 8 | Int(payload[2 * index + 1]) }
    switch colorType {
    case 0 where payload.count >= 2:
      self = .gray(bitDepth == 1 ? (sample(0) != 0 ? 255 : 0) : UInt8(sample(0) & 0xFF))
    case 2 where payload.count >= 6:
      self = .rgb(UInt8(sample(0) & 0xFF), UInt8(sample(1) & 0xFF), UInt8(sample(2) & 0xFF))
    default:
      return nil
    }
  }
}
