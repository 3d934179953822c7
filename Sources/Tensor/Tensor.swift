// Tensor: an n-d float32 view over shared storage, with the bookkeeping autograd needs.
import Kernels

/// An n-dimensional array of 32-bit floats that can record the operations applied to it and
/// compute gradients in reverse mode.
///
/// A tensor is storage + layout (shape, strides, offset), as in Torch7's TH. Views such as
/// `transposed()`, `sliced(...)` or `expanded(to:)` share storage with their base, so a write
/// through a view is visible in the base. Operations return new tensors; those that fail on
/// shapes or arguments throw `TensorError`, naming the operation and the shapes.
///
/// When `requiresGrad` is set on a leaf, every operation on it (outside `withoutGradient`)
/// records how to pull gradients back; `backward()` then accumulates `.grad` on the leaves.
///
/// Tensors are reference types like PyTorch's: copying a reference shares the tensor. They
/// are not safe to mutate from several threads at once.
public final class Tensor: @unchecked Sendable {
  /// The buffer this tensor views (shared with every other view of it).
  public let storage: TensorStorage<Float>
  /// How this view's indices map onto `storage`.
  public let layout: Layout
  /// Whether operations on this tensor are recorded for `backward()`.
  public internal(set) var requiresGrad: Bool
  /// The accumulated gradient of the last `backward()` calls (leaves, and tensors that called
  /// `retainGrad()`).
  public internal(set) var grad: Tensor?
  /// The recorded operation that produced this tensor; nil for leaves.
  var node: Node?
  /// Whether a non-leaf keeps its gradient like a leaf does.
  var retainsGrad = false
  /// A buffer `backward()` accumulates into instead of allocating (set by `ParameterStore`, so
  /// gradients stay in one contiguous block the optimizer can walk).
  var boundGradient: Tensor?

  /// Creates a tensor viewing `storage` through `layout`.
  init(storage: TensorStorage<Float>, layout: Layout, requiresGrad: Bool = false) {
    self.storage = storage
    self.layout = layout
    self.requiresGrad = requiresGrad
  }

  /// Creates a contiguous tensor of `shape` with unspecified contents.
  static func uninitialized(_ shape: [Int], op: String) throws -> Tensor {
    try Layout.validate(shape, op: op)
    let layout = Layout(contiguous: shape)
    return Tensor(storage: try TensorStorage(uninitializedCount: layout.count, op: op), layout: layout)
  }

  /// The extent of each dimension.
  public var shape: [Int] { layout.shape }
  /// The element strides of each dimension.
  public var strides: [Int] { layout.strides }
  /// The number of dimensions (0 for a scalar).
  public var rank: Int { layout.rank }
  /// The number of elements.
  public var count: Int { layout.count }
  /// Whether the elements are contiguous in row-major order.
  public var isContiguous: Bool { layout.isContiguous }
  /// Whether this tensor was created by the user rather than by a recorded operation.
  public var isLeaf: Bool { node == nil }
  /// The name of the operation that produced this tensor, if it was recorded.
  public var gradientFunctionName: String? { node?.name }

  /// A pointer to the element at all-zero indices. Callers keep `self` alive while using it.
  var base: UnsafeMutablePointer<Float> { storage.pointer + layout.offset }

  /// Makes a leaf start (or stop) recording operations for autograd.
  ///
  /// - Throws: `TensorError.invalidArgument` on a non-leaf: its gradient requirement follows
  ///   from its inputs (use `detached()` to get a leaf).
  @discardableResult
  public func setRequiresGrad(_ flag: Bool = true) throws -> Tensor {
    guard isLeaf else {
      throw TensorError.invalidArgument(
        op: "requires_grad", reason: "can only be set on a leaf tensor (this one was produced by '\(node?.name ?? "?")'); detach it first")
    }
    requiresGrad = flag
    return self
  }

  /// Makes this non-leaf tensor keep its `.grad` after `backward()`, for inspection.
  public func retainGrad() { retainsGrad = true }

  /// Clears the accumulated gradient (zeroing the buffer in place when it lives in a
  /// parameter store, so the next backward accumulates into the same memory).
  public func zeroGrad() {
    boundGradient?.fillWithoutRecording(0)
    grad = nil
  }

  /// A tensor sharing this one's storage that records nothing and requires no grad.
  public func detached() -> Tensor { Tensor(storage: storage, layout: layout) }

  /// A tensor with this layout on `storage` (a view) that inherits nothing.
  func view(_ layout: Layout) -> Tensor { Tensor(storage: storage, layout: layout) }
}

extension Tensor {
  /// Sets every element to `value` without autograd checks (internal bookkeeping only).
  func fillWithoutRecording(_ value: Float) {
    withExtendedLifetime(self) {
      Kernels.fill(shape: shape, destination: base, strides: strides, value: value)
    }
    storage.noteMutation()
  }
}
