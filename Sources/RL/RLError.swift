// RLError: every way an RL stage can fail on its inputs, with one message renderer.
import Models
import Tensor

/// An error from the RL pipeline. Each case names the file, row, field or stage involved.
public enum RLError: Error, Equatable, Sendable {
  /// A dataset file that cannot be read, or a row that is malformed (file, 1-based line, field).
  case invalidDataset(path: String, line: Int?, field: String?, reason: String)
  /// Arguments that cannot work together (shapes of scores and masks, group sizes, ...).
  case invalidInput(String)
  /// A reward function that failed or returned something other than a finite number.
  case rewardFailed(name: String, row: Int, reason: String)
  /// A loss that became NaN or infinite; nothing was applied to the weights.
  case nonFiniteLoss(stage: String, value: Float)
  /// A checkpoint that cannot be written or read.
  case checkpoint(path: String, reason: String)
  /// A model-layer failure.
  case model(ModelError)
  /// A tensor-layer failure.
  case tensor(TensorError)
}

extension RLError: CustomStringConvertible {
  /// The message shown to users.
  public var description: String {
    switch self {
    case let .invalidDataset(path, line, field, reason):
      let place = line.map { ":\($0)" } ?? ""
      let subject = field.map { "field '\($0)': " } ?? ""
      return "\(path)\(place): \(subject)\(reason)"
    case let .invalidInput(message): return message
    case let .rewardFailed(name, row, reason): return "reward '\(name)' failed on response \(row): \(reason)"
    case let .nonFiniteLoss(stage, value):
      return "\(stage): the loss is \(value.isNaN ? "NaN" : "\(value)"); the update was skipped and the weights are unchanged\n---> HINT: lower the learning rate or check the rewards and advantages for NaN"
    case let .checkpoint(path, reason): return "\(path): \(reason)"
    case let .model(error): return error.description
    case let .tensor(error): return error.description
    }
  }
}

/// Runs `body`, wrapping lower-layer errors as `RLError`.
func wrapErrors<Result>(_ body: () throws -> Result) throws -> Result {
  do { return try body() } catch let error as TensorError { throw RLError.tensor(error) } catch let error as ModelError {
    throw RLError.model(error)
  }
}
