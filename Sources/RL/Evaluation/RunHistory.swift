// RunHistory: a run directory read back — its name, configuration, per-step and per-epoch
// records — tolerating runs that are still writing or were killed mid-way.
import Foundation

/// The logs of one run, as `RunLog` wrote them into `runs/<name>/`.
///
/// Any file may be missing (a run without evaluation has no `epochs.jsonl` yet), and the last
/// line of a log may be half-written (a run still going, or killed mid-write): it is left out.
/// A malformed line anywhere else is an error naming the file and the line.
///
/// ```swift
/// let run = try RunHistory.read(directory: "runs/maye-seed0")
/// let (steps, lengths) = run.stepSeries("response/response_lengths")
/// ```
public struct RunHistory: Sendable, Equatable {
  /// The run's name: `config.json`'s `"name"` when it is a string, else the directory's name.
  public var name: String
  /// The run directory, as given.
  public var directory: String
  /// The text of `config.json`, nil when there is none.
  public var configurationText: String?
  /// One record per generation step (`metrics.jsonl`), each with its `"step"`.
  public var steps: [MetricRecord]
  /// One record per epoch (`epochs.jsonl`), each with its `"epoch"`; epoch 0 is the untrained
  /// model (the paper's Vanilla), evaluated before training.
  public var epochs: [MetricRecord]

  /// Creates a history from records already in memory.
  public init(name: String, directory: String = "", configurationText: String? = nil, steps: [MetricRecord] = [],
              epochs: [MetricRecord] = []) {
    self.name = name
    self.directory = directory
    self.configurationText = configurationText
    self.steps = steps
    self.epochs = epochs
  }

  /// The file names a run directory holds.
  public enum File {
    /// The run's configuration, a JSON object (`"name"`, `"seed"`, the settings).
    public static let configuration = "config.json"
    /// One JSON record per generation step.
    public static let steps = "metrics.jsonl"
    /// One JSON record per epoch.
    public static let epochs = "epochs.jsonl"
    /// One JSON record per response.
    public static let rollouts = "rollouts.jsonl"
  }

  /// Reads the run in `directory`.
  ///
  /// - Throws: `RLError.checkpoint` when the directory does not exist or holds neither
  ///   `metrics.jsonl` nor `epochs.jsonl`; `RLError.invalidDataset` with the file and line of
  ///   a malformed record.
  public static func read(directory: String) throws -> RunHistory {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw RLError.checkpoint(path: directory, reason: "no such run directory")
    }
    let stepsPath = path(File.steps, in: directory), epochsPath = path(File.epochs, in: directory)
    guard FileManager.default.fileExists(atPath: stepsPath) || FileManager.default.fileExists(atPath: epochsPath) else {
      throw RLError.checkpoint(path: directory, reason: "no run logs here (no \(File.steps) or \(File.epochs))")
    }
    let configurationText = FileManager.default.contents(atPath: path(File.configuration, in: directory))
      .map { String(decoding: $0, as: UTF8.self) }
    return RunHistory(
      name: try configuredName(configurationText, path: path(File.configuration, in: directory))
        ?? URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent,
      directory: directory, configurationText: configurationText,
      steps: try RunLog.read(stepsPath, allowingPartialLastLine: true),
      epochs: try RunLog.read(epochsPath, allowingPartialLastLine: true))
  }

  /// Every record of `rollouts.jsonl` (one per response; large, so read only on request).
  public static func readRollouts(directory: String) throws -> [MetricRecord] {
    try RunLog.read(path(File.rollouts, in: directory), allowingPartialLastLine: true)
  }

  static func path(_ file: String, in directory: String) -> String { (directory as NSString).appendingPathComponent(file) }

  /// `"name"` of the configuration, when it is a string; an error for a file that is not JSON.
  private static func configuredName(_ text: String?, path: String) throws -> String? {
    guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
      throw RLError.invalidDataset(path: path, line: nil, field: nil, reason: "not a JSON object")
    }
    guard let fields = object as? [String: Any] else {
      throw RLError.invalidDataset(path: path, line: nil, field: nil, reason: "not a JSON object")
    }
    return (fields["name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
  }

  // MARK: - Series

  /// The finite values of a per-step metric, against their steps, in logging order.
  public func stepSeries(_ metric: String) -> (x: [Double], y: [Double]) { Self.series(steps, metric, x: "step") }

  /// The finite values of a per-epoch metric, against their epochs; epoch 0 (the untrained
  /// model) is included when it has the metric.
  public func epochSeries(_ metric: String) -> (x: [Double], y: [Double]) { Self.series(epochs, metric, x: "epoch") }

  /// The epoch-0 record (the untrained model), if one was logged.
  public var vanilla: MetricRecord? { epochs.first { $0["epoch"]?.number == 0 } }

  /// Every metric name in the per-step records, sorted.
  public var stepMetricNames: [String] { Array(Set(steps.flatMap(\.keys))).sorted() }

  /// Every metric name in the per-epoch records, sorted.
  public var epochMetricNames: [String] { Array(Set(epochs.flatMap(\.keys))).sorted() }

  /// `metric` against `xKey` over the records having both as finite numbers.
  static func series(_ records: [MetricRecord], _ metric: String, x xKey: String) -> (x: [Double], y: [Double]) {
    var xs: [Double] = [], ys: [Double] = []
    for record in records {
      guard let x = record[xKey]?.number, let y = record[metric]?.number, x.isFinite, y.isFinite else { continue }
      xs.append(x)
      ys.append(y)
    }
    return (xs, ys)
  }
}
