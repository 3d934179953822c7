// TensorStorage: the reference-counted, 64-byte-aligned buffer that tensors and their views share.
import Foundation
import Kernels

/// A flat buffer of elements shared by a tensor and all of its views.
///
/// Memory comes from `BufferPool.shared` and returns to it when the last tensor using it goes
/// away. `version` counts in-place writes, so autograd can tell that a tensor it saved for the
/// backward pass was changed afterwards.
public final class TensorStorage<Element: BitwiseCopyable>: @unchecked Sendable {
  /// The first element.
  public let pointer: UnsafeMutablePointer<Element>
  /// The number of elements.
  public let count: Int
  /// Incremented by every in-place write through any view of this storage.
  public internal(set) var version = 0
  private let release: Release

  private enum Release {
    case pool(bytes: Int)
    case custom(@Sendable (UnsafeMutableRawPointer) -> Void)
  }

  /// The largest single allocation allowed, in bytes: `RLNB_MAX_TENSOR_BYTES` when set, else
  /// the machine's physical memory. A larger request is a runaway (a wrong shape), not a plan.
  /// Read once: every allocation checks it.
  public static var allocationLimit: Int { cachedAllocationLimit }

  /// Allocates uninitialized storage for `count` elements.
  /// - Throws: `TensorError.allocationTooLarge` past `allocationLimit`, `.outOfMemory` if the
  ///   system refuses.
  public init(uninitializedCount count: Int, op: String) throws {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
    let limit = Self.allocationLimit
    if overflow || count < 0 || bytes > limit {
      throw TensorError.allocationTooLarge(op: op, bytes: overflow ? Int.max : bytes, limit: limit)
    }
    guard let raw = BufferPool.shared.allocate(bytes: max(bytes, 1)) else {
      throw TensorError.outOfMemory(op: op, bytes: bytes)
    }
    self.pointer = raw.bindMemory(to: Element.self, capacity: max(count, 1))
    self.count = count
    self.release = .pool(bytes: max(bytes, 1))
  }

  /// Wraps memory owned elsewhere (a memory-mapped file), calling `deallocator` when released.
  public init(
    borrowing pointer: UnsafeMutablePointer<Element>, count: Int,
    deallocator: @escaping @Sendable (UnsafeMutableRawPointer) -> Void
  ) {
    self.pointer = pointer
    self.count = count
    self.release = .custom(deallocator)
  }

  deinit {
    switch release {
    case .pool(let bytes): BufferPool.shared.release(UnsafeMutableRawPointer(pointer), bytes: bytes)
    case .custom(let deallocator): deallocator(UnsafeMutableRawPointer(pointer))
    }
  }

  /// Records an in-place write.
  func noteMutation() { version &+= 1 }
}

/// `TensorStorage.allocationLimit`, computed on first use.
private let cachedAllocationLimit: Int = {
  if let text = ProcessInfo.processInfo.environment["RLNB_MAX_TENSOR_BYTES"], let limit = Int(text), limit > 0 {
    return limit
  }
  return Int(clamping: ProcessInfo.processInfo.physicalMemory)
}()
