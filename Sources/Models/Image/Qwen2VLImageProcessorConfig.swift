// Qwen2VLImageProcessorConfig: the settings of preprocessor_config.json, read as transformers reads them.
import Foundation

/// The settings of Qwen2-VL's image processor, as stored in a model directory's
/// `preprocessor_config.json`.
///
/// A field missing from the file keeps transformers' class default, as
/// `Qwen2VLImageProcessor.from_pretrained` does: the hub's Qwen2-VL configs list only the
/// pixel budget, patch geometry and mean/std. Fields of the wrong type or with unusable values
/// are errors that name the field.
public struct Qwen2VLImageProcessorConfig: Sendable, Hashable {
  /// Smallest resized area in pixels (`min_pixels`, else `size.shortest_edge`); default 56·56.
  public var minPixels = 56 * 56
  /// Largest resized area in pixels (`max_pixels`, else `size.longest_edge`); default
  /// 28·28·1280, the class default (the hub's Qwen2-VL files say 12845056).
  public var maxPixels = 28 * 28 * 1280
  /// Side of a square patch in pixels (`patch_size`).
  public var patchSize = 14
  /// Frames per patch (`temporal_patch_size`); a still image is repeated this many times.
  public var temporalPatchSize = 2
  /// Side of the square of patches the vision merger joins (`merge_size`).
  public var mergeSize = 2
  /// Per-channel mean subtracted after rescaling (`image_mean`); OpenAI CLIP's by default.
  public var imageMean = [0.48145466, 0.4578275, 0.40821073]
  /// Per-channel standard deviation divided by (`image_std`); OpenAI CLIP's by default.
  public var imageStd = [0.26862954, 0.26130258, 0.27577711]
  /// Whether to resize to `smartResize`'s size (`do_resize`). Without it, sides must
  /// already be multiples of `factor`.
  public var resizes = true
  /// Whether to multiply pixels by `rescaleFactor` (`do_rescale`).
  public var rescales = true
  /// Rescale multiplier (`rescale_factor`), 1/255 by default.
  public var rescaleFactor = 1.0 / 255.0
  /// Whether to normalise with `imageMean` and `imageStd` (`do_normalize`).
  public var normalizes = true
  /// Whether to composite alpha onto white (`do_convert_rgb`). Without it, RGBA images are
  /// rejected (transformers fails on their 4 channels too).
  public var convertsToRGB = true

  /// The default settings of transformers' `Qwen2VLImageProcessor`.
  public init() {}

  /// The side every resized dimension is a multiple of: `patchSize`·`mergeSize` (28).
  public var factor: Int { patchSize * mergeSize }

  /// Values per row of `pixel_values`: 3 channels · `temporalPatchSize` · `patchSize`².
  public var patchLength: Int { 3 * temporalPatchSize * patchSize * patchSize }

  /// Reads a `preprocessor_config.json` file.
  ///
  /// - Throws: `ImageError.unreadableFile`, `ImageError.invalidConfig` (not a JSON object)
  ///   or `ImageError.invalidConfigField`, each naming `path`.
  public init(contentsOfFile path: String) throws(ImageError) {
    try self.init(json: Image.readFile(atPath: path), source: path)
  }

  /// Parses the JSON text of a `preprocessor_config.json`; `source` names it in errors.
  ///
  /// - Throws: `ImageError.invalidConfig` or `ImageError.invalidConfigField`.
  public init(json: [UInt8], source: String = "<memory>") throws(ImageError) {
    let object: [String: ConfigValue]
    do {
      object = try JSONDecoder().decode([String: ConfigValue].self, from: Data(json))
    } catch {
      // JSONDecoder rather than JSONSerialization: on Linux the latter returns decimals
      // (NSDecimalNumber) whose doubleValue is off by an ulp, e.g. for 1/255.
      throw .invalidConfig(source: source, reason: "not a valid JSON object")
    }
    let fields = ConfigFields(object: object, source: source)
    if let type = try fields.string("image_processor_type"), !type.hasPrefix("Qwen2VLImageProcessor") {
      throw .invalidConfigField(source: source, field: "image_processor_type",
                                reason: "is \"\(type)\", expected a Qwen2VLImageProcessor")
    }
    // transformers: a `size` object replaces the class default {shortest_edge, longest_edge}
    // as a whole; then min_pixels/max_pixels override its edges, and both must end up set.
    var shortest: Int? = minPixels
    var longest: Int? = maxPixels
    if let size = try fields.object("size") {
      let sizeFields = ConfigFields(object: size, source: source, prefix: "size.")
      shortest = try sizeFields.integer("shortest_edge")
      longest = try sizeFields.integer("longest_edge")
    }
    if let value = try fields.integer("min_pixels") { shortest = value }
    if let value = try fields.integer("max_pixels") { longest = value }
    guard let shortest, let longest else {
      throw .invalidConfigField(source: source, field: shortest == nil ? "size.shortest_edge" : "size.longest_edge",
                                reason: "is missing (set it, or min_pixels/max_pixels)")
    }
    minPixels = shortest
    maxPixels = longest
    patchSize = try fields.integer("patch_size") ?? patchSize
    temporalPatchSize = try fields.integer("temporal_patch_size") ?? temporalPatchSize
    mergeSize = try fields.integer("merge_size") ?? mergeSize
    imageMean = try fields.channelValues("image_mean") ?? imageMean
    imageStd = try fields.channelValues("image_std") ?? imageStd
    resizes = try fields.bool("do_resize") ?? resizes
    rescales = try fields.bool("do_rescale") ?? rescales
    rescaleFactor = try fields.number("rescale_factor") ?? rescaleFactor
    normalizes = try fields.bool("do_normalize") ?? normalizes
    convertsToRGB = try fields.bool("do_convert_rgb") ?? convertsToRGB
    if let resample = try fields.integer("resample"), resample != 3 {
      throw .invalidConfigField(source: source, field: "resample",
                                reason: "is \(resample); only 3 (BICUBIC, Qwen2-VL's filter) is supported")
    }
    try validate(source: source)
  }

  /// Throws unless every setting is usable: sizes at least 1 (and small enough not to
  /// overflow), 3 finite means, 3 finite nonzero standard deviations, a finite rescale factor.
  ///
  /// - Throws: `ImageError.invalidConfigField` naming the JSON key.
  public func validate(source: String = "<memory>") throws(ImageError) {
    func check(_ ok: Bool, _ field: String, _ reason: String) throws(ImageError) {
      if !ok { throw .invalidConfigField(source: source, field: field, reason: reason) }
    }
    // transformers rejects a zero (falsy) pixel budget; negative ones make no sense either.
    try check(minPixels >= 1, "min_pixels", "must be at least 1, got \(minPixels)")
    try check(maxPixels >= 1, "max_pixels", "must be at least 1, got \(maxPixels)")
    try check((1...4096).contains(patchSize), "patch_size", "must be in 1...4096, got \(patchSize)")
    try check((1...64).contains(temporalPatchSize), "temporal_patch_size",
              "must be in 1...64, got \(temporalPatchSize)")
    try check((1...64).contains(mergeSize), "merge_size", "must be in 1...64, got \(mergeSize)")
    try check(imageMean.count == 3 && imageMean.allSatisfy(\.isFinite), "image_mean",
              "must be 3 finite numbers, got \(imageMean)")
    try check(imageStd.count == 3 && imageStd.allSatisfy { $0.isFinite && $0 != 0 }, "image_std",
              "must be 3 finite nonzero numbers, got \(imageStd)")
    try check(rescaleFactor.isFinite, "rescale_factor", "must be finite, got \(rescaleFactor)")
  }
}

/// A JSON value, decoded with `JSONDecoder` so numbers are parsed exactly.
private enum ConfigValue: Decodable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([ConfigValue])
  case object([String: ConfigValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ConfigValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ConfigValue].self))
    }
  }

  /// The value in JSON-like notation, for error messages.
  var description: String {
    switch self {
    case .null: return "null"
    case .bool(let value): return "\(value)"
    case .number(let value): return "\(value)"
    case .string(let value): return "\"\(value)\""
    case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
    case .object: return "an object"
    }
  }
}

/// Typed access to the fields of a JSON object, with errors that name the field.
private struct ConfigFields {
  let object: [String: ConfigValue]
  let source: String
  var prefix = ""

  /// The error for `key` holding the wrong kind of value.
  private func mismatch(_ key: String, _ expected: String) -> ImageError {
    .invalidConfigField(source: source, field: prefix + key,
                        reason: "must be \(expected), got \(object[key]?.description ?? "null")")
  }

  /// The value of `key`, or nil when it is absent or null (both mean "use the default").
  private func value(_ key: String) -> ConfigValue? {
    guard let value = object[key] else { return nil }
    if case .null = value { return nil }
    return value
  }

  /// A JSON boolean.
  func bool(_ key: String) throws(ImageError) -> Bool? {
    guard let value = value(key) else { return nil }
    guard case .bool(let flag) = value else { throw mismatch(key, "true or false") }
    return flag
  }

  /// A JSON number.
  func number(_ key: String) throws(ImageError) -> Double? {
    guard let value = value(key) else { return nil }
    guard case .number(let number) = value else { throw mismatch(key, "a number") }
    return number
  }

  /// A JSON number with an integral value that fits in an `Int`.
  func integer(_ key: String) throws(ImageError) -> Int? {
    guard let value = try number(key) else { return nil }
    guard value.rounded() == value, abs(value) < 9e15 else { throw mismatch(key, "an integer") }
    return Int(value)
  }

  /// A JSON string.
  func string(_ key: String) throws(ImageError) -> String? {
    guard let value = value(key) else { return nil }
    guard case .string(let text) = value else { throw mismatch(key, "a string") }
    return text
  }

  /// A JSON object.
  func object(_ key: String) throws(ImageError) -> [String: ConfigValue]? {
    guard let value = value(key) else { return nil }
    guard case .object(let fields) = value else { throw mismatch(key, "an object") }
    return fields
  }

  /// Per-channel values: a list of numbers, or one number used for every channel (as
  /// transformers' `normalize` allows).
  func channelValues(_ key: String) throws(ImageError) -> [Double]? {
    switch value(key) {
    case nil: return nil
    case .number(let number): return Array(repeating: number, count: 3)
    case .array(let items):
      return try items.map { (item: ConfigValue) throws(ImageError) -> Double in
        guard case .number(let number) = item else { throw mismatch(key, "a list of numbers") }
        return number
      }
    default: throw mismatch(key, "a number or a list of numbers")
    }
  }
}
