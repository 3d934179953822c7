// RunLog: a run's logs on disk — metrics.jsonl per step, epochs.jsonl, rollouts.jsonl and
// config.json — appended and flushed as the run goes, and resumable without duplicate steps.
import Foundation

/// One logged record: metric name → number or text, written as one JSON line.
public typealias MetricRecord = [String: MetricValue]

/// A metric's value: a number, or text (run names, example responses).
public enum MetricValue: Sendable, Equatable, Codable {
  case number(Double)
  case text(String)

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let value): try value.isFinite ? container.encode(value) : container.encode(String(describing: value))
    case .text(let value): try container.encode(value)
    }
  }

  /// The number, if this is one.
  public var number: Double? { if case .number(let value) = self { return value } else { return nil } }
}

/// The log directory of one run: `runs/<name>/`.
///
/// Every `append` writes one JSON line and flushes it, so a killed run keeps every finished
/// step. Opening an existing directory drops a half-written last line and remembers the last
/// logged step, and `append(step:...)` skips steps already logged — a resumed run appends
/// without duplicating.
public final class RunLog: @unchecked Sendable {
  /// The run directory.
  public let directory: String
  /// The last step already in `metrics.jsonl` (nil for a new run).
  public private(set) var lastStep: Int?
  /// The last epoch already in `epochs.jsonl`.
  public private(set) var lastEpoch: Int?

  /// Opens (creating if needed) the run directory, repairing a truncated last line.
  public init(directory: String) throws {
    self.directory = directory
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw RLError.checkpoint(path: directory, reason: "cannot create the run directory: \(error.localizedDescription)")
    }
    lastStep = try Self.repair(path(for: "metrics.jsonl"), key: "step")
    lastEpoch = try Self.repair(path(for: "epochs.jsonl"), key: "epoch")
    _ = try Self.repair(path(for: "rollouts.jsonl"), key: "step")
  }

  func path(for file: String) -> String { (directory as NSString).appendingPathComponent(file) }

  /// Writes the run's configuration (`config.json`), replacing an earlier one.
  public func writeConfiguration(_ configuration: [String: MetricValue]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do { try encoder.encode(configuration).write(to: URL(fileURLWithPath: path(for: "config.json")), options: .atomic) } catch {
      throw RLError.checkpoint(path: path(for: "config.json"), reason: "\(error.localizedDescription)")
    }
  }

  /// Appends one step's metrics (and its rollouts) unless that step was already logged.
  /// Returns false when it skipped a duplicate.
  @discardableResult
  public func append(step: Int, metrics: MetricRecord, rollouts: [MetricRecord] = []) throws -> Bool {
    if let lastStep, step <= lastStep { return false }
    var record = metrics
    record["step"] = .number(Double(step))
    try Self.appendLines([record], to: path(for: "metrics.jsonl"))
    try Self.appendLines(rollouts.map { var row = $0; row["step"] = .number(Double(step)); return row }, to: path(for: "rollouts.jsonl"))
    lastStep = step
    return true
  }

  /// Appends one epoch's metrics unless that epoch was already logged.
  @discardableResult
  public func append(epoch: Int, metrics: MetricRecord) throws -> Bool {
    if let lastEpoch, epoch <= lastEpoch { return false }
    var record = metrics
    record["epoch"] = .number(Double(epoch))
    try Self.appendLines([record], to: path(for: "epochs.jsonl"))
    lastEpoch = epoch
    return true
  }

  /// Every record of `file` (`metrics.jsonl`, `epochs.jsonl`, `rollouts.jsonl`).
  public func records(_ file: String) throws -> [MetricRecord] { try Self.read(path(for: file)) }

  /// Reads a JSONL metric file (none when it does not exist); a malformed line is an
  /// `RLError.invalidDataset` naming the file and its 1-based line.
  ///
  /// With `allowingPartialLastLine`, a last line without its newline that does not parse is
  /// left out instead: the half-written record of a run that is still writing, or was killed
  /// mid-write (what `RunLog(directory:)` repairs when it reopens the run).
  public static func read(_ path: String, allowingPartialLastLine: Bool = false) throws -> [MetricRecord] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    var records: [MetricRecord] = []
    for (index, line) in lines.enumerated() where !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
      do { records.append(try JSONDecoder().decode(MetricRecord.self, from: Data(line))) } catch {
        if allowingPartialLastLine && index == lines.count - 1 { break }  // no newline after it: still being written
        throw RLError.invalidDataset(path: path, line: index + 1, field: nil, reason: "not a metric record")
      }
    }
    return records
  }

  /// Writes `file` as CSV (one column per metric name, sorted; empty where a record lacks it).
  public func exportCSV(_ file: String = "metrics.jsonl", to csvPath: String) throws {
    let rows = try records(file)
    // `step` and `epoch` first, then the metrics by name.
    func rank(_ name: String) -> Int { name == "step" ? 0 : name == "epoch" ? 1 : 2 }
    let columns = Array(Set(rows.flatMap(\.keys))).sorted { (rank($0), $0) < (rank($1), $1) }
    func cell(_ value: MetricValue?) -> String {
      switch value {
      case .number(let number): return number == number.rounded() && Swift.abs(number) < 1e15 ? String(Int(number)) : String(number)
      case .text(let text): return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      case nil: return ""
      }
    }
    let text = ([columns.joined(separator: ",")] + rows.map { row in columns.map { cell(row[$0]) }.joined(separator: ",") }).joined(separator: "\n") + "\n"
    do { try text.write(toFile: csvPath, atomically: true, encoding: .utf8) } catch {
      throw RLError.checkpoint(path: csvPath, reason: error.localizedDescription)
    }
  }

  /// Appends JSON lines and flushes them to disk.
  static func appendLines(_ records: [MetricRecord], to path: String) throws {
    guard !records.isEmpty else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var data = Data()
    for record in records {
      data.append(try encoder.encode(record))
      data.append(UInt8(ascii: "\n"))
    }
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw RLError.checkpoint(path: path, reason: "cannot open for appending") }
    defer { try? handle.close() }
    do {
      try handle.seekToEnd()
      try handle.write(contentsOf: data)
      try handle.synchronize()
    } catch {
      throw RLError.checkpoint(path: path, reason: "cannot append: \(error.localizedDescription)")
    }
  }

  /// Truncates a half-written last line (a run killed mid-write) and returns the largest `key`.
  static func repair(_ path: String, key: String) throws -> Int? {
    guard var data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
    if data.last != UInt8(ascii: "\n") {
      let end = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
      data = data.prefix(upTo: end)
      do { try data.write(to: URL(fileURLWithPath: path)) } catch {
        throw RLError.checkpoint(path: path, reason: "cannot repair a truncated line: \(error.localizedDescription)")
      }
    }
    return try read(path).compactMap { $0[key]?.number.map(Int.init) }.max()
  }
}
