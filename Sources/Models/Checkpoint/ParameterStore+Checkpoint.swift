// ParameterStore+Checkpoint: filling a model's parameters from a checkpoint, all or nothing.
import Tensor

extension ParameterStore {
  /// Copies every parameter from `reader`, trying each name's `alternatives` (other Hugging
  /// Face layouts of the same weight) when the name itself is not stored.
  ///
  /// Every missing, unexpected (stored but unused, and not in `ignoring`) and wrongly shaped
  /// weight is collected and reported in one error before anything is copied, so a failed load
  /// leaves the parameters as they were.
  func load(from reader: CheckpointReader, alternatives: (String) -> [String] = { _ in [] }, ignoring ignorable: Set<String> = []) throws {
    var storedNames: [(parameter: Tensor, stored: String)] = []
    var missing: [String] = [], wrongShapes: [String] = [], used: Set<String> = []
    for (name, tensor) in parameters {
      guard let stored = ([name] + alternatives(name)).first(where: { reader.entry($0) != nil }), let entry = reader.entry(stored) else {
        missing.append(name)
        continue
      }
      used.insert(stored)
      if entry.shape != tensor.shape { wrongShapes.append("\(stored) \(entry.shape) (expected \(tensor.shape))") }
      storedNames.append((tensor, stored))
    }
    let unexpected = reader.names.filter { !used.contains($0) && !ignorable.contains($0) }
    guard missing.isEmpty, unexpected.isEmpty, wrongShapes.isEmpty else {
      throw ModelError.weightMismatch(path: reader.directory, missing: missing, unexpected: unexpected, wrongShapes: wrongShapes)
    }
    try withoutGradient {
      for (parameter, stored) in storedNames { try reader.read(stored, into: parameter) }
    }
  }
}

/// The other names transformers uses for a Qwen2 / Qwen2-VL weight: checkpoints saved by
/// transformers 4.52-4.57 keep the in-memory names `model.language_model.*` and `model.visual.*`
/// instead of the hub's `model.*` and `visual.*`.
func qwenAlternativeNames(_ name: String) -> [String] {
  if name.hasPrefix("model.") { return ["model.language_model." + name.dropFirst("model.".count)] }
  if name.hasPrefix("visual.") { return ["model." + name] }
  return []
}
