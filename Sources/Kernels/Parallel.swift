// Parallel: splits a kernel's independent work units (rows, attention heads, elements of a
// gradient) across the cores OpenBLAS uses, so attention, softmax and normalisation stop being
// the single-core part of a step whose products already run on every core.

import Dispatch
import Synchronization

/// How kernels outside BLAS use threads.
///
/// The thread count is OpenBLAS's (`OPENBLAS_NUM_THREADS`, or every core), so one setting
/// governs all of rlnb's parallelism and `OPENBLAS_NUM_THREADS=1` makes every kernel
/// single-threaded. Work is only ever split into units whose results do not depend on each
/// other (an element, a row, a head), each computed by one thread in the same order as the
/// sequential loop: the numbers are identical for any thread count.
public enum KernelThreads {
  private static let current = Atomic<Int>(max(1, BLASRuntime.maximumThreads))

  /// The number of threads a kernel splits its work across (at least 1). Changing it affects
  /// only speed: results are the same for every count.
  public static var count: Int {
    get { current.load(ordering: .relaxed) }
    set { current.store(max(1, newValue), ordering: .relaxed) }
  }

  /// Below this much work (in elements touched) per thread, waking another thread costs more
  /// than it saves. Measured on the RL step, training and decoding benchmarks: 2^14 slowed
  /// batch-1 decoding by 7 % (its attention split every token), 2^16 does not, 2^18 gains less.
  public static let minimumWorkPerThread = 1 << 16

  /// How many pieces `units` independent units of `unitWork` elements each are split into
  /// (1 for a `unitWork` of 0: work that must stay on the calling thread).
  public static func chunks(units: Int, unitWork: Int) -> Int {
    if unitWork <= 0 { return 1 }
    return max(1, min(count, units, units * unitWork / minimumWorkPerThread))
  }
}

/// Calls `body` with consecutive sub-ranges covering `0..<units`, in parallel when the work
/// (`unitWork` elements per unit) is large enough to pay for more threads; one range
/// otherwise. Ranges are disjoint, so `body` may write any unit's output without locking.
@inline(__always)
func parallelChunks(_ units: Int, unitWork: Int, _ body: (Range<Int>) -> Void) {
  let chunks = KernelThreads.chunks(units: units, unitWork: unitWork)
  if chunks <= 1 {
    if units > 0 { body(0..<units) }
    return
  }
  // Dispatch wants a Sendable closure; the ranges are disjoint and `body` returns before this
  // function does, so handing it to the workers is safe.
  withoutActuallyEscaping(body) { body in
    let shared = UncheckedSendable(body)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      shared.value(units * chunk / chunks..<units * (chunk + 1) / chunks)
    }
  }
}

/// A value the compiler cannot prove thread-safe, shared by workers that only read it.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

