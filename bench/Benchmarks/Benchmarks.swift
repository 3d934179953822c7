// Benchmarks: rlnb's performance claims, measured side by side in one run (see bench/README.md).
import ArgumentParser
import Foundation
import Kernels

/// Which group of benchmarks to run.
enum BenchmarkGroup: String, ExpressibleByArgument, CaseIterable {
  case gemm, elementwise, block
}

@main
struct Benchmarks: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "Benchmarks",
    abstract: "Measure rlnb's kernels against bare OpenBLAS and, optionally, PyTorch on this machine.",
    discussion: "Run in release: swift run -c release Benchmarks [--python /tmp/venv-base/bin/python]")

  @Option(help: "Measurement rounds; each variant's best round is reported.")
  var rounds = 5

  @Option(help: "Minimum seconds per measurement.")
  var minimumSeconds = 0.25

  @Option(name: .customLong("only"), help: "Run only these groups (gemm, elementwise, block).")
  var groups: [BenchmarkGroup] = BenchmarkGroup.allCases

  @Option(help: "A Python interpreter with torch: runs bench/pytorch_reference.py for side-by-side numbers.")
  var python: String?

  @Option(help: "Batch size of the decoder-layer benchmark.")
  var batch = 16

  @Option(help: "Sequence length of the decoder-layer benchmark.")
  var length = 128

  func run() throws {
    BLASRuntime.selectKernelFamily()
    printMachine()
    if groups.contains(.gemm) { try runGEMMBenchmark(rounds: rounds, minimumSeconds: minimumSeconds) }
    if groups.contains(.elementwise) {
      let ours = try runElementwiseBenchmark(rounds: rounds, minimumSeconds: minimumSeconds)
      if let python { try compareWithPyTorch(python: python, arguments: ["elementwise", "--rounds", "\(rounds)"], ours: ours, unit: "GB/s", higherIsBetter: true) }
    }
    if groups.contains(.block) {
      let ours = try runBlockBenchmark(rounds: rounds, minimumSeconds: minimumSeconds, batch: batch, length: length)
      if let python {
        try compareWithPyTorch(python: python, arguments: ["block", "--rounds", "\(rounds)", "--batch", "\(batch)", "--length", "\(length)"],
                               ours: ours, unit: "ms forward+backward", higherIsBetter: false)
      }
    }
  }

  private func printMachine() {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    print("## rlnb benchmarks")
    print("")
    print("- date: \(ISO8601DateFormatter().string(from: Date()))")
    print("- CPU: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("- OpenBLAS: \(BLASRuntime.configuration); kernel in use: \(BLASRuntime.coreName), \(BLASRuntime.maximumThreads) threads")
    fflush(nil)
  }

  /// Runs the PyTorch side of a benchmark and prints both with their ratio.
  private func compareWithPyTorch(python: String, arguments: [String], ours: [String: Double], unit: String, higherIsBetter: Bool) throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("pytorch_reference.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let theirs = try JSONSerialization.jsonObject(with: output) as? [String: Double]
    else {
      print("\n(PyTorch side failed: \(python) \(script) exited with \(process.terminationStatus))")
      return
    }
    print("\nSide by side with PyTorch (\(unit); ratio > 1 means rlnb is faster):\n")
    let table = Table("case", "rlnb", "PyTorch", "ratio")
    for key in ours.keys.sorted() {
      guard let mine = ours[key], let torch = theirs[key] else { continue }
      table.row(key, fixed(mine, 2), fixed(torch, 2), fixed(higherIsBetter ? mine / torch : torch / mine, 2))
    }
  }
}
