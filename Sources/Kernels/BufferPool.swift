// BufferPool: 64-byte-aligned allocations, recycled by size class to avoid page faults.
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A process-wide cache of freed aligned buffers, keyed by size class.
///
/// Allocating a fresh multi-megabyte buffer costs mmap plus one page fault per 4 KiB touched,
/// measured at 2-4x the cost of the arithmetic that fills it (NATIVE.md §4.7). Tensors release
/// their storage here instead of to the allocator, and the next allocation of the same size
/// class reuses it. The pool is process-wide like `malloc` itself: it holds no tensor state,
/// only free memory, so sharing it between interpreters is safe.
public final class BufferPool: Sendable {
  /// The pool every tensor storage allocates from.
  public static let shared = BufferPool(maximumCachedBytes: 1 << 30)

  /// Buffers below this size go straight to the allocator: malloc is fast for them.
  static let minimumPooledBytes = 16 * 1024

  /// Free buffers are kept as addresses: raw pointers are not Sendable, and the pool only
  /// hands each one to a single owner at a time.
  private struct State {
    var free: [Int: [UInt]] = [:]
    var cachedBytes = 0
    var hits = 0
    var misses = 0
  }

  private let state = Mutex(State())
  private let maximumCachedBytes: Int

  /// Creates a pool that keeps at most `maximumCachedBytes` of free buffers.
  public init(maximumCachedBytes: Int) {
    self.maximumCachedBytes = maximumCachedBytes
  }

  /// The capacity actually reserved for a request of `bytes`: four size classes per doubling,
  /// so at most 25 % is wasted and similar sizes share buffers.
  public static func sizeClass(for bytes: Int) -> Int {
    if bytes <= 64 { return 64 }
    let highBit = Int.bitWidth - 1 - (bytes - 1).leadingZeroBitCount
    let step = max(64, 1 << max(0, highBit - 2))
    return (bytes + step - 1) / step * step
  }

  /// Returns an uninitialized, 64-byte-aligned buffer of at least `bytes` bytes, or nil when
  /// the system is out of memory. Release it with `release(_:bytes:)` using the same `bytes`.
  public func allocate(bytes: Int) -> UnsafeMutableRawPointer? {
    let capacity = Self.sizeClass(for: bytes)
    if capacity >= Self.minimumPooledBytes {
      let reused: UInt? = state.withLock { state in
        guard var list = state.free[capacity], let address = list.popLast() else {
          state.misses += 1
          return nil
        }
        state.free[capacity] = list
        state.cachedBytes -= capacity
        state.hits += 1
        return address
      }
      if let reused, let pointer = UnsafeMutableRawPointer(bitPattern: reused) { return pointer }
    }
    var pointer: UnsafeMutableRawPointer?
    guard posix_memalign(&pointer, 64, capacity) == 0 else { return nil }
    return pointer
  }

  /// Returns a buffer obtained from `allocate(bytes:)` to the pool (or to the system when the
  /// pool is full).
  public func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
    let capacity = Self.sizeClass(for: bytes)
    if capacity >= Self.minimumPooledBytes {
      let kept = state.withLock { state -> Bool in
        guard state.cachedBytes + capacity <= maximumCachedBytes else { return false }
        state.free[capacity, default: []].append(UInt(bitPattern: pointer))
        state.cachedBytes += capacity
        return true
      }
      if kept { return }
    }
    free(pointer)
  }

  /// Frees every cached buffer, returning the memory to the system.
  public func trim() {
    let addresses = state.withLock { state -> [UInt] in
      let all = state.free.values.flatMap { $0 }
      state.free = [:]
      state.cachedBytes = 0
      return all
    }
    for address in addresses { free(UnsafeMutableRawPointer(bitPattern: address)) }
  }

  /// Bytes currently cached, and how many pooled requests were served from the cache.
  public var statistics: (cachedBytes: Int, hits: Int, misses: Int) {
    state.withLock { ($0.cachedBytes, $0.hits, $0.misses) }
  }
}
