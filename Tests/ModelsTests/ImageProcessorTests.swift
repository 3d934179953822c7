// Tests of the Qwen2-VL image processor: qwen2vl-tiny's reference outputs and transformers' pixel_values bit for bit.
import Foundation
import Testing

@testable import Models

/// The image part of qwen2vl-tiny's `reference_outputs.json`.
private struct TinyReference: Decodable {
  struct Prompt: Decodable {
    var name: String
    var images: [String]
    var imageInfo: [ImageInfo]?
    var pixelValuesShape: [Int]?
    var pixelValuesFirst32: [Float]?
    var pixelValuesSum: Double?
    var pixelValuesSumSq: Double?
    var imageGridThw: [[Int]]?

    enum CodingKeys: String, CodingKey {
      case name, images
      case imageInfo = "image_info", pixelValuesShape = "pixel_values_shape"
      case pixelValuesFirst32 = "pixel_values_first32", pixelValuesSum = "pixel_values_sum"
      case pixelValuesSumSq = "pixel_values_sum_sq", imageGridThw = "image_grid_thw"
    }
  }
  struct ImageInfo: Decodable {
    var resizedHw: [Int]
    var resizedRgbUint8Sum: Int
    var resizedRgbUint8First12Hwc: [UInt8]

    enum CodingKeys: String, CodingKey {
      case resizedHw = "resized_hw", resizedRgbUint8Sum = "resized_rgb_uint8_sum"
      case resizedRgbUint8First12Hwc = "resized_rgb_uint8_first12_hwc"
    }
  }
  var prompts: [Prompt]
}

/// Σx and Σx² in float64 with Neumaier compensation, so the result is the exact sum to
/// within an ulp or so, whatever order numpy added in.
private func sums(_ values: ArraySlice<Float>) -> (sum: Double, sumOfSquares: Double) {
  var sum = 0.0, sumCompensation = 0.0, squares = 0.0, squaresCompensation = 0.0
  func add(_ value: Double, to total: inout Double, _ compensation: inout Double) {
    let next = total + value
    compensation += abs(total) >= abs(value) ? (total - next) + value : (value - next) + total
    total = next
  }
  for value in values {
    add(Double(value), to: &sum, &sumCompensation)
    add(Double(value) * Double(value), to: &squares, &squaresCompensation)
  }
  return (sum + sumCompensation, squares + squaresCompensation)
}

@Test func qwen2vlTinyPixelValuesMatchTheReference() throws {
  let data = try Data(contentsOf: URL(fileURLWithPath: ImageFixtures.path("qwen2vl-tiny/reference_outputs.json")))
  let reference = try JSONDecoder().decode(TinyReference.self, from: data)
  let processor = try Qwen2VLImageProcessor(modelDirectory: ImageFixtures.path("qwen2vl-tiny"))
  #expect(processor.config.minPixels == 3136 && processor.config.maxPixels == 12544)
  let prompts = reference.prompts.filter { !$0.images.isEmpty }
  #expect(prompts.count == 2)
  for prompt in prompts {
    let files = prompt.images.map { ImageFixtures.path("qwen2vl-tiny/" + $0) }
    let output = try processor.process(imageFiles: files)
    #expect(output.shape == prompt.pixelValuesShape, "\(prompt.name)")
    #expect(output.grids.map { [$0.temporal, $0.height, $0.width] } == prompt.imageGridThw)
    #expect(output.pixelValues.count == output.shape.reduce(1, *))
    // The first 32 values exactly (float32 printed as float64 round-trips).
    #expect(Array(output.pixelValues.prefix(32)) == prompt.pixelValuesFirst32)
    // float64 sums (the reference has no more): numpy adds in another order, so allow 1e-8,
    // below one float32 ulp of a typical value (1.2e-7 near 1). The bit-exact comparison is
    // `qwen2vlTinyMatchesTransformersBitForBit`.
    let (sum, sumOfSquares) = sums(output.pixelValues[...])
    #expect(abs(sum - (prompt.pixelValuesSum ?? .nan)) < 1e-8, "\(prompt.name): Σx = \(sum)")
    #expect(abs(sumOfSquares - (prompt.pixelValuesSumSq ?? .nan)) < 1e-8, "\(prompt.name): Σx² = \(sumOfSquares)")
    // Steps 1–2: the RGB image after compositing (image2 is RGBA on transparent black).
    for (file, info) in zip(files, prompt.imageInfo ?? []) {
      let resized = try processor.resizedImage(Image(contentsOfPNGFile: file))
      #expect([resized.height, resized.width] == info.resizedHw)
      #expect(resized.pixels.reduce(0) { $0 + Int($1) } == info.resizedRgbUint8Sum)
      #expect(Array(resized.pixels.prefix(12)) == info.resizedRgbUint8First12Hwc)
    }
  }
}

/// Loads a processor case's config and images and checks every float against transformers.
private func checkAgainstTransformers(_ vector: ImageVectors.ProcessorCase, processor: Qwen2VLImageProcessor) throws {
  let output = try processor.process(imageFiles: vector.images.map { ImageFixtures.vectorPath($0) })
  #expect(output.shape == vector.shape)
  #expect(output.grids.map { [$0.temporal, $0.height, $0.width] } == vector.imageGridThw)
  #expect(Array(output.pixelValues.prefix(16)) == vector.first16)
  // CRC-32 of the little-endian float32 bytes: equal only if every bit of every value is.
  #expect(PNGChecksum.checksum(rawBytesOf: output.pixelValues) == vector.crc32, "pixel_values differ")
  #expect(abs(sums(output.pixelValues[...]).sum - vector.sum) < 1e-6)
}

@Test("pixel_values bit-identical to transformers' Qwen2VLImageProcessorPil",
      arguments: ImageFixtures.vectors.processor)
func processorMatchesTransformers(_ vector: ImageVectors.ProcessorCase) throws {
  let config = try Qwen2VLImageProcessorConfig(contentsOfFile: ImageFixtures.vectorPath(vector.config ?? ""))
  try checkAgainstTransformers(vector, processor: Qwen2VLImageProcessor(config: config))
}

@Test("qwen2vl-tiny images bit-identical to transformers", arguments: ImageFixtures.vectors.fixtureQwen2VLTiny)
func qwen2vlTinyMatchesTransformersBitForBit(_ vector: ImageVectors.ProcessorCase) throws {
  try checkAgainstTransformers(vector, processor: Qwen2VLImageProcessor(modelDirectory: ImageFixtures.path("qwen2vl-tiny")))
}

@Test func processedRowsAreBlockMajorAndFramesRepeat() throws {
  // A 56×28 image whose pixel value encodes its patch (row, column): patch (r, c) has red 40r + c.
  var pixels = [UInt8](repeating: 0, count: 56 * 28 * 3)
  for y in 0..<28 {
    for x in 0..<56 { pixels[(y * 56 + x) * 3] = UInt8(40 * (y / 14) + x / 14) }
  }
  var config = Qwen2VLImageProcessorConfig()
  config.rescales = false
  config.normalizes = false
  config.minPixels = 784  // keep 56×28 at its size
  let processor = try Qwen2VLImageProcessor(config: config)
  let output = try processor.process(images: [try Image(width: 56, height: 28, format: .rgb, pixels: pixels)])
  #expect(output.shape == [8, 1176] && output.grids == [VisionGrid(temporal: 1, height: 2, width: 4)])
  // Block (0, 0) holds patches (0,0) (0,1) (1,0) (1,1), then block (0, 1): (0,2) (0,3) (1,2) (1,3).
  let firstRed = (0..<8).map { output.pixelValues[$0 * 1176] }
  #expect(firstRed == [0, 1, 40, 41, 2, 3, 42, 43])
  // Each row is (c, t, y, x): frame 1 repeats frame 0.
  let row = output.pixelValues[1176 * 5..<1176 * 6]
  #expect(Array(row.prefix(196)) == Array(row.dropFirst(196).prefix(196)))
  #expect(output.rows(ofImage: 0) == 0..<8 && output.rows(ofImage: 1) == nil)
  #expect(try output.grids[0].tokenCount(mergeSize: 2) == 2)
  #expect(output.grids[0].description == "[1, 2, 4]")
}

@Test func processorRefusesWhatTransformersCannotProcess() throws {
  var config = Qwen2VLImageProcessorConfig()
  config.convertsToRGB = false
  let rgba = try Image(width: 28, height: 28, format: .rgba, pixels: [UInt8](repeating: 9, count: 28 * 28 * 4))
  #expect(throws: ImageError.alphaNotSupported(operation: "preprocessing with do_convert_rgb false")) {
    try Qwen2VLImageProcessor(config: config).process(images: [rgba])
  }
  config = Qwen2VLImageProcessorConfig()
  config.resizes = false
  let odd = try Image(width: 30, height: 28, format: .rgb, pixels: [UInt8](repeating: 9, count: 30 * 28 * 3))
  #expect(throws: ImageError.self) { try Qwen2VLImageProcessor(config: config).process(images: [odd]) }
  let missing = temporaryPath("-none.png")
  #expect(throws: ImageError.unreadableFile(path: missing, reason: "no such file")) {
    try Qwen2VLImageProcessor().process(imageFiles: [missing])
  }
  config.patchSize = 0
  #expect(throws: ImageError.self) { try Qwen2VLImageProcessor(config: config) }
}
