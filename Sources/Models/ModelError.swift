// ModelError: every way loading, saving or running a model can fail, with one message renderer.
import Tensor

/// An error from the Models layer. Each case names the file (and tensor or field) involved.
public enum ModelError: Error, Equatable, Sendable {
  /// A file that could not be opened, read, mapped or written.
  case fileUnreadable(path: String, reason: String)
  /// A safetensors file whose header or layout is invalid; `tensor` names the entry at fault.
  case invalidSafeTensors(path: String, tensor: String?, reason: String)
  /// A configuration file with a missing, mistyped or unsupported field.
  case invalidConfiguration(path: String, field: String, reason: String)
  /// A checkpoint whose tensor names or shapes do not match the architecture.
  case weightMismatch(path: String, missing: [String], unexpected: [String], wrongShapes: [String])
  /// Arguments to a model call that cannot work (empty prompt, unknown token id, ...).
  case invalidInput(String)
  /// A tensor operation failed inside the model.
  case tensor(TensorError)
}

extension ModelError: CustomStringConvertible {
  /// The message shown to users, with a hint line where one helps.
  public var description: String {
    switch self {
    case let .fileUnreadable(path, reason):
      return "\(path): \(reason)"
    case let .invalidSafeTensors(path, tensor, reason):
      let subject = tensor.map { "tensor '\($0)': " } ?? ""
      return "\(path): invalid safetensors file: \(subject)\(reason)\n---> HINT: the file may be truncated or corrupt; re-download or re-save it"
    case let .invalidConfiguration(path, field, reason):
      return "\(path): field '\(field)': \(reason)"
    case let .weightMismatch(path, missing, unexpected, wrongShapes):
      var parts: [String] = []
      if !missing.isEmpty { parts.append("missing \(missing.count): \(Self.list(missing))") }
      if !unexpected.isEmpty { parts.append("unexpected \(unexpected.count): \(Self.list(unexpected))") }
      if !wrongShapes.isEmpty { parts.append("wrong shape \(wrongShapes.count): \(Self.list(wrongShapes))") }
      return "\(path): checkpoint does not match the model: " + parts.joined(separator: "; ")
        + "\n---> HINT: check that config.json describes the same architecture as the weights"
    case let .invalidInput(message):
      return message
    case let .tensor(error):
      return error.description
    }
  }

  private static func list(_ names: [String]) -> String {
    names.count <= 6 ? names.joined(separator: ", ") : names.prefix(6).joined(separator: ", ") + ", ..."
  }
}
