// Benchmarks: rlnb's performance claims, measured side by side in one run (see bench/README.md).
import ArgumentParser
import Foundation
import Kernels

/// Which group of benchmarks to run.
enum BenchmarkGroup: String, ExpressibleByArgument, CaseIterable {
  case gemm, elementwise, block, generate, train, rl
}

@main
struct Benchmarks: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "Benchmarks",
    abstract: "Measure rlnb's kernels against bare OpenBLAS and, optionally, PyTorch on this machine.",
    discussion: "Run in release: swift run -c release Benchmarks [--python /tmp/venv-base/bin/python]")

  @Option(help: "Measurement rounds; each variant's best round is reported (rl: timed steps, their median is reported).")
  var rounds = 5

  @Option(help: "Minimum seconds per measurement.")
  var minimumSeconds = 0.25

  @Option(name: .customLong("only"), help: "Run only these groups (gemm, elementwise, block, generate, train, rl).")
  var groups: [BenchmarkGroup] = BenchmarkGroup.allCases

  @Option(help: "A Python interpreter with torch: runs bench/pytorch_reference.py for side-by-side numbers.")
  var python: String?

  @Option(help: "Model sizes for the generate and train groups (S, M, L).")
  var sizes = "S,M,L"

  @Option(help: "The directory of the PyTorch baseline scripts (bench_generate.py, bench_train.py, bench_rl_step.py, bench_trl_grpo.py).")
  var baseline = "../shared/baseline"

  @Option(help: "Model sizes for the rl group (S, M, L); TRL runs for S only.")
  var rlSizes = "S"

  @Flag(help: "Skip TRL's GRPOTrainer in the rl group (it needs trl installed for --python).")
  var noTRL = false

  @Option(help: "Before each timed RL step, wait up to this many seconds for other processes to go idle, and retry disturbed steps, as the baseline scripts do (0: neither, on both sides).")
  var quietWait = 300.0

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
    try runModelBenchmarks()
    if groups.contains(.rl) {
      try runRLStepBenchmark(sizes: rlSizes.split(separator: ",").map(String.init), runs: rounds, python: python, baseline: baseline,
                             runningTRL: !noTRL, quietWait: quietWait)
    }
    if groups.contains(.block) {
      let ours = try runBlockBenchmark(rounds: rounds, minimumSeconds: minimumSeconds, batch: batch, length: length)
      if let python {
        try compareWithPyTorch(python: python, arguments: ["block", "--rounds", "\(rounds)", "--batch", "\(batch)", "--length", "\(length)"],
                               ours: ours, unit: "ms forward+backward", higherIsBetter: false)
      }
    }
  }

  private func runModelBenchmarks() throws {
    let chosen = sizes.split(separator: ",").map(String.init)
    if groups.contains(.generate) {
      let ours = try runGenerationBenchmark(rounds: rounds, minimumSeconds: minimumSeconds, sizes: chosen, batches: [1, 32])
      if let python {
        let lines = try runBaseline(python: python, script: baseline + "/bench_generate.py",
                                    arguments: ["--sizes", sizes, "--batches", "1,32", "--runs", "\(rounds)"])
        print("\nSide by side with PyTorch (new tokens/s; ratio = rlnb / PyTorch):\n")
        let table = Table("case", "rlnb", "PyTorch own loop", "ratio", "PyTorch generate()", "ratio")
        for key in ours.keys.sorted() {
          guard let mine = ours[key] else { continue }
          func torch(_ method: String) -> Double? {
            lines.first { "\($0["size"] ?? "") batch \($0["batch"] ?? "")" == key && $0["method"] as? String == method }?["new_tokens_per_s_median"] as? Double
          }
          let manual = torch("manual"), generate = torch("hf_generate")
          table.row(key, fixed(mine, 0), manual.map { fixed($0, 0) } ?? "–", manual.map { fixed(mine / $0, 2) } ?? "–",
                    generate.map { fixed($0, 0) } ?? "–", generate.map { fixed(mine / $0, 2) } ?? "–")
        }
      }
    }
    if groups.contains(.train) {
      let ours = try runTrainingBenchmark(rounds: rounds, minimumSeconds: minimumSeconds, sizes: chosen, batch: 16, length: 128)
      if let python {
        let lines = try runBaseline(python: python, script: baseline + "/bench_train.py", arguments: ["--sizes", sizes, "--runs", "\(rounds)"])
        print("\nSide by side with PyTorch (training tokens/s; ratio = rlnb / PyTorch):\n")
        let table = Table("size", "rlnb", "PyTorch", "ratio")
        for key in ours.keys.sorted() {
          guard let mine = ours[key] else { continue }
          let torch = lines.first { $0["size"] as? String == key }?["tokens_per_s_median"] as? Double
          table.row(key, fixed(mine, 0), torch.map { fixed($0, 0) } ?? "–", torch.map { fixed(mine / $0, 2) } ?? "–")
        }
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
