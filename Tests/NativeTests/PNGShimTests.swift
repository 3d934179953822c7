// Tests of the libpng shim: round trips, conversions and error paths that must not crash.
import Foundation
import PNGShim
import Testing

/// Writes `pixels` with the shim and reads them back, returning the decoded image.
private func roundTrip(_ pixels: [UInt8], width: UInt32, height: UInt32, channels: UInt32)
  throws -> (image: pngshim_image, bytes: [UInt8])
{
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("pngshim-\(UUID().uuidString).png").path
  defer { try? FileManager.default.removeItem(atPath: path) }
  var message = [CChar](repeating: 0, count: 256)
  let written = pixels.withUnsafeBufferPointer {
    pngshim_write_file(path, $0.baseAddress, width, height, channels, &message, message.count)
  }
  #expect(written == 0, "\(String(cString: message))")
  var image = pngshim_image()
  let read = pngshim_read_file(path, &image, &message, message.count)
  #expect(read == 0, "\(String(cString: message))")
  let count = Int(image.width * image.height * image.channels)
  let bytes = Array(UnsafeBufferPointer(start: image.pixels, count: count))
  return (image, bytes)
}

@Test(arguments: [UInt32(1), 2, 3, 4])
func pngRoundTripKeepsEveryByte(channels: UInt32) throws {
  let width: UInt32 = 7, height: UInt32 = 5
  let pixels = (0..<Int(width * height * channels)).map { UInt8(($0 * 37 + 11) % 256) }
  var (image, bytes) = try roundTrip(pixels, width: width, height: height, channels: channels)
  defer { pngshim_free(&image) }
  #expect(image.width == width && image.height == height && image.channels == channels)
  #expect(image.source_bit_depth == 8)
  #expect(bytes == pixels)
}

@Test func readingGarbageReportsNotAPNG() {
  let garbage: [UInt8] = Array("this is not a png file at all".utf8)
  var image = pngshim_image()
  var message = [CChar](repeating: 0, count: 256)
  let result = garbage.withUnsafeBufferPointer {
    pngshim_read_memory($0.baseAddress, $0.count, &image, &message, message.count)
  }
  #expect(result == -1)
  #expect(String(cString: message) == "Not a PNG file")
  #expect(image.pixels == nil)
}

@Test func readingTruncatedPNGFailsCleanly() throws {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("pngshim-\(UUID().uuidString).png").path
  defer { try? FileManager.default.removeItem(atPath: path) }
  let pixels = [UInt8](repeating: 200, count: 64 * 64 * 3)
  var message = [CChar](repeating: 0, count: 256)
  #expect(pngshim_write_file(path, pixels, 64, 64, 3, &message, message.count) == 0)
  let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  let truncated = Array(data.prefix(data.count / 2))
  var image = pngshim_image()
  let result = truncated.withUnsafeBufferPointer {
    pngshim_read_memory($0.baseAddress, $0.count, &image, &message, message.count)
  }
  #expect(result == -1)
  #expect(!String(cString: message).isEmpty)
  #expect(image.pixels == nil)
}

@Test func readingMissingFileNamesTheCause() {
  var image = pngshim_image()
  var message = [CChar](repeating: 0, count: 256)
  let result = pngshim_read_file("/nonexistent/rlnb/image.png", &image, &message, message.count)
  #expect(result == -1)
  #expect(String(cString: message).contains("No such file"))
}

@Test func writingRejectsBadChannelCount() {
  var message = [CChar](repeating: 0, count: 256)
  let result = pngshim_write_file("/tmp/unused.png", [0], 1, 1, 5, &message, message.count)
  #expect(result == -1)
  #expect(String(cString: message).contains("channels"))
}
