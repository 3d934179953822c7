// The run as a language value: a run directory's logs read back, for dashboards and tables.

import Foundation
import Lang
import RL

/// A run in the language (`type(r) == "run"`), made by `load_run(dir)`.
///
/// It holds what `RunLog` wrote into the directory: `r.name` (config.json's `"name"`, else the
/// directory's name), `r.directory`, `r.config` (config.json as a record, `{}` without one),
/// `r.metrics` (one record per generation step), `r.epochs` (one record per epoch, epoch 0 the
/// untrained model) and `r.rollouts` (one record per response: nil unless loaded with
/// `load_run(dir, rollouts: true)` or `r.load_rollouts()`, since it is large). It prints
/// short, so a list of runs stays readable; `r.reload()` reads the directory again.
public final class RunObject: NativeObject {
  /// The logs as read.
  public private(set) var history: RunHistory
  /// config.json as a language value.
  private var configuration: Value
  /// `rollouts.jsonl` as a list of records, once loaded.
  private var rollouts: Value?
  /// `metrics` and `epochs` as language lists, made on first access.
  private var cachedSteps: Value?, cachedEpochs: Value?

  /// Reads the run in `directory` (and its rollouts when `rollouts` is true).
  ///
  /// - Throws: a `LangError` prefixed with `function`, naming the directory when it has no
  ///   logs, the file and line of a malformed record, or config.json's position of a JSON error.
  public init(directory: String, rollouts: Bool = false, function: String) throws(LangError) {
    history = try Self.read(directory, function: function)
    configuration = try Self.configuration(of: history, function: function)
    if rollouts { try loadRollouts(function: function) }
  }

  /// Reads a run directory, with errors prefixed by `function`.
  static func read(_ directory: String, function: String) throws(LangError) -> RunHistory {
    do { return try RunHistory.read(directory: directory) } catch { throw LangError.message("\(function): \(error)") }
  }

  private static func configuration(of history: RunHistory, function: String) throws(LangError) -> Value {
    guard let text = history.configurationText, !text.allSatisfy(\.isWhitespace) else { return .record(Record()) }
    do { return try JSON.parse(text) } catch {
      let path = RunHistory.File.configuration
      throw LangError.message("\(function): \((history.directory as NSString).appendingPathComponent(path)):\(error.line):\(error.column): invalid JSON: \(error.message)")
    }
  }

  /// Reads `rollouts.jsonl` into `rollouts`.
  private func loadRollouts(function: String) throws(LangError) {
    do {
      rollouts = Self.list(try RunHistory.readRollouts(directory: history.directory), first: "step")
    } catch {
      throw LangError.message("\(function): \(error)")
    }
  }

  /// `run`.
  public var typeName: String { "run" }

  /// `<run "seed0": 120 steps, epochs 0-30 in 'runs/seed0'>`.
  public func describe(nested: Bool) -> String {
    let epochs = history.epochs.compactMap { $0["epoch"]?.number }
    let span = epochs.isEmpty ? "no epochs" : epochs.count == 1 ? "epoch \(Format.number(epochs[0]))"
      : "epochs \(Format.number(epochs.min() ?? 0))-\(Format.number(epochs.max() ?? 0))"
    return "<run \(Format.quoted(history.name)): \(history.steps.count) steps, \(span) in \(Format.quoted(history.directory))>"
  }

  /// `name directory config metrics epochs rollouts`.
  public var fieldNames: [String] { ["name", "directory", "config", "metrics", "epochs", "rollouts"] }

  /// The run's fields; `metrics` and `epochs` are built once and then shared.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "name": return .string(history.name)
    case "directory": return .string(history.directory)
    case "config": return configuration
    case "metrics":
      if cachedSteps == nil { cachedSteps = Self.list(history.steps, first: "step") }
      return cachedSteps
    case "epochs":
      if cachedEpochs == nil { cachedEpochs = Self.list(history.epochs, first: "epoch") }
      return cachedEpochs
    case "rollouts": return rollouts ?? .nil
    default: return nil
    }
  }

  /// `reload load_rollouts`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    The logs of one run directory (load_run(dir)): r.metrics has one record per generation step,
    r.epochs one per epoch (epoch 0: the untrained model), r.config is config.json. Pass runs
    to plot_dynamics, plot_words and summarize_runs; r.reload() reads the directory again.
    """
  }

  private static let table: [String: Builtin] = [
    "reload": Builtin("reload", signature: "run.reload()",
                      doc: "Reads the run directory again (a run still training has logged more) and returns the run.") { args in
      let run = try args.receiver(as: RunObject.self)
      let history = try read(run.history.directory, function: "reload")
      let configuration = try RunObject.configuration(of: history, function: "reload")
      let hadRollouts = run.rollouts != nil
      (run.history, run.configuration, run.cachedSteps, run.cachedEpochs, run.rollouts) = (history, configuration, nil, nil, nil)
      if hadRollouts { try run.loadRollouts(function: "reload") }
      return .native(run)
    },
    "load_rollouts": Builtin("load_rollouts", signature: "run.load_rollouts()",
                             doc: "Reads rollouts.jsonl (one record per response) into run.rollouts and returns that list.") { args in
      let run = try args.receiver(as: RunObject.self)
      try run.loadRollouts(function: "load_rollouts")
      return run.rollouts ?? .nil
    },
  ]

  // MARK: - Records as values

  /// Records as a list of language records: `first` (step or epoch) first, then the metric
  /// names sorted. RunLog writes non-finite numbers as "nan", "inf" and "-inf"; they come
  /// back as numbers.
  static func list(_ records: [MetricRecord], first: String) -> Value {
    .list(List(records.map { record in
      let keys = record.keys.sorted { ($0 == first) != ($1 == first) ? $0 == first : $0 < $1 }
      return .record(Record(keys.map { key in (key, value(record[key])) }))
    }))
  }

  private static func value(_ metric: MetricValue?) -> Value {
    switch metric {
    case .number(let n)?: return .number(n)
    case .text(let text)?:
      switch text {
      case "nan": return .number(.nan)
      case "inf": return .number(.infinity)
      case "-inf": return .number(-.infinity)
      default: return .string(text)
      }
    case nil: return .nil
    }
  }
}
