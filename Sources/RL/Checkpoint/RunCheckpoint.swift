// RunCheckpoint: a training run saved atomically — model, optimizer, schedule and counters — and
// resumed bit-exactly.
import Foundation
import Models
import Tensor

/// The counters and settings a run needs to continue exactly where it stopped.
public struct RunState: Codable, Sendable, Equatable {
  /// Generation steps finished.
  public var step: Int
  /// The epoch in progress.
  public var epoch: Int
  /// The run's seed (every random draw is derived from it and the step).
  public var seed: UInt64
  /// Optimizer steps and hyperparameters.
  public var optimizerSteps: Int
  public var learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
  /// The schedule, as `constant`, `cosine warmup total` or `linear warmup total`.
  public var schedule: String
  /// Anything else the caller wants back (run name, config file, metric file offsets...).
  public var extra: [String: String]

  /// A state for step and epoch counters of a run with `seed`.
  public init(step: Int, epoch: Int, seed: UInt64, extra: [String: String] = [:]) {
    self.step = step
    self.epoch = epoch
    self.seed = seed
    self.extra = extra
    optimizerSteps = 0
    learningRate = 0
    beta1 = 0
    beta2 = 0
    epsilon = 0
    weightDecay = 0
    schedule = "constant"
  }
}

/// Saving and restoring training runs.
///
/// Layout of a checkpoint directory: `model/` (a Hugging Face directory transformers loads),
/// `optimizer.safetensors` (AdamW's moments) and `state.json`. A save writes everything into
/// `<dir>.tmp-<pid>`, fsyncs it, moves an existing `<dir>` aside to `<dir>.previous`, renames
/// the new one into place and then deletes the old one. Whenever a save is interrupted, either
/// `<dir>` or `<dir>.previous` holds a complete checkpoint, and `load` finds it.
public enum RunCheckpoint {
  /// Where a save is allowed to stop, for tests that simulate a crash at each point.
  enum Stage: CaseIterable { case none, afterWritingTemporary, afterMovingPrevious, afterInstallingNew }

  /// Saves `policy`, `optimizer` and `state` to `directory`, replacing what was there atomically.
  public static func save(policy: PretrainedModel, optimizer: AdamW, state: RunState, to directory: String) throws {
    try save(policy: policy, optimizer: optimizer, state: state, to: directory, stoppingAfter: .none)
  }

  static func save(policy: PretrainedModel, optimizer: AdamW, state: RunState, to directory: String, stoppingAfter stop: Stage) throws {
    let fileManager = FileManager.default
    let temporary = directory + ".tmp-\(getpid())", previous = directory + ".previous"
    do {
      try? fileManager.removeItem(atPath: temporary)
      try fileManager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
      try policy.save(to: temporary + "/model")
      let (steps, m, v) = optimizer.state
      try SafeTensorsWriter.write([("first_moment", m), ("second_moment", v)], to: temporary + "/optimizer.safetensors")
      var saved = state
      saved.optimizerSteps = steps
      (saved.learningRate, saved.beta1, saved.beta2, saved.epsilon, saved.weightDecay) =
        (optimizer.learningRate, optimizer.beta1, optimizer.beta2, optimizer.epsilon, optimizer.weightDecay)
      saved.schedule = describe(optimizer.schedule)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(saved).write(to: URL(fileURLWithPath: temporary + "/state.json"))
      try synchronize(temporary)
      if stop == .afterWritingTemporary { return }
      if fileManager.fileExists(atPath: directory) {
        try? fileManager.removeItem(atPath: previous)
        try move(directory, to: previous)
      }
      if stop == .afterMovingPrevious { return }
      try move(temporary, to: directory)
      try synchronize((directory as NSString).deletingLastPathComponent, recursively: false)
      if stop == .afterInstallingNew { return }
      try? fileManager.removeItem(atPath: previous)
    } catch let error as RLError {
      throw error
    } catch {
      throw RLError.checkpoint(path: directory, reason: "\(error)")
    }
  }

  /// The complete checkpoint at `directory`, or the previous one an interrupted save left.
  public static func resolve(_ directory: String) throws -> String {
    for candidate in [directory, directory + ".previous"] where FileManager.default.fileExists(atPath: candidate + "/state.json") {
      return candidate
    }
    throw RLError.checkpoint(path: directory, reason: "no checkpoint here (no state.json)")
  }

  /// Loads the policy saved in `directory` and its run state.
  public static func loadPolicy(from directory: String) throws -> (policy: PretrainedModel, state: RunState) {
    let resolved = try resolve(directory)
    let policy = try wrapErrors { try PretrainedModel.load(directory: resolved + "/model") }
    return (policy, try readState(resolved))
  }

  /// Restores an optimizer (made for the loaded policy's parameters) to its saved state.
  public static func restore(_ optimizer: AdamW, from directory: String) throws -> RunState {
    let resolved = try resolve(directory)
    let state = try readState(resolved)
    try wrapErrors {
      let file = try SafeTensorsFile(path: resolved + "/optimizer.safetensors")
      try optimizer.restore(stepCount: state.optimizerSteps, firstMoment: file.tensor("first_moment"), secondMoment: file.tensor("second_moment"))
    }
    (optimizer.learningRate, optimizer.beta1, optimizer.beta2, optimizer.epsilon, optimizer.weightDecay) =
      (state.learningRate, state.beta1, state.beta2, state.epsilon, state.weightDecay)
    optimizer.schedule = try schedule(state.schedule, path: resolved)
    return state
  }

  private static func readState(_ directory: String) throws -> RunState {
    do {
      return try JSONDecoder().decode(RunState.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/state.json")))
    } catch {
      throw RLError.checkpoint(path: directory + "/state.json", reason: "unreadable: \(error)")
    }
  }

  static func describe(_ schedule: LearningRateSchedule) -> String {
    switch schedule {
    case .constant: return "constant"
    case let .cosine(warmup, total): return "cosine \(warmup) \(total)"
    case let .linear(warmup, total): return "linear \(warmup) \(total)"
    }
  }

  static func schedule(_ text: String, path: String) throws -> LearningRateSchedule {
    let parts = text.split(separator: " ")
    let numbers = parts.dropFirst().compactMap { Int($0) }
    switch (parts.first, numbers.count) {
    case ("constant", 0): return .constant
    case ("cosine", 2): return .cosine(warmupSteps: numbers[0], totalSteps: numbers[1])
    case ("linear", 2): return .linear(warmupSteps: numbers[0], totalSteps: numbers[1])
    default: throw RLError.checkpoint(path: path, reason: "unknown schedule '\(text)'")
    }
  }

  private static func move(_ source: String, to destination: String) throws {
    guard rename(source, destination) == 0 else {
      throw RLError.checkpoint(path: destination, reason: "cannot rename \(source): \(String(cString: strerror(errno)))")
    }
  }

  /// fsyncs `path` (and, when `recursively`, every file below it first), so a crash cannot
  /// reorder the writes around the renames that publish them. The parent directory of a
  /// checkpoint needs only its own entry synced, not its other contents.
  private static func synchronize(_ path: String, recursively: Bool = true) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
    if isDirectory.boolValue && recursively {
      for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        try synchronize((path as NSString).appendingPathComponent(child))
      }
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    if fsync(descriptor) != 0 && !isDirectory.boolValue {
      throw RLError.checkpoint(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
    }
  }
}
