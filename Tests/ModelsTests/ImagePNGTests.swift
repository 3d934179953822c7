// Tests of PNG decoding and RGB conversion against Pillow/transformers, and of PNG error paths.
import Foundation
import Testing
import Tensor

@testable import Models

/// A file name in the system temporary directory, unique per call.
func temporaryPath(_ suffix: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-image-\(UUID().uuidString)\(suffix)").path
}

@Test("every PNG kind converts to RGB exactly as transformers' convert_to_rgb",
      arguments: ImageFixtures.vectors.sources)
func pngConvertsToPillowRGB(source: ImageVectors.Source) throws {
  let decoded = try #require(ImageFixtures.image(source.file))
  let expected = try #require(ImageFixtures.image(source.rgb))
  #expect(decoded.width == source.width && decoded.height == source.height)
  #expect(expected.format == .rgb)
  let rgb = decoded.compositedOntoWhite()
  #expect(rgb.format == .rgb)
  #expect(rgb == expected, "first differing byte at \(String(describing: rgb.pixels.indices.first { rgb.pixels[$0] != expected.pixels[$0] }))")
}

@Test func alphaCompositingMatchesPillowForAll65536Pairs() throws {
  // Red = colour x, alpha = row y: every (c, a) pair once, composited by Pillow onto white.
  let table = try #require(ImageFixtures.image("sources/alpha_table_256x256.png"))
  let expected = try #require(ImageFixtures.image("rgb/alpha_table_256x256.png"))
  #expect(table.format == .rgba && table.pixel(x: 200, y: 100) == [200, 55, 44, 100])
  #expect(table.compositedOntoWhite() == expected)
}

@Test func compositingKeepsOpaqueAndWhitensTransparentPixels() throws {
  let image = try Image(width: 3, height: 1, format: .rgba, pixels: [10, 20, 30, 255, 0, 0, 0, 0, 100, 50, 0, 160])
  let rgb = image.compositedOntoWhite()
  // (100·160 + 255·95)/255 = 157.75 → 158; (50·160 + 24225)/255 = 126.4 → 126; 24225/255 = 95.
  #expect(rgb.pixels == [10, 20, 30, 255, 255, 255, 158, 126, 95])
  #expect(rgb.compositedOntoWhite() == rgb)
}

@Test func sixteenBitGraySaturatesLikePillowWhileColourKeepsTheHighByte() throws {
  let gray16 = try #require(ImageFixtures.image("sources/gray16_trns_23x11.png"))
  // The generator put 7 (the tRNS key's low byte, so transparent), 263 and 519 in row 0.
  #expect(gray16.pixel(x: 0, y: 0) == [7, 7, 7, 0])
  #expect(gray16.pixel(x: 1, y: 0) == [255, 255, 255, 255])
  #expect(gray16.pixel(x: 2, y: 0) == [255, 255, 255, 255])
  let rgb16 = try #require(ImageFixtures.image("sources/rgb16_trns_19x13.png"))
  // 0x0401, 0x0502, 0x0603 → high bytes (4, 5, 6) = the low bytes of the tRNS key.
  #expect(rgb16.pixel(x: 1, y: 1) == [4, 5, 6, 0])
}

@Test func pngRoundTripKeepsPixels() throws {
  var generator = RandomGenerator(seed: 7)
  for format in [Image.PixelFormat.rgb, .rgba] {
    let pixels = (0..<(13 * 5 * format.channelCount)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let image = try Image(width: 13, height: 5, format: format, pixels: pixels)
    let path = temporaryPath(".png")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try image.writePNG(to: path)
    #expect(try Image(contentsOfPNGFile: path) == image)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(try Image(pngData: bytes) == image)
  }
}

/// A way of damaging a valid PNG, and the text the resulting error must contain.
struct DamagedPNG: Sendable, CustomTestStringConvertible {
  var name: String
  var damage: @Sendable ([UInt8]) -> [UInt8]
  var message: String
  var testDescription: String { name }

  static let cases: [DamagedPNG] = [
    DamagedPNG(name: "not a PNG", damage: { _ in Array("GIF89a, not a PNG at all".utf8) },
               message: "not a PNG file (bad signature)"),
    DamagedPNG(name: "empty", damage: { _ in [] }, message: "not a PNG file (bad signature)"),
    DamagedPNG(name: "signature only", damage: { Array($0.prefix(8)) }, message: "cannot decode PNG"),
    DamagedPNG(name: "truncated in IDAT", damage: { Array($0.prefix($0.count / 2)) }, message: "cannot decode PNG"),
    DamagedPNG(name: "IDAT payload flipped", damage: { bytes in
      var copy = bytes
      copy[bytes.count - 20] ^= 0xFF  // the zlib checksum at the end of the last IDAT
      return copy
    }, message: "IDAT: incorrect data check"),
    DamagedPNG(name: "tRNS checksum wrong", damage: { bytes in
      var copy = bytes
      let (chunks, _) = PNGStream.chunksBeforeImageData(in: bytes)
      if let trns = chunks.first(where: { $0.type == "tRNS" }) { copy[trns.data.lowerBound] ^= 1 }
      return copy
    }, message: "bad checksum in tRNS chunk"),
    DamagedPNG(name: "tRNS too short", damage: { bytes in
      let (chunks, _) = PNGStream.chunksBeforeImageData(in: bytes)
      guard let trns = chunks.first(where: { $0.type == "tRNS" }) else { return bytes }
      let short = PNGStream.encodedChunk(type: "tRNS", data: [0, 4])  // RGB needs 6 bytes
      return Array(bytes[..<trns.start]) + short + Array(bytes[trns.end...])
    }, message: "truncated tRNS chunk"),
    DamagedPNG(name: "16-bit gray IHDR damaged", damage: { bytes in
      guard let gray16 = try? [UInt8](Data(contentsOf: URL(fileURLWithPath:
        ImageFixtures.vectorPath("sources/gray16_9x7.png")))) else { return bytes }
      var copy = gray16
      copy[20] ^= 1  // height byte; the IHDR CRC no longer matches
      return copy
    }, message: "IHDR: CRC error"),
  ]
}

@Test("damaged PNGs give errors naming the file", arguments: DamagedPNG.cases)
func damagedPNGFailsWithMessage(_ damaged: DamagedPNG) throws {
  let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ImageFixtures.vectorPath("sources/rgb_trns_15x9.png"))))
  let path = temporaryPath("-damaged.png")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try Data(damaged.damage(original)).write(to: URL(fileURLWithPath: path))
  let error = #expect(throws: ImageError.self) { try Image(contentsOfPNGFile: path) }
  let text = error?.description ?? ""
  #expect(text.contains(path), "\(text)")
  #expect(text.contains(damaged.message), "\(text)")
}

@Test func missingFileAndDirectoryAreUnreadable() {
  let missing = temporaryPath("-missing.png")
  #expect(throws: ImageError.unreadableFile(path: missing, reason: "no such file")) {
    try Image(contentsOfPNGFile: missing)
  }
  let directory = FileManager.default.temporaryDirectory.path
  #expect(throws: ImageError.unreadableFile(path: directory, reason: "is a directory")) {
    try Image(contentsOfPNGFile: directory)
  }
  #expect(ImageError.unreadableFile(path: missing, reason: "no such file").description
    .hasPrefix("cannot read '\(missing)': no such file\n---> HINT:"))
}

@Test func pixelBuffersAreChecked() {
  #expect(throws: ImageError.pixelCountMismatch(width: 2, height: 2, channels: 3, count: 11)) {
    try Image(width: 2, height: 2, format: .rgb, pixels: [UInt8](repeating: 0, count: 11))
  }
  #expect(throws: ImageError.self) { try Image(width: 0, height: 5, format: .rgb, pixels: []) }
  #expect(throws: ImageError.self) { try Image(width: 1 << 20, height: 1 << 20, format: .rgb, pixels: []) }
}

@Test func unwritablePathIsReported() throws {
  let image = try Image(width: 1, height: 1, format: .rgb, pixels: [1, 2, 3])
  let path = "/nonexistent-directory-rlnb/out.png"
  let error = #expect(throws: ImageError.self) { try image.writePNG(to: path) }
  #expect(error?.description.hasPrefix("cannot write '\(path)'") == true)
}
