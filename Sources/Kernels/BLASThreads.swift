// BLASThreads: which OpenBLAS kernel runs, and how many threads each product shape gets.
import CBLAS
import Synchronization

/// OpenBLAS's runtime configuration, and the thread policy for products.
///
/// Skinny products (few rows) gain nothing from a second thread and are sometimes slower with
/// it (NATIVE.md §3: M = 4 went from 48 to 31 GFLOP/s), so they run on one thread; larger ones
/// use every thread OpenBLAS was started with. The setting changes only when the class of
/// shape changes, because `openblas_set_num_threads` takes a lock.
public enum BLASThreads {
  private static let current = Atomic<Int>(0)
  /// Products with fewer rows and columns than this run single-threaded.
  public static let multithreadingThreshold = 16

  /// The name of the kernel family OpenBLAS selected (e.g. "Haswell", "SkylakeX", "Cooperlake").
  /// The environment variable `OPENBLAS_CORETYPE` forces it when the library loads.
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// OpenBLAS's build configuration string (version, threading model, dynamic architecture).
  public static var configuration: String { String(cString: openblas_get_config()) }

  /// The number of threads OpenBLAS was started with (`OPENBLAS_NUM_THREADS`, or every core),
  /// read before this policy first changes it.
  public static let maximumThreads = Int(openblas_get_num_threads())

  /// Sets OpenBLAS's thread count for a product of this shape.
  @inline(__always)
  public static func configure(forRows m: Int, columns n: Int, depth k: Int) {
    let small = min(m, n) < multithreadingThreshold || m * n * k < 64 * 64 * 64
    let wanted = small ? 1 : maximumThreads
    if current.load(ordering: .relaxed) != wanted {
      current.store(wanted, ordering: .relaxed)
      openblas_set_num_threads(Int32(wanted))
    }
  }
}
