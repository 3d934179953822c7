// Attention: scaled dot-product attention with causal and padding masks, forward and backward.

import RealModule

#if canImport(Glibc)
import Glibc
#endif

/// The sizes of one attention call. Query heads are grouped over key/value heads (GQA):
/// query head h reads key/value head h / (heads / kvHeads).
public struct AttentionShape: Sendable, Equatable {
  public var batch: Int
  public var heads: Int
  public var kvHeads: Int
  public var queryLength: Int
  public var keyLength: Int
  public var headDim: Int

  /// Creates the sizes of an attention call.
  public init(batch: Int, heads: Int, kvHeads: Int, queryLength: Int, keyLength: Int, headDim: Int) {
    self.batch = batch
    self.heads = heads
    self.kvHeads = kvHeads
    self.queryLength = queryLength
    self.keyLength = keyLength
    self.headDim = headDim
  }
}

/// A strided `[batch, heads, length, headDim]` operand whose last dimension is contiguous.
public struct AttentionOperand {
  public var base: UnsafePointer<Float>
  /// Element strides of the batch, head and position dimensions.
  public var batchStride: Int, headStride: Int, rowStride: Int

  /// Describes an operand by its base pointer and strides.
  public init(base: UnsafePointer<Float>, batchStride: Int, headStride: Int, rowStride: Int) {
    self.base = base
    self.batchStride = batchStride
    self.headStride = headStride
    self.rowStride = rowStride
  }

  @inline(__always)
  func matrix(_ b: Int, _ h: Int) -> UnsafePointer<Float> { base + b * batchStride + h * headStride }
}

/// Which (query, key) pairs may attend: a causal rule and an optional keep-mask.
public struct AttentionMask {
  /// Query i (of the last `queryLength` positions) sees keys j ≤ i + keyLength − queryLength,
  /// which covers both full sequences and decoding against a KV cache.
  public var causal: Bool
  /// Optional `[batch, heads, queryLength, keyLength]` strided mask (stride 0 to broadcast):
  /// nonzero keeps the pair.
  public var keep: UnsafePointer<Float>?
  /// Element strides of `keep` for batch, head, query and key.
  public var keepStrides: (Int, Int, Int, Int)

  /// Creates a mask description.
  public init(causal: Bool, keep: UnsafePointer<Float>? = nil, keepStrides: (Int, Int, Int, Int) = (0, 0, 0, 0)) {
    self.causal = causal
    self.keep = keep
    self.keepStrides = keepStrides
  }
}

/// Attention forward: out = softmax(scale · Q Kᵀ + mask) V per (batch, head).
///
/// Masked pairs get probability 0. A query with no visible key (a padding row) attends
/// uniformly to every key, exactly as transformers' eager attention does with its additive
/// float-minimum mask; it stays finite, so 0·NaN never poisons real rows later.
/// - Parameters:
///   - probabilities: `[batch, heads, queryLength, keyLength]` contiguous, kept for backward.
///   - output: `[batch, heads, queryLength, headDim]` contiguous.
public func attentionForward(
  shape: AttentionShape, query: AttentionOperand, key: AttentionOperand, value: AttentionOperand,
  mask: AttentionMask, scale: Float,
  probabilities: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
) {
  let (tq, tk, d) = (shape.queryLength, shape.keyLength, shape.headDim)
  let group = shape.heads / shape.kvHeads
  let offset = tk - tq
  // Heads are independent: split them across threads when each head's products are too small
  // for BLAS to thread (larger ones keep the sequential loop and BLAS's own threads).
  let perHead = (tq * tk * d) * 2 + tq * tk * 4
  let units = shape.batch * shape.heads
  parallelChunks(units, unitWork: smallHeads(shape) ? perHead : 0) { range in
    for unit in range {
      let (b, h) = unit.quotientAndRemainder(dividingBy: shape.heads)
      let scores = probabilities + (b * shape.heads + h) * tq * tk
      let q = query.matrix(b, h), k = key.matrix(b, h / group), v = value.matrix(b, h / group)
      // Decoding (a few queries against the cache) is too small for BLAS to pay its call and
      // threading overhead: direct dot products are several times faster there.
      let direct = tq <= directQueryLimit
      if direct {
        for i in 0..<tq {
          let qi = q + i * query.rowStride, row = scores + i * tk
          for j in 0..<tk { row[j] = scale * dot(qi, k + j * key.rowStride, count: d) }
        }
      } else {
        gemm(.normal, .transposed, m: tq, n: tk, k: d, alpha: scale, a: q, lda: query.rowStride,
             b: k, ldb: key.rowStride, beta: 0, c: scores, ldc: tk)
      }
      for i in 0..<tq {
        let visible = mask.causal ? min(tk, max(0, i + offset + 1)) : tk
        let keep = mask.keep.map { $0 + b * mask.keepStrides.0 + h * mask.keepStrides.1 + i * mask.keepStrides.2 }
        maskedSoftmax(row: scores + i * tk, length: tk, visible: visible, keep: keep, keepStride: mask.keepStrides.3)
      }
      let out = output + (b * shape.heads + h) * tq * d
      if direct {
        for i in 0..<tq {
          let row = scores + i * tk, o = out + i * d
          o.update(repeating: 0, count: d)
          for j in 0..<tk where row[j] != 0 {
            let p = row[j], vj = v + j * value.rowStride
            for c in 0..<d { o[c] += p * vj[c] }
          }
        }
      } else {
        gemm(.normal, .normal, m: tq, n: d, k: tk, alpha: 1, a: scores, lda: tk, b: v, ldb: value.rowStride,
             beta: 0, c: out, ldc: d)
      }
    }
  }
}

/// Query blocks up to this length use direct loops instead of GEMM (see `attentionForward`).
let directQueryLimit = 4

/// Attention backward from the saved probabilities P:
/// dV += Pᵀ dO; dP = dO Vᵀ; dS = P ⊙ (dP − rowsum(dP ⊙ P)); dQ = scale · dS K; dK += scale · dSᵀ Q.
///
/// Rows that attended uniformly because every key was masked pass no gradient to Q or K (their
/// scores were constants), but their values do receive gradient through P.
/// - Parameters:
///   - gradOutput: `[batch, heads, queryLength, headDim]` contiguous.
///   - gradQuery: `[batch, heads, queryLength, headDim]` contiguous, overwritten.
///   - gradKey, gradValue: `[batch, kvHeads, keyLength, headDim]` contiguous, zeroed by the caller
///     (heads of one group accumulate into them).
public func attentionBackward(
  shape: AttentionShape, query: AttentionOperand, key: AttentionOperand, value: AttentionOperand,
  mask: AttentionMask, scale: Float, probabilities: UnsafePointer<Float>,
  gradOutput: UnsafePointer<Float>,
  gradQuery: UnsafeMutablePointer<Float>, gradKey: UnsafeMutablePointer<Float>,
  gradValue: UnsafeMutablePointer<Float>
) {
  let (tq, tk, d) = (shape.queryLength, shape.keyLength, shape.headDim)
  let group = shape.heads / shape.kvHeads
  // Units of one batch row and one key/value head: the query heads of a group accumulate into
  // the same dK and dV, so they stay in one thread, in the sequential order.
  let perHead = tq * tk * d * 4 + tq * tk * 3
  let units = shape.batch * shape.kvHeads
  parallelChunks(units, unitWork: smallHeads(shape) ? perHead * group : 0) { range in
    let gradScores = UnsafeMutablePointer<Float>.allocate(capacity: max(tq * tk, 1))
    defer { gradScores.deallocate() }
    for unit in range {
      let (b, kvHead) = unit.quotientAndRemainder(dividingBy: shape.kvHeads)
      for h in kvHead * group..<(kvHead + 1) * group {
        let p = probabilities + (b * shape.heads + h) * tq * tk
        let dO = gradOutput + (b * shape.heads + h) * tq * d
        let kvIndex = (b * shape.kvHeads + kvHead) * tk * d
        let q = query.matrix(b, h), k = key.matrix(b, kvHead), v = value.matrix(b, kvHead)
        // dV += Pᵀ dO
        gemm(.transposed, .normal, m: tk, n: d, k: tq, alpha: 1, a: p, lda: tk, b: dO, ldb: d,
             beta: 1, c: gradValue + kvIndex, ldc: d)
        // dP = dO Vᵀ, then dS in place.
        gemm(.normal, .transposed, m: tq, n: tk, k: d, alpha: 1, a: dO, lda: d, b: v, ldb: value.rowStride,
             beta: 0, c: gradScores, ldc: tk)
        for i in 0..<tq {
          let pr = p + i * tk, ds = gradScores + i * tk
          if isUniformRow(i: i, b: b, h: h, shape: shape, mask: mask) {
            ds.update(repeating: 0, count: tk)
            continue
          }
          let inner = dot(pr, ds, count: tk)
          for j in 0..<tk { ds[j] = pr[j] * (ds[j] - inner) }
        }
        gemm(.normal, .normal, m: tq, n: d, k: tk, alpha: scale, a: gradScores, lda: tk, b: k, ldb: key.rowStride,
             beta: 0, c: gradQuery + (b * shape.heads + h) * tq * d, ldc: d)
        gemm(.transposed, .normal, m: tk, n: d, k: tq, alpha: scale, a: gradScores, lda: tk, b: q, ldb: query.rowStride,
             beta: 1, c: gradKey + kvIndex, ldc: d)
      }
    }
  }
}

/// Whether one head's products are small enough that BLAS runs them on one thread (see
/// `BLASRuntime.configureThreads`): threads are then better spent on separate heads.
private func smallHeads(_ shape: AttentionShape) -> Bool {
  let (tq, tk, d) = (shape.queryLength, shape.keyLength, shape.headDim)
  return tq <= directQueryLimit || tq < BLASRuntime.multithreadingThreshold || tq * tk * d < BLASRuntime.multithreadingWork
}

/// Softmax over the visible, kept entries of one score row; masked entries become 0, and a row
/// with nothing visible becomes uniform over all `length` keys.
///
/// With a keep-mask the exponentials are computed in one branch-free (vectorized) pass and then
/// summed strictly left to right: padding contributes exact zeros, so a left-padded row sums the
/// same values in the same order as the row alone, and batched decoding stays bit-identical to
/// unbatched.
@inline(__always)
private func maskedSoftmax(
  row: UnsafeMutablePointer<Float>, length: Int, visible: Int, keep: UnsafePointer<Float>?, keepStride: Int
) {
  var largest = -Float.infinity
  if let keep, keepStride == 1 {
    largest = keptMaximum(row, keep: keep, count: visible)
  } else if let keep {
    for j in 0..<visible { largest = max(largest, keep[j * keepStride] != 0 ? row[j] : -.infinity) }
  } else {
    largest = maximum(row, count: visible)
  }
  if largest == -.infinity {
    row.update(repeating: 1 / Float(length), count: length)
    return
  }
  var total: Float = 0
  if let keep, keepStride == 1 {
    // Contiguous keep flags (the usual padding mask): this loop vectorizes.
    for j in 0..<visible {
      let e = fastExp(row[j] - largest)
      row[j] = keep[j] != 0 ? e : 0
    }
    for j in 0..<visible { total += row[j] }
  } else if let keep {
    for j in 0..<visible {
      let e = fastExp(row[j] - largest)
      row[j] = keep[j * keepStride] != 0 ? e : 0
    }
    for j in 0..<visible { total += row[j] }
  } else {
    for j in 0..<visible {
      let e = fastExp(row[j] - largest)
      row[j] = e
      total = Relaxed.sum(total, e)
    }
  }
  (row + visible).update(repeating: 0, count: length - visible)
  let inverse = 1 / total
  for j in 0..<visible { row[j] *= inverse }
}

/// The largest `x[j]` with `keep[j] != 0` (−inf if none), in 8-wide vectors. Scores are
/// finite here, so no NaN handling is needed.
@inline(__always)
private func keptMaximum(_ x: UnsafePointer<Float>, keep: UnsafePointer<Float>, count: Int) -> Float {
  var best = SIMD8<Float>(repeating: -.infinity)
  let (values, flags) = (UnsafeRawPointer(x), UnsafeRawPointer(keep))
  var j = 0
  while j + 8 <= count {
    let v = values.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
    let k = flags.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
    best.replace(with: v, where: (k .!= 0) .& (v .> best))
    j += 8
  }
  var result = best.max()
  while j < count {
    if keep[j] != 0, x[j] > result { result = x[j] }
    j += 1
  }
  return result
}

/// Whether query `i` saw no key at all (and so attended uniformly in the forward pass).
private func isUniformRow(i: Int, b: Int, h: Int, shape: AttentionShape, mask: AttentionMask) -> Bool {
  let visible = mask.causal ? min(shape.keyLength, max(0, i + shape.keyLength - shape.queryLength + 1)) : shape.keyLength
  guard let keep = mask.keep else { return visible == 0 }
  let row = keep + b * mask.keepStrides.0 + h * mask.keepStrides.1 + i * mask.keepStrides.2
  for j in 0..<visible where row[j * mask.keepStrides.3] != 0 { return false }
  return true
}

/// Attention forward computed naively in Double from the definition: the reference the
/// tests compare `attentionForward` with. Inputs are contiguous `[B, H, T, D]` arrays.
public func attentionReference(
  shape: AttentionShape, query: [Float], key: [Float], value: [Float],
  causal: Bool, keep: [Float]?, scale: Float
) -> [Float] {
  let (tq, tk, d) = (shape.queryLength, shape.keyLength, shape.headDim)
  let group = shape.heads / shape.kvHeads
  var output = [Float](repeating: 0, count: shape.batch * shape.heads * tq * d)
  for b in 0..<shape.batch {
    for h in 0..<shape.heads {
      let kvh = h / group
      for i in 0..<tq {
        var weights = [Double](repeating: 0, count: tk)
        var allowed = [Bool](repeating: false, count: tk)
        for j in 0..<tk {
          allowed[j] = (!causal || j <= i + tk - tq)
            && (keep.map { $0[((b * shape.heads + h) * tq + i) * tk + j] != 0 } ?? true)
          var s = 0.0
          for c in 0..<d {
            s += Double(query[((b * shape.heads + h) * tq + i) * d + c])
              * Double(key[((b * shape.kvHeads + kvh) * tk + j) * d + c])
          }
          weights[j] = s * Double(scale)
        }
        if !allowed.contains(true) {
          weights = [Double](repeating: 1 / Double(tk), count: tk)
        } else {
          let m = zip(weights, allowed).filter { $0.1 }.map { $0.0 }.max() ?? 0
          for j in 0..<tk { weights[j] = allowed[j] ? Glibc.exp(weights[j] - m) : 0 }
          let total = weights.reduce(0, +)
          for j in 0..<tk { weights[j] /= total }
        }
        for c in 0..<d {
          var s = 0.0
          for j in 0..<tk { s += weights[j] * Double(value[((b * shape.kvHeads + kvh) * tk + j) * d + c]) }
          output[((b * shape.heads + h) * tq + i) * d + c] = Float(s)
        }
      }
    }
  }
  return output
}
