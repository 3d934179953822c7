// Measurement: best-of-N timing, interleaved so compared variants see the same machine state.
import Foundation

/// Wall-clock seconds from a monotonic clock.
func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Times `body` once, repeating it until at least `minimumSeconds` pass, and returns the
/// seconds per call.
func secondsPerCall(minimumSeconds: Double, _ body: () throws -> Void) rethrows -> Double {
  var calls = 0
  let start = now()
  var elapsed = 0.0
  repeat {
    try body()
    calls += 1
    elapsed = now() - start
  } while elapsed < minimumSeconds
  return elapsed / Double(calls)
}

/// The best (smallest) seconds per call of each variant, measured in alternating rounds.
///
/// The machine is shared and noisy (±10 %, occasional 2× outliers); alternating the variants
/// exposes them to the same disturbances, and the minimum over rounds discards the outliers.
func compare(rounds: Int, minimumSeconds: Double, _ variants: [() throws -> Void]) throws -> [Double] {
  for variant in variants { try variant() }  // warm-up: page in buffers, start BLAS threads
  var best = [Double](repeating: .infinity, count: variants.count)
  for _ in 0..<rounds {
    for (index, variant) in variants.enumerated() {
      best[index] = min(best[index], try secondsPerCall(minimumSeconds: minimumSeconds, variant))
    }
  }
  return best
}

/// A Markdown table printed row by row.
struct Table {
  let columns: [String]

  init(_ columns: String...) {
    self.columns = columns
    print("| " + columns.joined(separator: " | ") + " |")
    print("|" + columns.map { _ in "---:" }.joined(separator: "|") + "|")
  }

  func row(_ cells: String...) {
    print("| " + cells.joined(separator: " | ") + " |")
    fflush(nil)
  }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
