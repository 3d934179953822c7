// CrossEntropy: fused log-softmax + negative log-likelihood over rows of logits.

/// Per-row cross-entropy: loss[r] = logsumexp(logits[r]) − logits[r, target[r]].
///
/// Rows whose target equals `ignoreIndex` get loss 0. `logSumExp` receives each row's
/// log-sum-exp for the backward pass. Targets must be in `0..<classes` or equal `ignoreIndex`.
public func crossEntropyForward(
  logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows: Int, classes: Int,
  ignoreIndex: Int32, losses: UnsafeMutablePointer<Float>, logSumExp: UnsafeMutablePointer<Float>
) {
  logSumExpRows(logits, rows: rows, length: classes, into: logSumExp)
  for r in 0..<rows {
    let target = targets[r]
    losses[r] = target == ignoreIndex ? 0 : logSumExp[r] - logits[r * classes + Int(target)]
  }
}

/// Cross-entropy backward: dlogits[r] = gradLoss[r] · (softmax(logits[r]) − onehot(target[r])),
/// and 0 for ignored rows.
public func crossEntropyBackward(
  logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, logSumExp: UnsafePointer<Float>,
  gradLoss: UnsafePointer<Float>, rows: Int, classes: Int, ignoreIndex: Int32,
  into gradLogits: UnsafeMutablePointer<Float>
) {
  parallelChunks(rows, unitWork: classes) { range in
    for r in range {
      let x = logits + r * classes, dx = gradLogits + r * classes
      let target = targets[r]
      if target == ignoreIndex {
        dx.update(repeating: 0, count: classes)
        continue
      }
      let g = gradLoss[r], shift = logSumExp[r]
      for i in 0..<classes { dx[i] = g * fastExp(x[i] - shift) }
      dx[Int(target)] -= g
    }
  }
}
