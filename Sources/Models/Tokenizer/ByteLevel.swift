// The GPT-2 byte ↔ character table that byte-level BPE uses to spell bytes as printable text.

/// The byte-level alphabet: each of the 256 byte values stands for one printable character.
///
/// Printable Latin-1 bytes (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) stand for themselves; the other 68
/// bytes (controls, space, DEL, NBSP, soft hyphen) take U+0100, U+0101, … in byte order. So a
/// space is `Ġ` (U+0120) and a newline `Ċ` (U+010A). Vocabulary entries are written in this
/// alphabet, which is why `tokenizer.json` shows `"Ġthe"`.
enum ByteLevel {
  /// `characters[b]` is the scalar that spells byte `b`.
  static let characters: [Unicode.Scalar] = {
    var table = [Unicode.Scalar](repeating: " ", count: 256)
    var next: UInt32 = 256
    for byte in 0..<256 {
      if (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte) {
        table[byte] = Unicode.Scalar(UInt8(byte))
      } else {
        // 256 + n stays below U+0150, so the scalar always exists.
        table[byte] = Unicode.Scalar(next) ?? " "
        next += 1
      }
    }
    return table
  }()

  /// The byte a byte-level character spells, or `nil` for characters outside the alphabet.
  static func byte(for scalar: Unicode.Scalar) -> UInt8? {
    let value = scalar.value
    if value < 256 {
      let byte = UInt8(value)
      return characters[Int(byte)] == scalar ? byte : nil
    }
    guard value < 256 + 68 else { return nil }
    return reverseHigh[Int(value - 256)]
  }

  /// Bytes for U+0100 … U+0143, in order.
  private static let reverseHigh: [UInt8] = (0..<256).compactMap { byte -> (UInt32, UInt8)? in
    let scalar = characters[byte]
    return scalar.value >= 256 ? (scalar.value, UInt8(byte)) : nil
  }.sorted { $0.0 < $1.0 }.map(\.1)

  /// Spells `bytes` in the byte-level alphabet.
  static func spell<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var text = String.UnicodeScalarView()
    for byte in bytes { text.append(characters[Int(byte)]) }
    return String(text)
  }

  /// The bytes a token spells, as `tokenizers`' ByteLevel decoder reads them: when every
  /// character is in the alphabet, the bytes they stand for; otherwise (an added token such
  /// as `日本`) the token's own UTF-8.
  static func bytes(ofToken token: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(token.unicodeScalars.count)
    for scalar in token.unicodeScalars {
      guard let byte = byte(for: scalar) else { return Array(token.utf8) }
      bytes.append(byte)
    }
    return bytes
  }
}
