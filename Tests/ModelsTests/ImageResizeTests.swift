// Tests of the BICUBIC resampler: byte-exact against Pillow, and the fast kernel against the reference.
import Testing
import Tensor

@testable import Models

@Test("resizing matches Pillow BICUBIC byte for byte", arguments: ImageFixtures.vectors.resizes)
func resizeMatchesPillow(_ vector: ImageVectors.Resize) throws {
  let source = try #require(ImageFixtures.image(vector.rgb))
  let expected = try #require(ImageFixtures.image(vector.file))
  let resized = try source.resizedBicubic(width: vector.width, height: vector.height)
  #expect(resized.width == vector.width && resized.height == vector.height)
  let mismatches = zip(resized.pixels, expected.pixels).filter { $0 != $1 }.count
  #expect(resized == expected, "\(mismatches) bytes differ")
  #expect(ReferenceBicubicResampler.resize(source, width: vector.width, height: vector.height) == expected)
}

@Test func resizeSweepMatchesPillowIncludingPassOrder() throws {
  let sweep = ImageFixtures.vectors.resizeSweep
  #expect(sweep.count >= 300 && sweep.contains { $0.verticalFirst } && sweep.contains { !$0.verticalFirst })
  var sources: [String: Image] = [:]
  for vector in sweep {
    if sources[vector.rgb] == nil { sources[vector.rgb] = ImageFixtures.image(vector.rgb) }
    let source = try #require(sources[vector.rgb])
    let resized = try source.resizedBicubic(width: vector.width, height: vector.height)
    let label = "\(vector.rgb) → \(vector.width)x\(vector.height)"
    #expect(PNGChecksum.checksum(resized.pixels) == vector.crc32, "\(label)")
    let order = BicubicResampler.runsVerticalPassFirst(from: (source.width, source.height),
                                                       to: (vector.width, vector.height))
    #expect(order == vector.verticalFirst, "\(label)")
  }
}

/// Random RGB images of awkward sizes (1, primes, large factors), resized both ways.
@Test func fastResamplerEqualsReference() throws {
  var generator = RandomGenerator(seed: 2025)
  let sizes = [(1, 1), (1, 7), (7, 1), (2, 3), (13, 11), (31, 17), (64, 3), (5, 97)]
  let targets = [(1, 1), (3, 2), (1, 9), (29, 1), (17, 23), (61, 59), (2, 101), (128, 4)]
  for (width, height) in sizes {
    let pixels = (0..<(width * height * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let image = try Image(width: width, height: height, format: .rgb, pixels: pixels)
    for (newWidth, newHeight) in targets + [(width, height), (width, newHeightFor(height)), (width * 3, height)] {
      let fast = try image.resizedBicubic(width: newWidth, height: newHeight)
      let reference = ReferenceBicubicResampler.resize(image, width: newWidth, height: newHeight)
      #expect(fast == reference, "\(width)x\(height) → \(newWidth)x\(newHeight)")
    }
  }
}

/// A height different from `height`, so one pass runs alone.
private func newHeightFor(_ height: Int) -> Int { height == 1 ? 4 : height / 2 + 1 }

@Test func resizingToTheSameSizeReturnsTheImage() throws {
  let image = try Image(width: 2, height: 2, format: .rgb, pixels: Array(0..<12))
  #expect(try image.resizedBicubic(width: 2, height: 2) == image)
}

@Test func bicubicWeightsFollowPillow() {
  // Upscaling 2 → 4: output 0 has centre 0.25, reads inputs 0 and 1 (the window is clipped at
  // the edge and renormalised), and its integer weights sum to 2^22 up to rounding.
  let up = BicubicWeights(inputSize: 2, outputSize: 4)
  #expect(up.taps == 5)
  #expect(up.first == [0, 0, 0, 0] && up.count == [2, 2, 2, 2])
  for i in 0..<4 {
    let sum = (0..<up.count[i]).reduce(0) { $0 + Int(up.weights[i * up.taps + $1]) }
    #expect(abs(sum - (1 << 22)) <= 2)
  }
  // Downscaling 100 → 3 stretches the filter by 33.3: windows up to 134 samples, clipped.
  let down = BicubicWeights(inputSize: 100, outputSize: 3)
  #expect(down.taps == Int((2.0 * 100.0 / 3.0).rounded(.up)) * 2 + 1)
  #expect(down.first == [0, 0, 17] && down.count == [83, 100, 83])
  #expect(BicubicWeights.filter(0) == 1 && BicubicWeights.filter(1) == 0 && BicubicWeights.filter(2) == 0)
  #expect(BicubicWeights.filter(1.5) == -0.0625 && BicubicWeights.filter(-0.5) == 0.5625)
  #expect(BicubicWeights.clip(-5) == 0 && BicubicWeights.clip(300 << 22) == 255 && BicubicWeights.clip(77 << 22) == 77)
}

@Test func resizingRejectsAlphaAndBadSizes() throws {
  let rgba = try Image(width: 1, height: 1, format: .rgba, pixels: [1, 2, 3, 4])
  #expect(throws: ImageError.alphaNotSupported(operation: "bicubic resizing")) {
    try rgba.resizedBicubic(width: 2, height: 2)
  }
  let rgb = rgba.compositedOntoWhite()
  for (width, height) in [(0, 3), (3, -1), (1 << 15, 1 << 14)] {
    let error = #expect(throws: ImageError.self) { try rgb.resizedBicubic(width: width, height: height) }
    #expect(error?.description.hasPrefix("invalid size \(width)x\(height) for bicubic resizing") == true)
  }
}
