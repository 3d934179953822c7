// Tests of reading preprocessor_config.json: transformers' defaults and precedence, and clear errors.
import Foundation
import Testing

@testable import Models

private func config(_ json: String) throws(ImageError) -> Qwen2VLImageProcessorConfig {
  try Qwen2VLImageProcessorConfig(json: Array(json.utf8), source: "test.json")
}

@Test func missingFieldsTakeTransformersDefaults() throws {
  let empty = try config("{}")
  #expect(empty == Qwen2VLImageProcessorConfig())
  #expect(empty.minPixels == 3136 && empty.maxPixels == 1_003_520 && empty.factor == 28 && empty.patchLength == 1176)
  // The hub's Qwen2-VL-2B-Instruct file: budget, geometry, mean/std and names only.
  let hub = try config("""
    {"min_pixels": 3136, "max_pixels": 12845056, "patch_size": 14, "temporal_patch_size": 2, "merge_size": 2,
     "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
     "image_processor_type": "Qwen2VLImageProcessor", "processor_class": "Qwen2VLProcessor"}
    """)
  #expect(hub.maxPixels == 12_845_056 && hub.rescaleFactor == 1.0 / 255.0 && hub.resizes && hub.convertsToRGB)
}

@Test func pixelBudgetPrecedenceFollowsTransformers() throws {
  // transformers 5 saves `size`; min_pixels/max_pixels override its edges.
  let size = try config(#"{"size": {"shortest_edge": 100, "longest_edge": 5000}}"#)
  #expect(size.minPixels == 100 && size.maxPixels == 5000)
  let both = try config(#"{"size": {"shortest_edge": 100, "longest_edge": 5000}, "max_pixels": 7000}"#)
  #expect(both.minPixels == 100 && both.maxPixels == 7000)
  let onlyMin = try config(#"{"min_pixels": 784}"#)
  #expect(onlyMin.minPixels == 784 && onlyMin.maxPixels == 1_003_520)
  let scalar = try config(#"{"image_mean": 0.5, "image_std": 0.25, "rescale_factor": 0.00392156862745098, "resample": 3}"#)
  #expect(scalar.imageMean == [0.5, 0.5, 0.5] && scalar.imageStd == [0.25, 0.25, 0.25])
  #expect(scalar.rescaleFactor == 1.0 / 255.0)  // parsed exactly, not through a decimal
}

/// A broken config and the message it must produce.
struct BadConfig: Sendable, CustomTestStringConvertible {
  var json: String
  var message: String
  var testDescription: String { json }

  static let cases: [BadConfig] = [
    BadConfig(json: "{\"patch_size\": 14,", message: "invalid preprocessor config 'test.json': not a valid JSON object"),
    BadConfig(json: "[1, 2]", message: "invalid preprocessor config 'test.json': not a valid JSON object"),
    BadConfig(json: #"{"patch_size": "14"}"#, message: "field 'patch_size' must be a number, got \"14\""),
    BadConfig(json: #"{"patch_size": 14.5}"#, message: "field 'patch_size' must be an integer, got 14.5"),
    BadConfig(json: #"{"patch_size": 0}"#, message: "field 'patch_size' must be in 1...4096, got 0"),
    BadConfig(json: #"{"merge_size": -2}"#, message: "field 'merge_size' must be in 1...64, got -2"),
    BadConfig(json: #"{"do_resize": 1}"#, message: "field 'do_resize' must be true or false, got 1.0"),
    BadConfig(json: #"{"resample": 2}"#, message: "field 'resample' is 2; only 3 (BICUBIC, Qwen2-VL's filter) is supported"),
    BadConfig(json: #"{"image_mean": [0.5, 0.5]}"#, message: "field 'image_mean' must be 3 finite numbers, got [0.5, 0.5]"),
    BadConfig(json: #"{"image_std": [0.5, 0, 0.5]}"#, message: "field 'image_std' must be 3 finite nonzero numbers"),
    BadConfig(json: #"{"image_std": ["a"]}"#, message: "field 'image_std' must be a list of numbers"),
    BadConfig(json: #"{"min_pixels": 0}"#, message: "field 'min_pixels' must be at least 1, got 0"),
    BadConfig(json: #"{"size": {"shortest_edge": 3136}}"#, message: "field 'size.longest_edge' is missing"),
    BadConfig(json: #"{"size": {"shortest_edge": "x", "longest_edge": 9}}"#,
              message: "field 'size.shortest_edge' must be a number, got \"x\""),
    BadConfig(json: #"{"size": 5}"#, message: "field 'size' must be an object, got 5.0"),
    BadConfig(json: #"{"image_processor_type": "CLIPImageProcessor"}"#,
              message: "field 'image_processor_type' is \"CLIPImageProcessor\", expected a Qwen2VLImageProcessor"),
  ]
}

@Test("bad configs give errors naming the field", arguments: BadConfig.cases)
func badConfigIsRejected(_ bad: BadConfig) {
  let error = #expect(throws: ImageError.self) { try config(bad.json) }
  #expect(error?.description.contains(bad.message) == true, "\(error?.description ?? "no error")")
  #expect(error?.description.hasPrefix("invalid preprocessor config 'test.json'") == true)
}

@Test func unreadableConfigFilesAreReported() throws {
  let missing = temporaryPath("-preprocessor_config.json")
  #expect(throws: ImageError.unreadableFile(path: missing, reason: "no such file")) {
    try Qwen2VLImageProcessorConfig(contentsOfFile: missing)
  }
  let directory = temporaryPath("-model")
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  #expect(throws: ImageError.unreadableFile(path: directory + "/preprocessor_config.json", reason: "no such file")) {
    try Qwen2VLImageProcessor(modelDirectory: directory)
  }
}
