// Native stack headroom checks, so deep recursion raises an error instead of crashing.

#if canImport(Glibc)
  import Glibc

  // glibc declares this only under _GNU_SOURCE, which the Swift overlay does not set.
  @_silgen_name("pthread_getattr_np")
  private func pthreadGetAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#elseif canImport(Darwin)
  import Darwin
#endif

/// Knows the lowest safe stack address of the thread that created it.
///
/// Parsing, resolving and evaluating recurse on the Swift stack; a fixed depth limit alone
/// cannot be right on every thread (Swift Testing and GCD threads have smaller stacks than the
/// main thread), so deep paths also ask the real thread bounds.
struct StackGuard {
  /// Below this address, recursion stops with an error.
  private let floor: UInt

  /// Reads the current thread's stack bounds and keeps `reserve` of headroom for host code.
  init() {
    var low: UInt = 0
    var size: UInt = 0
    #if canImport(Glibc)
      var attributes = pthread_attr_t()
      if pthreadGetAttributes(pthread_self(), &attributes) == 0 {
        var address: UnsafeMutableRawPointer? = nil
        var bytes = 0
        if pthread_attr_getstack(&attributes, &address, &bytes) == 0, let address {
          low = UInt(bitPattern: address)
          size = UInt(bytes)
        }
        pthread_attr_destroy(&attributes)
      }
    #elseif canImport(Darwin)
      let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
      size = UInt(pthread_get_stacksize_np(pthread_self()))
      low = top - size
    #endif
    if size == 0 {
      // Unknown bounds: assume 512 KiB below the current frame.
      low = StackGuard.currentAddress() &- 512 * 1024
      size = 512 * 1024
    }
    let reserve = max(64 * 1024, min(256 * 1024, size / 4))
    floor = low + reserve
  }

  /// Whether the current frame is still above the safety floor.
  @inline(__always)
  func hasRoom() -> Bool { StackGuard.currentAddress() > floor }

  @inline(never)
  static func currentAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
  }
}
