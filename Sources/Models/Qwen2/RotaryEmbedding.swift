// RotaryEmbedding: cos/sin tables for rotary positions, 1-D (Qwen2) and 3-D M-RoPE (Qwen2-VL).
import Foundation
import Tensor

/// Rotary position tables, computed the way transformers computes them in float32:
/// inv_freq[j] = 1 / θ^(2j/d) (float32 `pow`), angle = inv_freq[j] · position (one float32
/// multiply), emb = cat(angles, angles), then cos and sin. Matching that arithmetic keeps the
/// logits within rounding of the reference.
public struct RotaryEmbedding: Sendable {
  /// Per-head width d.
  public let headDim: Int
  /// 1/θ^(2j/d) for j < d/2.
  public let inverseFrequencies: [Float]
  /// M-RoPE sections over (t, h, w) for Qwen2-VL; nil for plain RoPE.
  public let mropeSection: [Int]?

  /// Creates the tables' frequencies for heads of width `headDim` and base `theta`.
  public init(headDim: Int, theta: Double, mropeSection: [Int]? = nil) {
    self.headDim = headDim
    self.mropeSection = mropeSection
    let base = Float(theta)
    inverseFrequencies = (0..<(headDim / 2)).map { j in 1 / powf(base, Float(2 * j) / Float(headDim)) }
  }

  /// Which position axis (0 = t, 1 = h, 2 = w) feeds each of the d columns under M-RoPE: the
  /// section list is repeated for the two halves, chunk i reads axis i mod 3.
  var columnAxes: [Int] {
    guard let section = mropeSection else { return [Int](repeating: 0, count: headDim) }
    var axes: [Int] = []
    for (chunk, width) in (section + section).enumerated() { axes += [Int](repeating: chunk % 3, count: width) }
    return axes
  }

  /// cos and sin tables `[B, 1, T, d]` for positions given per axis: `positions[axis][b][t]`
  /// with one axis for plain RoPE (or three identical ones) and three for M-RoPE.
  ///
  /// Each distinct position (or position triple) is computed once: in a batch most rows share
  /// their positions, and libm's cos and sin are the expensive part.
  public func tables(positions: [[[Int]]]) throws -> (cos: Tensor, sin: Tensor) {
    guard let first = positions.first, positions.count == 1 || positions.count == 3 else {
      throw ModelError.invalidInput("rotary: positions must be [1 or 3 axes][batch][length]")
    }
    let batch = first.count, length = first.first?.count ?? 0
    guard positions.allSatisfy({ $0.count == batch && $0.allSatisfy { $0.count == length } }) else {
      throw ModelError.invalidInput("rotary: position axes have different shapes")
    }
    let axes = columnAxes
    let half = headDim / 2
    var cosValues = [Float](repeating: 0, count: batch * length * headDim)
    var sinValues = cosValues
    var computed: [[Int]: Int] = [:]  // position triple → row index already filled
    for b in 0..<batch {
      for t in 0..<length {
        let key = positions.map { $0[b][t] }
        let index = (b * length + t) * headDim
        if let source = computed[key] {
          for column in 0..<headDim {
            cosValues[index + column] = cosValues[source + column]
            sinValues[index + column] = sinValues[source + column]
          }
          continue
        }
        for column in 0..<headDim {
          let position = key[key.count == 1 ? 0 : axes[column]]
          let angle = inverseFrequencies[column % half] * Float(position)
          cosValues[index + column] = Float(Foundation.cos(Double(angle)))
          sinValues[index + column] = Float(Foundation.sin(Double(angle)))
        }
        computed[key] = index
      }
    }
    let shape = [batch, 1, length, headDim]
    return try wrapTensorError { (try Tensor(shape: shape, scalars: cosValues), try Tensor(shape: shape, scalars: sinValues)) }
  }
}
