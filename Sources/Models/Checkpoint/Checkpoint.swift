// Checkpoint: the weights of a Hugging Face model directory — one safetensors file or shards.
import Foundation
import Tensor

/// Read access to every tensor of a model directory, whether stored in `model.safetensors` or
/// in shards listed by `model.safetensors.index.json` (a tensor may sit in any shard).
public final class CheckpointReader: @unchecked Sendable {
  /// The directory, for messages.
  public let directory: String
  private let files: [SafeTensorsFile]
  private let location: [String: Int]

  /// Opens the weights of `directory`.
  /// - Throws: when neither file exists, the index is malformed, a shard is missing, or any
  ///   safetensors header is invalid.
  public init(directory: String) throws {
    self.directory = directory
    let single = (directory as NSString).appendingPathComponent("model.safetensors")
    let index = (directory as NSString).appendingPathComponent("model.safetensors.index.json")
    if FileManager.default.fileExists(atPath: index) {
      let data: Data
      do { data = try Data(contentsOf: URL(fileURLWithPath: index)) } catch {
        throw ModelError.fileUnreadable(path: index, reason: error.localizedDescription)
      }
      guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let weightMap = root["weight_map"] as? [String: Any]
      else { throw ModelError.invalidConfiguration(path: index, field: "weight_map", reason: "must be an object of tensor name → shard file") }
      var shardNames: [String] = []
      var location: [String: Int] = [:]
      for (name, value) in weightMap.sorted(by: { $0.key < $1.key }) {
        guard let shard = value as? String, !shard.contains("/") else {
          throw ModelError.invalidConfiguration(path: index, field: "weight_map.\(name)", reason: "must be a file name in the same directory")
        }
        if let position = shardNames.firstIndex(of: shard) {
          location[name] = position
        } else {
          shardNames.append(shard)
          location[name] = shardNames.count - 1
        }
      }
      files = try shardNames.map { try SafeTensorsFile(path: (directory as NSString).appendingPathComponent($0)) }
      for (name, position) in location where files[position].entries[name] == nil {
        throw ModelError.invalidSafeTensors(path: files[position].path, tensor: name, reason: "listed in the index but not stored in this shard")
      }
      self.location = location
    } else if FileManager.default.fileExists(atPath: single) {
      let file = try SafeTensorsFile(path: single)
      files = [file]
      location = Dictionary(uniqueKeysWithValues: file.entries.keys.map { ($0, 0) })
    } else {
      throw ModelError.fileUnreadable(path: directory, reason: "no model.safetensors or model.safetensors.index.json")
    }
  }

  /// Every stored tensor name, sorted.
  public var names: [String] { location.keys.sorted() }

  /// The stored entry for `name`, if any.
  public func entry(_ name: String) -> SafeTensorsEntry? {
    location[name].flatMap { files[$0].entries[name] }
  }

  /// Copies `name` into `destination`, converting to float32.
  public func read(_ name: String, into destination: Tensor) throws {
    guard let position = location[name] else { throw ModelError.invalidSafeTensors(path: directory, tensor: name, reason: "no such tensor") }
    try files[position].read(name, into: destination)
  }

  /// A new tensor with the values of `name`.
  public func tensor(_ name: String) throws -> Tensor {
    guard let position = location[name] else { throw ModelError.invalidSafeTensors(path: directory, tensor: name, reason: "no such tensor") }
    return try files[position].tensor(name)
  }
}

/// Writes model weights into a directory as transformers expects them.
public enum CheckpointWriter {
  /// Writes `tensors` as `model.safetensors`, or as numbered shards of at most
  /// `maximumShardBytes` with a `model.safetensors.index.json` when they do not fit in one.
  public static func write(
    _ tensors: [(name: String, tensor: Tensor)], to directory: String,
    dtype: SafeTensorsDType = .float32, maximumShardBytes: Int = 5 << 30
  ) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let sorted = tensors.sorted { $0.name < $1.name }
    var shards: [[(name: String, tensor: Tensor)]] = [[]]
    var shardBytes = 0
    for item in sorted {
      let bytes = item.tensor.count * dtype.size
      if shardBytes + bytes > maximumShardBytes && !shards[shards.count - 1].isEmpty {
        shards.append([])
        shardBytes = 0
      }
      shards[shards.count - 1].append(item)
      shardBytes += bytes
    }
    let indexPath = (directory as NSString).appendingPathComponent("model.safetensors.index.json")
    if shards.count == 1 {
      try SafeTensorsWriter.write(sorted, to: (directory as NSString).appendingPathComponent("model.safetensors"), dtype: dtype)
      try? FileManager.default.removeItem(atPath: indexPath)
      return
    }
    var weightMap: [String: String] = [:]
    for (number, shard) in shards.enumerated() {
      let name = String(format: "model-%05d-of-%05d.safetensors", number + 1, shards.count)
      try SafeTensorsWriter.write(shard, to: (directory as NSString).appendingPathComponent(name), dtype: dtype)
      for item in shard { weightMap[item.name] = name }
    }
    let total = sorted.reduce(0) { $0 + $1.tensor.count * dtype.size }
    let index: [String: Any] = ["metadata": ["total_size": total], "weight_map": weightMap]
    try writeAtomically(try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .prettyPrinted]), to: indexPath)
  }
}
