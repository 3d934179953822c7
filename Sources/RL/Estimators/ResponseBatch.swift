// ResponseBatch: the shape bookkeeping shared by every estimator — scores, masks, EOS positions.
import Tensor

/// A batch of B responses padded to width L: which tokens are valid and where each score sits.
///
/// `mask[i][t]` is 1 for valid tokens (up to and including the first EOS) and 0 for padding;
/// `seqLens[i]` is MAYE's "sequence length": the index of the last valid token (the EOS column,
/// or the last column of a truncated response), where the score is placed.
public struct ResponseBatch: Sendable {
  /// Validity of every position, `[B, L]` with 1 and 0.
  public let mask: Tensor
  /// The index of the last valid token of each response.
  public let seqLens: [Int]
  /// The padded width L.
  public var width: Int { mask.shape[1] }
  /// The number of responses B.
  public var count: Int { mask.shape[0] }

  /// A batch from each response's number of valid tokens (including its EOS).
  public init(validLengths: [Int], width: Int) throws {
    guard validLengths.allSatisfy({ $0 >= 1 && $0 <= width }) else {
      throw RLError.invalidInput("every response needs 1...\(width) valid tokens, got \(validLengths)")
    }
    var values = [Float](repeating: 0, count: validLengths.count * width)
    for (i, length) in validLengths.enumerated() { for t in 0..<length { values[i * width + t] = 1 } }
    mask = try wrapErrors { try Tensor(shape: [validLengths.count, width], scalars: values) }
    seqLens = validLengths.map { $0 - 1 }
  }

  /// The batch of a `[B, L]` 0/1 mask whose ones form a prefix of every row (as response masks do).
  public init(mask: Tensor) throws {
    guard mask.shape.count == 2 else { throw RLError.invalidInput("a response mask must be [responses, tokens], got shape \(mask.shape)") }
    let (count, width) = (mask.shape[0], mask.shape[1])
    let values = mask.scalars
    var lengths: [Int] = []
    for row in 0..<count {
      let slice = values[(row * width)..<((row + 1) * width)]
      let valid = slice.prefix { $0 == 1 }.count
      guard slice.dropFirst(valid).allSatisfy({ $0 == 0 }) else {
        throw RLError.invalidInput("mask row \(row) is not 1s followed by 0s: \(Array(slice.prefix(12)))")
      }
      lengths.append(valid)
    }
    try self.init(validLengths: lengths, width: width)
  }

  /// The number of valid tokens of each response.
  public var validLengths: [Int] { seqLens.map { $0 + 1 } }
}
