// SafeTensorsHeader: parsing and validating the untrusted JSON header of a safetensors file.
import Foundation

/// The element type of a stored tensor.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
  case float32 = "F32", float16 = "F16", bfloat16 = "BF16", float64 = "F64"
  case int64 = "I64", int32 = "I32", int16 = "I16", int8 = "I8", uint8 = "U8", bool = "BOOL"

  /// Bytes per element.
  public var size: Int {
    switch self {
    case .float64, .int64: return 8
    case .float32, .int32: return 4
    case .float16, .bfloat16, .int16: return 2
    case .int8, .uint8, .bool: return 1
    }
  }

  /// Whether rlnb can read it into a float32 tensor.
  public var isFloatingPoint: Bool { [.float32, .float16, .bfloat16, .float64].contains(self) }
}

/// One tensor entry of a safetensors header: element type, shape and byte range in the data
/// section (relative to its start).
public struct SafeTensorsEntry: Sendable, Equatable {
  public var name: String
  public var dtype: SafeTensorsDType
  public var shape: [Int]
  public var byteRange: Range<Int>
}

/// The parsed header: entries by name, and the free-form string metadata.
struct SafeTensorsHeader {
  /// Headers larger than this are refused (the reference implementation's limit).
  static let maximumLength = 100_000_000

  var entries: [String: SafeTensorsEntry]
  var metadata: [String: String]

  /// Parses and validates a header against the size of the data section that follows it.
  ///
  /// Checks, in order: valid UTF-8 JSON object; each entry has a known `dtype`, a `shape` of
  /// non-negative integers and `data_offsets` [begin, end] with begin ≤ end; the byte count
  /// matches shape × element size; the range lies inside the data section; no two ranges
  /// overlap. Every failure names the tensor.
  init(json: Data, dataSize: Int, path: String) throws {
    func fail(_ tensor: String?, _ reason: String) -> ModelError {
      .invalidSafeTensors(path: path, tensor: tensor, reason: reason)
    }
    guard let object = try? JSONSerialization.jsonObject(with: json), let root = object as? [String: Any] else {
      throw fail(nil, "the header is not a JSON object")
    }
    var entries: [String: SafeTensorsEntry] = [:]
    var metadata: [String: String] = [:]
    for (name, value) in root {
      if name == "__metadata__" {
        guard let pairs = value as? [String: Any] else { throw fail(nil, "__metadata__ must be an object of strings") }
        for (key, item) in pairs {
          guard let text = item as? String else { throw fail(nil, "__metadata__ value for '\(key)' is not a string") }
          metadata[key] = text
        }
        continue
      }
      guard let fields = value as? [String: Any] else { throw fail(name, "entry is not an object") }
      guard let dtypeName = fields["dtype"] as? String else { throw fail(name, "missing 'dtype'") }
      guard let dtype = SafeTensorsDType(rawValue: dtypeName) else { throw fail(name, "unknown dtype '\(dtypeName)'") }
      guard let shapeValues = fields["shape"] as? [Any], let shape = Self.integers(shapeValues) else {
        throw fail(name, "'shape' must be a list of non-negative integers")
      }
      guard let offsetValues = fields["data_offsets"] as? [Any], let offsets = Self.integers(offsetValues), offsets.count == 2 else {
        throw fail(name, "'data_offsets' must be two non-negative integers")
      }
      guard offsets[0] <= offsets[1] else { throw fail(name, "data_offsets [\(offsets[0]), \(offsets[1])] are reversed") }
      var bytes = dtype.size
      for extent in shape {
        let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
        guard !overflow else { throw fail(name, "shape \(shape) is too large") }
        bytes = product
      }
      guard bytes == offsets[1] - offsets[0] else {
        throw fail(name, "shape \(shape) of \(dtypeName) needs \(bytes) bytes but data_offsets span \(offsets[1] - offsets[0])")
      }
      guard offsets[1] <= dataSize else {
        throw fail(name, "data_offsets end at \(offsets[1]) but the file holds \(dataSize) data bytes")
      }
      entries[name] = SafeTensorsEntry(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
    }
    let ordered = entries.values.filter { !$0.byteRange.isEmpty }.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
    for (previous, next) in zip(ordered, ordered.dropFirst()) where next.byteRange.lowerBound < previous.byteRange.upperBound {
      throw fail(next.name, "its bytes overlap those of '\(previous.name)'")
    }
    self.entries = entries
    self.metadata = metadata
  }

  /// Non-negative integers from JSON numbers (nil if any is negative, fractional or not a number).
  private static func integers(_ values: [Any]) -> [Int]? {
    var result: [Int] = []
    for value in values {
      guard let number = value as? NSNumber else { return nil }
      let double = number.doubleValue
      guard double >= 0, double == double.rounded(), double < 9.0e15, let integer = Int(exactly: double) else { return nil }
      result.append(integer)
    }
    return result
  }
}
