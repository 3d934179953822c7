// PNGStream: reads a PNG's chunk headers and re-labels the stream so libpng decodes it as Pillow.

/// A PNG file's header, its gray/truecolour transparency, and the bytes to hand libpng.
///
/// libpng (through PNGShim) decodes most PNGs to the same 8-bit samples Pillow does. Two
/// cases differ, and this type prepares the stream so the difference can be made up after
/// decoding:
/// - **tRNS on gray and truecolour images.** Pillow compares pixels with the *low byte* of
///   each tRNS sample after reducing the pixels to 8 bits; libpng compares full-depth samples.
///   The tRNS chunk is taken out of the stream here and applied by `PNGTransparentKey`.
///   Palette transparency is the same in both, so it stays with libpng.
/// - **16-bit gray.** Pillow opens it as mode `I;16`, and its conversion to RGB *saturates*
///   (every value above 255 becomes 255) where libpng would keep the high byte. The stream is
///   re-labelled as 8-bit gray+alpha: that colour type has the same 2 bytes per pixel, so the
///   row filters and Adam7 passes decode identically, and libpng returns each big-endian
///   sample as a (high byte, low byte) pair.
struct PNGStream {
  /// The fields of the IHDR chunk that decoding depends on.
  struct Header: Equatable {
    var width: Int
    var height: Int
    /// 1, 2, 4, 8 or 16.
    var bitDepth: Int
    /// 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    var colorType: Int
  }

  /// The 8-byte PNG signature.
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The header, or nil when the first chunk is not a well-formed IHDR (libpng then reports
  /// the error).
  let header: Header?
  /// The tRNS payload of a gray or RGB image, removed from `bytesForDecoder`.
  let transparency: [UInt8]?
  /// Whether `bytesForDecoder` presents 16-bit gray as 8-bit gray+alpha.
  let isRelabelledGray16: Bool
  /// The stream to decode: the original bytes, or a copy with the changes above.
  let bytesForDecoder: [UInt8]

  /// Reads the chunks before the first IDAT and prepares `bytesForDecoder`.
  ///
  /// - Throws: `ImageError.invalidPNG` for a bad signature, a damaged IHDR that must be
  ///   re-labelled, or a tRNS chunk that Pillow rejects (bad checksum, too short).
  init(bytes: [UInt8], source: String) throws(ImageError) {
    guard bytes.count >= 8, Array(bytes[0..<8]) == PNGStream.signature else {
      throw .invalidPNG(source: source, reason: "not a PNG file (bad signature)")
    }
    let (chunks, tail) = PNGStream.chunksBeforeImageData(in: bytes)
    let header = chunks.first.flatMap { PNGStream.header(of: $0, in: bytes) }
    self.header = header

    var transparency: [UInt8]?
    if let header, header.colorType == 0 || header.colorType == 2,
      let chunk = chunks.first(where: { $0.type == "tRNS" })
    {
      guard chunk.hasValidChecksum(in: bytes) else {
        throw .invalidPNG(source: source, reason: "broken PNG file (bad checksum in tRNS chunk)")
      }
      // Pillow reads 2 bytes (gray) or 6 (RGB) and refuses fewer; it ignores any excess.
      guard chunk.data.count >= (header.colorType == 0 ? 2 : 6) else {
        throw .invalidPNG(source: source, reason: "truncated tRNS chunk")
      }
      transparency = Array(bytes[chunk.data])
    }
    self.transparency = transparency

    let relabel = header.map { $0.colorType == 0 && $0.bitDepth == 16 } ?? false
    self.isRelabelledGray16 = relabel
    guard relabel || transparency != nil else {
      bytesForDecoder = bytes
      return
    }
    var output = PNGStream.signature
    output.reserveCapacity(bytes.count + 16)
    for chunk in chunks {
      if chunk.type == "tRNS" { continue }
      if relabel && chunk.type == "IHDR" {
        guard chunk.hasValidChecksum(in: bytes) else {
          throw .invalidPNG(source: source, reason: "IHDR: CRC error")
        }
        var data = Array(bytes[chunk.data])
        data[8] = 8  // bit depth
        data[9] = 4  // gray + alpha
        output += PNGStream.encodedChunk(type: "IHDR", data: data)
      } else if relabel && chunk.isAncillary {
        // sBIT, bKGD, ... are sized for gray; libpng would reject them for gray+alpha.
        continue
      } else {
        output += bytes[chunk.start..<chunk.end]
      }
    }
    output += bytes[tail...]
    bytesForDecoder = output
  }

  // MARK: - Chunks

  /// One chunk's position in the stream.
  struct Chunk {
    /// Offset of the length field.
    var start: Int
    /// The 4-letter chunk type.
    var type: String
    /// Offsets of the payload.
    var data: Range<Int>
    /// Offset just past the CRC.
    var end: Int { data.upperBound + 4 }
    /// Ancillary chunks have a lowercase first letter (PNG spec, 5.4).
    var isAncillary: Bool { type.utf8.first.map { $0 & 0x20 != 0 } ?? false }

    /// Whether the stored CRC matches the type and payload.
    func hasValidChecksum(in bytes: [UInt8]) -> Bool {
      PNGChecksum.checksum(bytes[(start + 4)..<data.upperBound]) == PNGStream.bigEndianUInt32(bytes, at: data.upperBound)
    }
  }

  /// The complete chunks before the first IDAT, and the offset from which the stream is
  /// copied unchanged (the first IDAT, or where the chunk structure stops making sense, so
  /// that libpng reports truncation and damage itself).
  static func chunksBeforeImageData(in bytes: [UInt8]) -> (chunks: [Chunk], tail: Int) {
    var chunks: [Chunk] = []
    var offset = 8
    while offset + 8 <= bytes.count {
      let length = Int(bigEndianUInt32(bytes, at: offset))
      guard length <= 0x7FFF_FFFF, length + 12 <= bytes.count - offset else { break }
      let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
      if type == "IDAT" { break }
      let chunk = Chunk(start: offset, type: type, data: (offset + 8)..<(offset + 8 + length))
      chunks.append(chunk)
      offset = chunk.end
      if type == "IEND" { break }
    }
    return (chunks, offset)
  }

  /// The header in an IHDR chunk, or nil if `chunk` is not a 13-byte IHDR.
  static func header(of chunk: Chunk, in bytes: [UInt8]) -> Header? {
    guard chunk.type == "IHDR", chunk.data.count == 13 else { return nil }
    let base = chunk.data.lowerBound
    return Header(width: Int(bigEndianUInt32(bytes, at: base)), height: Int(bigEndianUInt32(bytes, at: base + 4)),
                  bitDepth: Int(bytes[base + 8]), colorType: Int(bytes[base + 9]))
  }

  /// A chunk with its length and CRC.
  static func encodedChunk(type: String, data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndianBytes(UInt32(data.count)) + body + bigEndianBytes(PNGChecksum.checksum(body))
  }

  /// The 4 bytes at `offset` as a big-endian integer; the caller checks the bounds.
  static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// `value` as 4 big-endian bytes.
  static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}
