// A run's logs as a language value: `runs/<name>/` with metrics.jsonl, epochs.jsonl,
// rollouts.jsonl and config.json, appended and flushed every step.

import Foundation
import Lang
import RL

/// An open run directory (`type(log) == "run_log"`), made by `open_run(dir)`.
///
/// Appends are flushed line by line, so a killed run keeps every finished step; reopening a
/// run repairs a torn last line and skips steps that were already logged (a resumed run appends
/// without duplicating).
public final class RunLogObject: NativeObject {
  /// The log files.
  public let log: RunLog

  /// Wraps an open run log.
  public init(_ log: RunLog) { self.log = log }

  /// `run_log`.
  public var typeName: String { "run_log" }

  /// `<run_log 'runs/a': 12 steps, 3 epochs>`.
  public func describe(nested: Bool) -> String {
    let steps = log.lastStep.map { "last step \($0)" } ?? "no steps"
    let epochs = log.lastEpoch.map { ", last epoch \($0)" } ?? ""
    return "<run_log \(Format.quoted(log.directory)): \(steps)\(epochs)>"
  }

  /// `directory last_step last_epoch`.
  public var fieldNames: [String] { ["directory", "last_step", "last_epoch"] }

  /// The directory and the last logged step and epoch (nil when none).
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "directory": return .string(log.directory)
    case "last_step": return log.lastStep.map { .number(Double($0)) } ?? .nil
    case "last_epoch": return log.lastEpoch.map { .number(Double($0)) } ?? .nil
    default: return nil
    }
  }

  /// `step epoch config metrics epochs rollouts export_csv`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A run directory: log.step(n, traj, stats) appends MAYE's metrics and every response;
    log.epoch(e, {...}) appends epoch accuracies; log.config(cfg) writes config.json;
    log.metrics(), log.epochs(), log.rollouts() read them back; log.export_csv(path).
    """
  }

  static func operation<T>(_ body: () throws -> T) throws(LangError) -> T { try tensorOperation(nil, body) }

  static let table: [String: Builtin] = [
    "step": Builtin("step", signature: "run_log.step(step, traj, stats, timings = nil, extra = nil, gradient_steps = nil, style = \"maye\")",
                    doc: "Appends step's MAYE metrics (step_metrics of traj and stats, plus the extra record) to metrics.jsonl and every\nresponse to rollouts.jsonl, flushed. A step at or below the last logged one is skipped (a resumed run).\nstyle \"trl\" logs TRL's names where one exists (the dashboards read MAYE's). Returns the metrics record.") { args in
      let object = try args.receiver(as: RunLogObject.self)
      guard let trajectory = try args.value("traj").trajectoryObject else { throw args.badArgument("traj", expected: "trajectory", got: args["traj"]) }
      let statistics = try UpdateStatisticsRecords.statistics(try args.record("stats"))
      let timings = try args.timings("timings")
      let step = try args.integer("step")
      let result = RLStepResult(rollouts: trajectory.trajectory.rollouts, scores: trajectory.trajectory.scores, trajectory: trajectory.trajectory,
                                statistics: statistics, timings: timings)
      let styleName = try args.string("style")
      guard let style = MetricStyle(rawValue: styleName) else { throw args.badArgument("style", expected: "\"maye\" or \"trl\"", got: .string(styleName)) }
      var metrics = stepMetrics(result, step: step, gradientSteps: try args.optionalInteger("gradient_steps") ?? statistics.optimizerSteps, style: style)
      if case .record(let extra)? = args["extra"] {
        for (key, value) in try MetricRecords.record(extra, function: "run_log.step") { metrics[key] = value }
      }
      let rows = rolloutRecords(result)
      try operation { try object.log.append(step: step, metrics: metrics, rollouts: rows) }
      return MetricRecords.value(metrics)
    },
    "epoch": Builtin("epoch", signature: "run_log.epoch(epoch, metrics)",
                     doc: "Appends one record to epochs.jsonl (epoch 0: the untrained model); skipped when that epoch is logged already.") { args in
      let object = try args.receiver(as: RunLogObject.self)
      let metrics = try MetricRecords.record(try args.record("metrics"), function: "run_log.epoch")
      let epoch = try args.integer("epoch")
      return .bool(try operation { try object.log.append(epoch: epoch, metrics: metrics) })
    },
    "config": Builtin("config", signature: "run_log.config(config)", doc: "Writes config.json (any JSON-like record), replacing an earlier one.") { args in
      let object = try args.receiver(as: RunLogObject.self)
      let text = try JSON.encode(.record(try args.record("config")), indent: 2)
      let path = (object.log.directory as NSString).appendingPathComponent("config.json")
      try Files.write(text + "\n", to: path)
      return .nil
    },
    "metrics": Builtin("metrics", signature: "run_log.metrics()", doc: "Every record of metrics.jsonl.") { args in
      try read(args, "metrics.jsonl")
    },
    "epochs": Builtin("epochs", signature: "run_log.epochs()", doc: "Every record of epochs.jsonl.") { args in
      try read(args, "epochs.jsonl")
    },
    "rollouts": Builtin("rollouts", signature: "run_log.rollouts()", doc: "Every record of rollouts.jsonl (one per response).") { args in
      try read(args, "rollouts.jsonl")
    },
    "export_csv": Builtin("export_csv", signature: "run_log.export_csv(path, file = \"metrics.jsonl\")",
                          doc: "Writes a log file as CSV: one column per metric, one row per record.") { args in
      let object = try args.receiver(as: RunLogObject.self)
      let path = args.interpreter.resolvingPath(try args.string("path")), file = try args.string("file")
      try operation { try object.log.exportCSV(file, to: path) }
      return .nil
    },
  ]

  static func read(_ args: Arguments, _ file: String) throws(LangError) -> Value {
    let object = try args.receiver(as: RunLogObject.self)
    let records = try operation { try object.log.records(file) }
    return .list(List(records.map(MetricRecords.value)))
  }

  static let functions: [Builtin] = [
    Builtin("open_run", signature: "open_run(dir, fresh = false)",
            doc: "Opens (creating) a run directory for logging: metrics.jsonl, epochs.jsonl, rollouts.jsonl and config.json.\nA torn last line from a killed run is repaired; already logged steps are skipped on append.\nfresh: true first deletes an earlier run there (logs and checkpoint), refusing directories that hold anything else.") { args in
      let directory = args.interpreter.resolvingPath(try args.string("dir"))
      if try args.bool("fresh") { try removeRun(directory) }
      return .native(RunLogObject(try operation { try RunLog(directory: directory) }))
    },
  ]

  /// Deletes a run directory, if it only holds what runs write.
  static func removeRun(_ directory: String) throws(LangError) {
    let fileManager = FileManager.default
    guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { return }
    let runFiles: Set<String> = ["metrics.jsonl", "epochs.jsonl", "rollouts.jsonl", "config.json", "checkpoint", "checkpoint.previous"]
    let foreign = names.filter { !runFiles.contains($0) && !$0.hasPrefix("checkpoint.tmp-") }
    guard foreign.isEmpty else {
      throw LangError.message("open_run: will not delete '\(directory)': it holds \(foreign.sorted().prefix(3).joined(separator: ", ")), which runs do not write")
    }
    do { try fileManager.removeItem(atPath: directory) } catch {
      throw LangError.message("open_run: cannot delete '\(directory)': \(error.localizedDescription)")
    }
  }
}
