// AdamW: the optimizer MAYE uses, stepping every trainable parameter of a store in one pass.
import Kernels
import Tensor

/// AdamW with decoupled weight decay (Loshchilov & Hutter), numerically as PyTorch's.
///
/// The moments live in flat buffers aligned with the parameter store, and each step walks the
/// trainable parameters' slices with one fused loop. Parameters whose `requiresGrad` is off
/// (frozen with `model.freeze`) are skipped entirely: no update and no weight decay.
public final class AdamW: @unchecked Sendable {
  /// Base learning rate (the schedule multiplies it).
  public var learningRate: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  public var weightDecay: Float
  /// Multiplies `learningRate` at each step; constant by default.
  public var schedule: LearningRateSchedule
  /// Optimizer steps taken so far.
  public private(set) var stepCount = 0
  let store: ParameterStore
  let firstMoment: Tensor
  let secondMoment: Tensor

  /// An optimizer for the parameters of `store`. Defaults are MAYE's (lr 5e-6, weight decay
  /// 0.01, betas (0.9, 0.95), eps 1e-5).
  public init(
    parameters store: ParameterStore, learningRate: Float = 5e-6, beta1: Float = 0.9, beta2: Float = 0.95,
    epsilon: Float = 1e-5, weightDecay: Float = 0.01, schedule: LearningRateSchedule = .constant
  ) throws {
    self.store = store
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.schedule = schedule
    firstMoment = try wrapTensorError { try Tensor.zeros(store.values.shape) }
    secondMoment = try wrapTensorError { try Tensor.zeros(store.values.shape) }
  }

  /// The learning rate the next step will use.
  public var currentLearningRate: Float { learningRate * schedule.multiplier(step: stepCount) }

  /// The trainable parameters' slices of the flat buffers.
  private var trainableRanges: [Range<Int>] {
    store.parameters.filter { $0.tensor.requiresGrad }.map { $0.tensor.layout.offset..<($0.tensor.layout.offset + $0.tensor.count) }
  }

  /// The global L2 norm of the trainable gradients, scaled down to at most `maximumNorm` as
  /// `torch.nn.utils.clip_grad_norm_` does (factor maximumNorm / (norm + 1e-6) when below 1).
  /// Returns the norm before clipping.
  @discardableResult
  public func clipGradientNorm(to maximumNorm: Float) throws -> Float {
    let ranges = trainableRanges
    let gradients = store.gradients
    var total = 0.0
    try wrapTensorError {
      try withoutGradient {
        try gradients.withUnsafeMutableScalars { g in
          for range in ranges { for i in range { total += Double(g[i]) * Double(g[i]) } }
          let norm = Float(total.squareRoot())
          let factor = maximumNorm / (norm + 1e-6)
          if factor < 1 { for range in ranges { for i in range { g[i] *= factor } } }
        }
      }
    }
    return Float(total.squareRoot())
  }

  /// Applies one update from the accumulated gradients, then advances the schedule.
  public func step() throws {
    stepCount += 1
    let rate = learningRate * schedule.multiplier(step: stepCount - 1)
    let ranges = trainableRanges
    let (values, gradients) = (store.values, store.gradients)
    try wrapTensorError {
      try withoutGradient {
        try values.withUnsafeMutableScalars { theta in
          try gradients.withUnsafeScalars { g in
            try firstMoment.withUnsafeMutableScalars { m in
              try secondMoment.withUnsafeMutableScalars { v in
                guard let theta = theta.baseAddress, let g = g.baseAddress, let m = m.baseAddress, let v = v.baseAddress else { return }
                for range in ranges {
                  let start = range.lowerBound
                  adamWStep(values: theta + start, gradients: g + start, firstMoment: m + start, secondMoment: v + start,
                            count: range.count, learningRate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                            weightDecay: weightDecay, step: stepCount)
                }
              }
            }
          }
        }
      }
    }
  }

  /// The optimizer's state: step count and the two moment buffers (aligned with the store's
  /// flat buffers), for checkpoints.
  public var state: (stepCount: Int, firstMoment: Tensor, secondMoment: Tensor) { (stepCount, firstMoment, secondMoment) }

  /// Restores a state saved from an optimizer over a store of the same layout.
  public func restore(stepCount: Int, firstMoment m: Tensor, secondMoment v: Tensor) throws {
    guard m.shape == firstMoment.shape, v.shape == secondMoment.shape, stepCount >= 0 else {
      throw ModelError.invalidInput("optimizer state of shape \(m.shape) does not fit parameters of shape \(firstMoment.shape)")
    }
    try wrapTensorError {
      try withoutGradient {
        try firstMoment.copy(from: m)
        try secondMoment.copy(from: v)
      }
    }
    self.stepCount = stepCount
  }

  /// Clears every gradient (one fill over the flat buffer).
  public func zeroGradients() { store.zeroGradients() }
}
