// BLASRuntime: which OpenBLAS kernel runs, the thread policy per product shape, and the
// start-up choice of kernel family.
import CBLAS
import Foundation
import Synchronization

/// OpenBLAS's runtime configuration as rlnb uses it.
///
/// **Threads.** Skinny products (few rows) gain nothing from a second thread and are sometimes
/// slower with it (NATIVE.md §3: M = 4 went from 48 to 31 GFLOP/s), so they run on one thread;
/// larger ones use every thread OpenBLAS started with. The setting changes only when the class
/// of shape changes, because `openblas_set_num_threads` takes a lock.
///
/// **Kernel family.** OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library loads. Left to
/// itself, Debian's OpenBLAS 0.3.21 does not recognise recent CPUs (on a Xeon of family 6,
/// model 207 it falls back to SSE3 "Prescott" kernels: 16 GFLOP/s instead of 400), and some
/// environments preset the variable to `Haswell`, which halves GEMM speed on AVX-512 CPUs. rlnb
/// therefore owns that variable: executables call `selectKernelFamily()` first thing, which
/// re-executes the process once with the family chosen by `RLNB_BLAS_CORE`. Its default,
/// `auto`, picks from the CPU's flags: `SkylakeX` with AVX-512 (F, CD, BW, DQ, VL), `Haswell`
/// with AVX2 and FMA, otherwise OpenBLAS's own detection. To force a family, set
/// `RLNB_BLAS_CORE=Haswell` (or any OpenBLAS core name), not `OPENBLAS_CORETYPE`; `native`
/// leaves the choice to OpenBLAS. The kernel in use is reported by `coreName`.
public enum BLASRuntime {
  private static let currentThreads = Atomic<Int>(0)
  /// Products with fewer rows or columns than this run single-threaded.
  public static let multithreadingThreshold = 32
  /// Products with fewer multiply-adds than this run single-threaded: waking the second thread
  /// costs more than it saves, and on a shared machine its spin-wait steals the other core.
  public static let multithreadingWork = 1 << 22

  /// The name of the kernel family OpenBLAS selected (e.g. "Haswell", "SkylakeX", "Cooperlake").
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// OpenBLAS's build configuration string (version, threading model, dynamic architecture).
  public static var configuration: String { String(cString: openblas_get_config()) }

  /// The number of threads OpenBLAS was started with (`OPENBLAS_NUM_THREADS`, or every core),
  /// read before this policy first changes it.
  public static let maximumThreads = Int(openblas_get_num_threads())

  /// Sets OpenBLAS's thread count for a product of this shape.
  @inline(__always)
  public static func configureThreads(forRows m: Int, columns n: Int, depth k: Int) {
    let small = min(m, n) < multithreadingThreshold || m * n * k < multithreadingWork
    let wanted = small ? 1 : maximumThreads
    if currentThreads.load(ordering: .relaxed) != wanted {
      currentThreads.store(wanted, ordering: .relaxed)
      openblas_set_num_threads(Int32(wanted))
    }
  }

  /// The `OPENBLAS_CORETYPE` value rlnb wants, given the environment and the CPU's flags (as
  /// listed in /proc/cpuinfo); nil leaves the choice to OpenBLAS.
  public static func wantedCoreType(environment: [String: String], cpuFlags: Set<String>) -> String? {
    let requested = environment["RLNB_BLAS_CORE"] ?? "auto"
    switch requested.lowercased() {
    case "native": return nil
    case "auto", "":
      if cpuFlags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
      if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
      return nil
    default: return requested
    }
  }

  /// The flags of the first processor in /proc/cpuinfo (empty where that file does not exist).
  public static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
      let list = line.split(separator: ":", maxSplits: 1).last
    else { return [] }
    return Set(list.split(separator: " ").map(String.init))
  }

  /// Re-executes this process once so OpenBLAS loads with the kernel family `RLNB_BLAS_CORE`
  /// asks for (automatic detection by default). Returns without doing anything when the
  /// environment already agrees, when this is the re-executed process, or when exec fails (the
  /// process then simply continues with the kernel already loaded).
  public static func selectKernelFamily() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["RLNB_BLAS_REEXECUTED"] == nil else { return }
    let wanted = wantedCoreType(environment: environment, cpuFlags: cpuFlags())
    guard environment["OPENBLAS_CORETYPE"] != wanted else { return }
    if let wanted { setenv("OPENBLAS_CORETYPE", wanted, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
    setenv("RLNB_BLAS_REEXECUTED", "1", 1)
    let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
    execv("/proc/self/exe", arguments)
    // exec failed: keep running with the current kernel rather than fail.
    for argument in arguments { free(argument) }
  }
}
