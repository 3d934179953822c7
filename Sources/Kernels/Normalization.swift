// Normalization: fused RMSNorm and LayerNorm over contiguous rows, forward and backward.

/// RMSNorm forward, as Qwen2 computes it: y = w ⊙ (x · r) with r = 1/√(mean(x²) + eps).
///
/// - Parameters:
///   - input: `[rows, dim]`, contiguous.
///   - weight: `[dim]`, or nil for no scale.
///   - output: `[rows, dim]`.
///   - rstd: `[rows]`, receives r for the backward pass.
public func rmsNormForward(
  _ input: UnsafePointer<Float>, weight: UnsafePointer<Float>?, rows: Int, dim: Int, eps: Float,
  into output: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: dim) { range in
    for r in range {
      let x = input + r * dim, y = output + r * dim
      let meanSquare = dot(x, x, count: dim) / Float(dim)
      let scale = 1 / (meanSquare + eps).squareRoot()
      rstd[r] = scale
      if let w = weight {
        for i in 0..<dim { y[i] = w[i] * (x[i] * scale) }
      } else {
        for i in 0..<dim { y[i] = x[i] * scale }
      }
    }
  }
}

/// RMSNorm backward. With h = w ⊙ g: dx = r·h − (r³/dim)·x·Σ(h ⊙ x); dw += Σ_rows g ⊙ x·r.
///
/// `gradWeight` (when non-nil) is accumulated into, like every parameter gradient.
public func rmsNormBackward(
  _ input: UnsafePointer<Float>, weight: UnsafePointer<Float>?, rstd: UnsafePointer<Float>,
  gradOutput: UnsafePointer<Float>, rows: Int, dim: Int,
  gradInput: UnsafeMutablePointer<Float>, gradWeight: UnsafeMutablePointer<Float>?
) {
  let h = UnsafeMutablePointer<Float>.allocate(capacity: max(dim, 1))
  defer { h.deallocate() }
  for r in 0..<rows {
    let x = input + r * dim, g = gradOutput + r * dim, dx = gradInput + r * dim
    let scale = rstd[r]
    if let w = weight {
      for i in 0..<dim { h[i] = w[i] * g[i] }
    } else {
      h.update(from: g, count: dim)
    }
    let projection = dot(h, x, count: dim) * scale * scale * scale / Float(dim)
    for i in 0..<dim { dx[i] = scale * h[i] - projection * x[i] }
    if let dw = gradWeight {
      for i in 0..<dim { dw[i] += g[i] * x[i] * scale }
    }
  }
}

/// LayerNorm forward: y = (x − μ)·r ⊙ w + b with r = 1/√(var(x) + eps), biased variance.
///
/// - Parameters:
///   - weight, bias: `[dim]` each, or nil.
///   - mean, rstd: `[rows]`, receive μ and r for the backward pass.
public func layerNormForward(
  _ input: UnsafePointer<Float>, weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
  rows: Int, dim: Int, eps: Float,
  into output: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>,
  rstd: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: dim) { range in
    for r in range {
      let x = input + r * dim, y = output + r * dim
      let mu = sum(x, count: dim) / Float(dim)
      var squares: Float = 0
      for i in 0..<dim {
        let d = x[i] - mu
        squares += d * d
      }
      let scale = 1 / (squares / Float(dim) + eps).squareRoot()
      mean[r] = mu
      rstd[r] = scale
      for i in 0..<dim {
        var v = (x[i] - mu) * scale
        if let w = weight { v *= w[i] }
        if let b = bias { v += b[i] }
        y[i] = v
      }
    }
  }
}

/// LayerNorm backward. With x̂ = (x − μ)·r and h = g ⊙ w:
/// dx = r·(h − mean(h) − x̂·mean(h ⊙ x̂)); dw += Σ g ⊙ x̂; db += Σ g.
public func layerNormBackward(
  _ input: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
  mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
  gradOutput: UnsafePointer<Float>, rows: Int, dim: Int,
  gradInput: UnsafeMutablePointer<Float>,
  gradWeight: UnsafeMutablePointer<Float>?, gradBias: UnsafeMutablePointer<Float>?
) {
  let h = UnsafeMutablePointer<Float>.allocate(capacity: max(dim, 1))
  let normalized = UnsafeMutablePointer<Float>.allocate(capacity: max(dim, 1))
  defer {
    h.deallocate()
    normalized.deallocate()
  }
  for r in 0..<rows {
    let x = input + r * dim, g = gradOutput + r * dim, dx = gradInput + r * dim
    let mu = mean[r], scale = rstd[r]
    for i in 0..<dim {
      normalized[i] = (x[i] - mu) * scale
      h[i] = weight.map { $0[i] * g[i] } ?? g[i]
    }
    let meanH = sum(h, count: dim) / Float(dim)
    let meanHX = dot(h, normalized, count: dim) / Float(dim)
    for i in 0..<dim { dx[i] = scale * (h[i] - meanH - normalized[i] * meanHX) }
    if let dw = gradWeight { for i in 0..<dim { dw[i] += g[i] * normalized[i] } }
    if let db = gradBias { for i in 0..<dim { db[i] += g[i] } }
  }
}
