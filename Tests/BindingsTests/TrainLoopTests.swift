// train_rl (stdlib/maye.rlnb) end to end: logs, evaluation, Ctrl-C after a step, and a resumed
// run that is identical to one that never stopped.

import Bindings
import Foundation
import Lang
import Testing

@Suite struct TrainLoopTests {
  /// A config for the qwen2-tiny fixture on the toy text rows: 2 epochs of 4 steps.
  func config(_ directory: URL, name: String) -> String {
    let model = repositoryFixtures.appendingPathComponent("ModelsTests/Fixtures/qwen2-tiny").path
    return """
      {name: "\(name)", runs_dir: "\(directory.path)/runs", policy: "\(model)", train: data, validation: data, images: false,
       epochs: 2, batch_size: 4, n: 2, estimator: "grpo", max_tokens: 6, minibatch: 4, lr: 1e-3, eval_size: 4,
       eval_settings: ["low", "high"], eval_max_tokens: 6, quiet: true}
      """
  }

  /// Every logged step's metrics without the wall-clock ones.
  func steps(_ interpreter: Interpreter, _ run: String) throws -> [Value] {
    guard case .list(let list) = try interpreter.value("open_run(\"\(run)\").metrics()") else { return [] }
    return list.items.map { item in
      guard case .record(let record) = item else { return item }
      return .record(Record(zip(record.keys, record.values).filter { !$0.0.hasPrefix("timing/") && !$0.0.hasPrefix("speed/") }))
    }
  }

  @Test func aRunLogsStepsAndEpochs() throws {
    let (interpreter, directory, _) = try rlInterpreter()
    let run = try interpreter.value("train_rl(\(config(directory, name: "a")))")
    guard case .record(let result) = run else { throw LangError.message("train_rl returned \(run)") }
    #expect(result["steps"] == .number(8) && result["interrupted"] == .bool(false))
    let metrics = try steps(interpreter, directory.path + "/runs/a")
    #expect(metrics.count == 8)
    #expect(try interpreter.value("open_run(\"\(directory.path)/runs/a\").epochs().map(e => e.epoch)") == .list(List([0, 1, 2].map { .number($0) })))
    let epoch = try interpreter.value("open_run(\"\(directory.path)/runs/a\").epochs()[2]")
    guard case .record(let record) = epoch else { return }
    #expect(record.keys.contains("acc/Training Set Epoch Accuracy"))
    #expect(record.keys.contains("acc/Validation Set Epoch Accuracy pass@8 Temperature=1.0"))
    #expect(FileManager.default.fileExists(atPath: directory.path + "/runs/a/checkpoint/model/model.safetensors"))
    // A finished run read again does nothing more.
    #expect(try interpreter.value("train_rl(\(config(directory, name: "a"))).steps") == .number(8))
    #expect(try steps(interpreter, directory.path + "/runs/a").count == 8)
  }

  @Test func ctrlCStopsAfterTheStepAndTheResumedRunMatchesAnUninterruptedOne() throws {
    let (straight, directory, _) = try rlInterpreter()
    try straight.value("train_rl(\(config(directory, name: "straight")))")
    let expected = try steps(straight, directory.path + "/runs/straight")

    let (interrupted, _, output) = try rlInterpreter()
    interrupted.useToyData(in: directory)
    var polls = 0
    interrupted.interruptCheck = {
      polls += 1
      return polls == 40  // one Ctrl-C, somewhere inside an early step
    }
    let first = try interrupted.value("train_rl(\(config(directory, name: "resumed")))")
    guard case .record(let result) = first, case .number(let done)? = result["steps"] else { throw LangError.message("\(first)") }
    #expect(result["interrupted"] == .bool(true))
    #expect(done >= 1 && done < 8, "stopped after \(done) steps")
    #expect(output().contains("interrupted: stopped after step \(Int(done) - 1)"))
    #expect(try steps(interrupted, directory.path + "/runs/resumed").count == Int(done))

    // A fresh process resumes from the checkpoint and finishes the run.
    let (again, _, _) = try rlInterpreter()
    again.useToyData(in: directory)
    try again.value("train_rl(\(config(directory, name: "resumed")))")
    let resumed = try steps(again, directory.path + "/runs/resumed")
    #expect(resumed.count == 8)
    #expect(resumed == expected)
  }

  @Test func aRunKilledBeforeItsFirstCheckpointStartsAgainWithoutDuplicateSteps() throws {
    let (interpreter, directory, output) = try rlInterpreter()
    try interpreter.value("train_rl(\(config(directory, name: "killed")))")
    let expected = try steps(interpreter, directory.path + "/runs/killed")
    // What a kill during the first epoch leaves: three logged steps, no epoch and no checkpoint.
    let run = directory.appendingPathComponent("runs/killed")
    try FileManager.default.removeItem(at: run.appendingPathComponent("checkpoint"))
    let metrics = run.appendingPathComponent("metrics.jsonl")
    let lines = try String(contentsOf: metrics, encoding: .utf8).split(separator: "\n")
    try (lines.prefix(3).joined(separator: "\n") + "\n").write(to: metrics, atomically: true, encoding: .utf8)
    let epochs = run.appendingPathComponent("epochs.jsonl")
    let first = try String(contentsOf: epochs, encoding: .utf8).split(separator: "\n")[0]
    try (first + "\n").write(to: epochs, atomically: true, encoding: .utf8)

    // Another config under the same name is refused; the logs stay as they were.
    let changed = config(directory, name: "killed").replacingOccurrences(of: "lr: 1e-3", with: "lr: 2e-3")
    let message = errorMessage(interpreter, "train_rl(\(changed))")
    #expect(message?.contains("has logs of another config and no checkpoint") == true, "\(message ?? "no error")")
    #expect(try steps(interpreter, run.path).count == 3)

    // The same config recomputes the three steps and logs only the rest.
    let quiet = config(directory, name: "killed").replacingOccurrences(of: "quiet: true", with: "quiet: false")
    try interpreter.value("train_rl(\(quiet))")
    #expect(output().contains("no checkpoint yet: starting again (steps up to 2 are recomputed, not logged twice)"))
    #expect(try steps(interpreter, run.path) == expected)
  }
}

extension Interpreter {
  /// Points `data` at the toy file of `directory` (so several interpreters share one run directory).
  func useToyData(in directory: URL) {
    define("data", .string(directory.appendingPathComponent("toy.jsonl").path))
  }
}
