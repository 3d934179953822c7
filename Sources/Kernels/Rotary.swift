// Rotary: rotary position embeddings in the rotate-half layout used by Qwen2 and Llama.

/// Applies y = x ⊙ cos + rotate_half(x) ⊙ sin to every row of `dim` elements, where
/// rotate_half(x) = [−x₂, x₁] for the halves x₁, x₂.
///
/// `shape` lists the dimensions other than the last; the strides are per operand for those
/// dimensions (cos and sin usually broadcast over heads with stride 0). Within a row, every
/// operand is contiguous. With `inverse`, applies the transpose of the rotation instead
/// (rotate_halfᵀ(z) = [z₂, −z₁]), which is the backward pass.
public func rotaryEmbedding(
  shape: [Int], dim: Int, inverse: Bool,
  input: UnsafePointer<Float>, inputStrides: [Int],
  cos: UnsafePointer<Float>, cosStrides: [Int],
  sin: UnsafePointer<Float>, sinStrides: [Int],
  output: UnsafeMutablePointer<Float>, outputStrides: [Int]
) {
  // Split along the outermost dimension (the batch): its slices are independent.
  guard let outer = shape.first, shape.count > 1 else {
    rotaryPiece(shape: shape, dim: dim, inverse: inverse, input: input, inputStrides: inputStrides, cos: cos, cosStrides: cosStrides,
                sin: sin, sinStrides: sinStrides, output: output, outputStrides: outputStrides)
    return
  }
  let rows = shape.dropFirst().reduce(1, *)
  parallelChunks(outer, unitWork: rows * dim) { range in
    var piece = shape
    piece[0] = range.count
    let start = range.lowerBound
    rotaryPiece(shape: piece, dim: dim, inverse: inverse,
                input: input + start * inputStrides[0], inputStrides: inputStrides,
                cos: cos + start * cosStrides[0], cosStrides: cosStrides,
                sin: sin + start * sinStrides[0], sinStrides: sinStrides,
                output: output + start * outputStrides[0], outputStrides: outputStrides)
  }
}

/// `rotaryEmbedding` on one thread.
private func rotaryPiece(
  shape: [Int], dim: Int, inverse: Bool,
  input: UnsafePointer<Float>, inputStrides: [Int],
  cos: UnsafePointer<Float>, cosStrides: [Int],
  sin: UnsafePointer<Float>, sinStrides: [Int],
  output: UnsafeMutablePointer<Float>, outputStrides: [Int]
) {
  let half = dim / 2
  forEachIndex(shape: shape, strides: [inputStrides, cosStrides, sinStrides, outputStrides]) {
    offsets in
    let x = input + offsets[0], c = cos + offsets[1], s = sin + offsets[2]
    let y = output + offsets[3]
    if inverse {
      // xᵀ path: dx = g ⊙ cos + rotate_halfᵀ(g ⊙ sin).
      for i in 0..<half {
        y[i] = x[i] * c[i] + x[i + half] * s[i + half]
        y[i + half] = x[i + half] * c[i + half] - x[i] * s[i]
      }
    } else {
      for i in 0..<half {
        y[i] = x[i] * c[i] - x[i + half] * s[i]
        y[i + half] = x[i + half] * c[i + half] + x[i] * s[i + half]
      }
    }
  }
}
