// Optimizer: the fused AdamW update over a contiguous run of parameters.

/// One AdamW step over `count` parameters, as PyTorch's `torch.optim.AdamW` computes it:
/// θ ← θ·(1 − lr·λ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
public func adamWStep(
  values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
  firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int,
  learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float, step: Int
) {
  let decay = 1 - learningRate * weightDecay
  let correction1 = 1 - Float(Double(beta1).power(step))
  let correction2 = (1 - Float(Double(beta2).power(step))).squareRoot()
  let stepSize = learningRate / correction1
  for i in 0..<count {
    let g = gradients[i]
    m[i] = beta1 * m[i] + (1 - beta1) * g
    v[i] = beta2 * v[i] + (1 - beta2) * g * g
    values[i] = values[i] * decay - stepSize * m[i] / (v[i].squareRoot() / correction2 + epsilon)
  }
}

extension Double {
  /// self^exponent for a non-negative integer exponent, by repeated squaring.
  func power(_ exponent: Int) -> Double {
    var result = 1.0, base = self, remaining = exponent
    while remaining > 0 {
      if remaining & 1 == 1 { result *= base }
      base *= base
      remaining >>= 1
    }
    return result
  }
}
