// Tensor+Creation: constructors — from values, constants, ranges, identity and random draws.
import Kernels

extension Tensor {
  /// Creates a tensor of `shape` from `scalars` in row-major order.
  /// - Throws: `TensorError.invalidShape` when the counts disagree.
  public convenience init(shape: [Int], scalars: [Float]) throws {
    try Layout.validate(shape, op: "tensor")
    let layout = Layout(contiguous: shape)
    guard layout.count == scalars.count else {
      throw TensorError.invalidShape(op: "tensor", shape: shape, reason: "\(scalars.count) values given for \(layout.count) elements")
    }
    let storage = try TensorStorage<Float>(uninitializedCount: scalars.count, op: "tensor")
    scalars.withUnsafeBufferPointer { source in
      if let address = source.baseAddress { storage.pointer.update(from: address, count: scalars.count) }
    }
    self.init(storage: storage, layout: layout)
  }

  /// Creates a 0-d tensor holding `value`.
  public convenience init(_ value: Float) {
    // A single element never meets the allocation limit, so this initializer need not throw.
    let pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    pointer.initialize(to: value)
    let storage = TensorStorage<Float>(borrowing: pointer, count: 1, deallocator: { $0.deallocate() })
    self.init(storage: storage, layout: Layout(contiguous: []))
  }

  /// A tensor of `shape` filled with `value`.
  public static func full(_ shape: [Int], value: Float) throws -> Tensor {
    let result = try uninitialized(shape, op: "full")
    result.fillWithoutRecording(value)
    return result
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) throws -> Tensor { try full(shape, value: 0) }

  /// A tensor of ones.
  public static func ones(_ shape: [Int]) throws -> Tensor { try full(shape, value: 1) }

  /// The 1-d tensor start, start + step, … up to but excluding `end`.
  public static func arange(from start: Float = 0, to end: Float, step: Float = 1) throws -> Tensor {
    guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
      throw TensorError.invalidArgument(op: "arange", reason: "start, end and a non-zero step must be finite")
    }
    let count = Swift.max(0, Int((Double(end - start) / Double(step)).rounded(.up)))
    let result = try uninitialized([count], op: "arange")
    for i in 0..<count { result.base[i] = Float(Double(start) + Double(i) * Double(step)) }
    return result
  }

  /// `count` evenly spaced values from `start` to `end`, both included.
  public static func linspace(from start: Float, to end: Float, count: Int) throws -> Tensor {
    guard count >= 0 else { throw TensorError.invalidArgument(op: "linspace", reason: "count must be non-negative, got \(count)") }
    let result = try uninitialized([count], op: "linspace")
    let step = count > 1 ? (Double(end) - Double(start)) / Double(count - 1) : 0
    for i in 0..<count { result.base[i] = i == count - 1 ? end : Float(Double(start) + Double(i) * step) }
    return result
  }

  /// The `rows × columns` identity matrix (square when `columns` is nil).
  public static func eye(_ rows: Int, _ columns: Int? = nil) throws -> Tensor {
    let columns = columns ?? rows
    let result = try zeros([rows, columns])
    for i in 0..<Swift.min(rows, columns) { result.base[i * columns + i] = 1 }
    return result
  }

  /// Samples from a normal distribution with the given mean and standard deviation.
  public static func randn(
    _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, generator: inout RandomGenerator
  ) throws -> Tensor {
    let result = try uninitialized(shape, op: "randn")
    let count = result.count
    var i = 0
    while i < count {
      let (first, second) = generator.nextNormalPair()
      result.base[i] = Float(first) * standardDeviation + mean
      if i + 1 < count { result.base[i + 1] = Float(second) * standardDeviation + mean }
      i += 2
    }
    return result
  }

  /// Samples uniformly from [low, high).
  public static func rand(
    _ shape: [Int], low: Float = 0, high: Float = 1, generator: inout RandomGenerator
  ) throws -> Tensor {
    let result = try uninitialized(shape, op: "rand")
    for i in 0..<result.count { result.base[i] = low + (high - low) * generator.nextFloat() }
    return result
  }

  /// A tensor of zeros with this tensor's shape.
  public func zerosLike() throws -> Tensor { try Tensor.zeros(shape) }
}
