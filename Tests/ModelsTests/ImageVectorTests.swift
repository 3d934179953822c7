// Access to the image fixtures (Pillow/transformers vectors and qwen2vl-tiny), and checks of the index itself.
import Foundation
import Testing

@testable import Models

/// The Fixtures folder copied into the test bundle.
enum ImageFixtures {
  /// Absolute path of `Fixtures/<relative>`.
  static func path(_ relative: String) -> String {
    let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.path ?? "Fixtures"
    return root + "/" + relative
  }

  /// Path of a file under `Fixtures/image_vectors/`.
  static func vectorPath(_ relative: String) -> String { path("image_vectors/" + relative) }

  /// The index written by `make_image_vectors.py`.
  static let vectors: ImageVectors = {
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: vectorPath("vectors.json")))
      return try JSONDecoder().decode(ImageVectors.self, from: data)
    } catch {
      Issue.record("cannot load image_vectors/vectors.json: \(error)")
      return ImageVectors(pillow: "", transformers: nil, sources: [], resizes: [], resizeSweep: [], smartResize: [],
                          processor: [], fixtureQwen2VLTiny: [])
    }
  }()

  /// Loads a PNG from the vectors folder, recording a test issue (and returning nil) if it fails.
  static func image(_ relative: String) -> Image? {
    do {
      return try Image(contentsOfPNGFile: vectorPath(relative))
    } catch {
      Issue.record("cannot load \(relative): \(error)")
      return nil
    }
  }
}

/// `vectors.json`: what Pillow 13 and transformers 5.23 made of the generated PNGs.
struct ImageVectors: Decodable {
  struct Source: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var rgb: String
    var pillowMode: String
    var width: Int
    var height: Int
    var testDescription: String { "\(name) (Pillow mode \(pillowMode))" }
  }
  struct Resize: Decodable, Sendable, CustomTestStringConvertible {
    var rgb: String
    var width: Int
    var height: Int
    var file: String
    var testDescription: String { file }
  }
  struct SweepCase: Decodable, Sendable {
    var rgb: String
    var width: Int
    var height: Int
    var crc32: UInt32
    var verticalFirst: Bool

    enum CodingKeys: String, CodingKey {
      case rgb, width, height, crc32
      case verticalFirst = "vertical_first"
    }
  }
  struct SmartResizeCase: Decodable, Sendable {
    var height: Int
    var width: Int
    var factor: Int
    var minPixels: Int
    var maxPixels: Int
    var resizedHeight: Int?
    var resizedWidth: Int?
    var error: String?

    enum CodingKeys: String, CodingKey {
      case height, width, factor, error
      case minPixels = "min_pixels", maxPixels = "max_pixels"
      case resizedHeight = "resized_height", resizedWidth = "resized_width"
    }
  }
  struct ProcessorCase: Decodable, Sendable, CustomTestStringConvertible {
    var config: String?
    var images: [String]
    var shape: [Int]
    var imageGridThw: [[Int]]
    var crc32: UInt32
    var first16: [Float]
    var sum: Double
    var testDescription: String { "\(config ?? "qwen2vl-tiny"): \(images.joined(separator: ", "))" }

    enum CodingKeys: String, CodingKey {
      case config, images, shape, crc32, first16, sum
      case imageGridThw = "image_grid_thw"
    }
  }

  var pillow: String
  var transformers: String?
  var sources: [Source]
  var resizes: [Resize]
  var resizeSweep: [SweepCase]
  var smartResize: [SmartResizeCase]
  var processor: [ProcessorCase]
  var fixtureQwen2VLTiny: [ProcessorCase]

  enum CodingKeys: String, CodingKey {
    case pillow, transformers, sources, resizes, processor
    case smartResize = "smart_resize", resizeSweep = "resize_sweep"
    case fixtureQwen2VLTiny = "fixture_qwen2vl_tiny"
  }
}

extension ImageVectors.Source {
  enum CodingKeys: String, CodingKey {
    case name, file, rgb, width, height
    case pillowMode = "pillow_mode"
  }
}


@Test func vectorIndexCoversEveryPNGKindAndComesFromTransformers() {
  let vectors = ImageFixtures.vectors
  // Pillow modes of the sources: every PNG colour type, 1- to 16-bit, with and without tRNS.
  let modes = Set(vectors.sources.map(\.pillowMode))
  #expect(modes.isSuperset(of: ["RGB", "RGBA", "L", "LA", "P", "1", "I;16"]))
  #expect(vectors.pillow == "13.0.0")
  #expect(vectors.transformers == "5.23.0", "vectors must be regenerated with transformers installed")
  #expect(vectors.resizes.count >= 30)
  #expect(vectors.smartResize.count >= 150)
  #expect(vectors.processor.count == 5 && vectors.fixtureQwen2VLTiny.count == 3)
}

@Test func pngChecksumMatchesZlib() {
  // zlib.crc32(b"123456789") == 0xCBF43926, the standard CRC-32 check value.
  #expect(PNGChecksum.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  #expect(PNGChecksum.checksum([UInt8]()) == 0)
}
