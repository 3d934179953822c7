// Tests of smart_resize against transformers' own function (165 recorded cases) and its error paths.
import Testing

@testable import Models

@Test func smartResizeMatchesTransformers() {
  let cases = ImageFixtures.vectors.smartResize
  #expect(cases.count >= 150)
  for c in cases {
    let label = "smart_resize(\(c.height), \(c.width), factor \(c.factor), min \(c.minPixels), max \(c.maxPixels))"
    do {
      let size = try smartResize(height: c.height, width: c.width, factor: c.factor,
                                 minPixels: c.minPixels, maxPixels: c.maxPixels)
      #expect(c.error == nil, "\(label) should fail")
      #expect(size.height == c.resizedHeight && size.width == c.resizedWidth,
              "\(label) = \(size), transformers: (\(c.resizedHeight ?? -1), \(c.resizedWidth ?? -1))")
    } catch {
      #expect(c.error != nil, "\(label) failed: \(error)")
    }
  }
}

@Test func smartResizeRoundsTiesToEven() throws {
  // 70/28 = 2.5 → 2 (56 px), 126/28 = 4.5 → 4 (112 px); `.rounded()` would give 84 and 140.
  let size = try smartResize(height: 126, width: 70, factor: 28, minPixels: 3136, maxPixels: 12544)
  #expect(size == (112, 56))
  // 42/28 = 1.5 → 2 (ties go to the even neighbour, here up).
  #expect(try smartResize(height: 42, width: 42, factor: 28, minPixels: 3136, maxPixels: 1 << 30) == (56, 56))
}

@Test func smartResizeRejectsBadInput() {
  #expect(throws: ImageError.aspectRatioTooLarge(height: 1, width: 201)) {
    try smartResize(height: 1, width: 201, factor: 28, minPixels: 3136, maxPixels: 12544)
  }
  #expect(ImageError.aspectRatioTooLarge(height: 1, width: 201).description
    == "image aspect ratio must be smaller than 200, got 201.0 (height 1, width 201)")
  for (height, width, factor, minPixels, maxPixels) in [(0, 5, 28, 1, 10), (5, 5, 0, 1, 10), (5, 5, 28, 1, 0),
                                                        (5, 5, 28, 0, 100), (1 << 62, 1, 28, 1, 10)] {
    #expect(throws: ImageError.self, "\((height, width, factor, minPixels, maxPixels))") {
      try smartResize(height: height, width: width, factor: factor, minPixels: minPixels, maxPixels: maxPixels)
    }
  }
}
