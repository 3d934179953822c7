// SafeTensorsWriter: writing tensors as a safetensors file that transformers loads, atomically.
import Foundation
import Tensor

/// Writes safetensors files.
public enum SafeTensorsWriter {
  /// Writes `tensors` to `path` as F32 (or BF16, rounded to nearest even) with `metadata`.
  ///
  /// The header lists tensors sorted by name, data follows in the same order, and the header is
  /// padded with spaces to a multiple of 8 bytes so every tensor stays aligned. transformers
  /// requires `"format": "pt"` in the metadata, which is the default. The file is written to a
  /// temporary name and renamed, so a crash never leaves a half-written checkpoint.
  public static func write(
    _ tensors: [(name: String, tensor: Tensor)], to path: String,
    dtype: SafeTensorsDType = .float32, metadata: [String: String] = ["format": "pt"]
  ) throws {
    guard dtype == .float32 || dtype == .bfloat16 else {
      throw ModelError.invalidInput("safetensors: can only write F32 or BF16, not \(dtype.rawValue)")
    }
    let sorted = tensors.sorted { $0.name < $1.name }
    var header: [String: Any] = ["__metadata__": metadata]
    var offset = 0
    for (name, tensor) in sorted {
      let bytes = tensor.count * dtype.size
      header[name] = ["dtype": dtype.rawValue, "shape": tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
      offset += bytes
    }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
    var file = Data(capacity: 8 + json.count + offset)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(json)
    for (_, tensor) in sorted {
      try wrapTensorError {
        try tensor.withUnsafeScalars { values in
          if dtype == .float32 {
            file.append(UnsafeBufferPointer(start: values.baseAddress, count: values.count))
          } else {
            var halves = [UInt16](repeating: 0, count: values.count)
            for (i, value) in values.enumerated() { halves[i] = bfloat16Bits(value) }
            halves.withUnsafeBytes { file.append(contentsOf: $0) }
          }
        }
      }
    }
    try writeAtomically(file, to: path)
  }

  /// The bfloat16 nearest to `value` (ties to even; NaN stays NaN).
  static func bfloat16Bits(_ value: Float) -> UInt16 {
    if value.isNaN { return 0x7FC0 }
    let bits = value.bitPattern
    let rounding = 0x7FFF + ((bits >> 16) & 1)
    return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
  }
}

/// Writes `data` to a temporary file beside `path`, then renames it over `path`.
func writeAtomically(_ data: Data, to path: String) throws {
  let temporary = path + ".tmp-\(getpid())"
  do {
    try data.write(to: URL(fileURLWithPath: temporary))
    if rename(temporary, path) != 0 { throw ModelError.fileUnreadable(path: path, reason: String(cString: strerror(errno))) }
  } catch let error as ModelError {
    unlink(temporary)
    throw error
  } catch {
    unlink(temporary)
    throw ModelError.fileUnreadable(path: path, reason: "cannot write: \(error.localizedDescription)")
  }
}
