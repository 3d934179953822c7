// PNGChecksum: the CRC-32 checksum of PNG chunks (and of zlib), ISO 3309 polynomial.

/// The CRC-32 that PNG stores after every chunk (reflected polynomial 0xEDB88320, initial
/// and final XOR 0xFFFFFFFF); identical to zlib's `crc32`.
enum PNGChecksum {
  /// The checksum of `bytes`.
  static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
    }
    return crc ^ 0xFFFF_FFFF
  }

  /// The checksum of the raw bytes of `values` (host byte order, little-endian here).
  static func checksum<Value>(rawBytesOf values: [Value]) -> UInt32 {
    values.withUnsafeBytes { checksum($0) }
  }

  /// The remainder of each byte value, so `checksum` handles a byte per step.
  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 {
      value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
    }
    return value
  }
}
