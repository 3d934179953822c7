// KVCache: per-layer keys and values of earlier tokens, preallocated so decoding never copies.
import Tensor

/// Keys and values of every layer for a batch of sequences, kept across decoding steps.
///
/// Each layer's buffer is `[B, K, capacity, D]`; new entries are written in place at
/// `length..<length + T`, and attention reads a view of the first `length + T` positions, so a
/// decoding step costs no copy of the past. Call `advance(by:)` once per forward pass.
public final class KVCache: @unchecked Sendable {
  /// How many positions are filled.
  public private(set) var length = 0
  /// How many positions fit.
  public let capacity: Int
  private let keys: [Tensor]
  private let values: [Tensor]

  /// Allocates a cache for `batch` sequences of up to `capacity` positions.
  public init(configuration: TextConfiguration, batch: Int, capacity: Int) throws {
    self.capacity = capacity
    let shape = [batch, configuration.keyValueHeadCount, capacity, configuration.headDim]
    keys = try wrapTensorError { try (0..<configuration.layerCount).map { _ in try Tensor.zeros(shape) } }
    values = try wrapTensorError { try (0..<configuration.layerCount).map { _ in try Tensor.zeros(shape) } }
  }

  /// Writes this step's `[B, K, T, D]` keys and values for `layer`, and returns views of all
  /// filled positions including them.
  func store(layer: Int, keys newKeys: Tensor, values newValues: Tensor) throws -> (Tensor, Tensor) {
    let end = length + newKeys.shape[2]
    guard end <= capacity else {
      throw ModelError.invalidInput("KV cache: \(end) positions needed but the cache holds \(capacity)")
    }
    let window = [TensorIndex.all, .all, .slice(start: length, end: end, step: nil)]
    let filled = [TensorIndex.all, .all, .slice(start: 0, end: end, step: nil)]
    return try wrapTensorError {
      try withoutGradient {
        try keys[layer].assign(newKeys, at: window)
        try values[layer].assign(newValues, at: window)
        return (try keys[layer].indexed(filled), try values[layer].indexed(filled))
      }
    }
  }

  /// Marks `count` more positions as filled (after a forward pass wrote them in every layer).
  public func advance(by count: Int) { length += count }
}
