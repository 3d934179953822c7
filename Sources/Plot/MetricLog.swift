// MetricLog: a training log as rows of named values, and the series plotted from it.

/// A metric log: one row per logged step, each a set of named values (`metrics.jsonl`).
///
/// A value may be missing from a row or nil (not logged at that step); plotting skips it rather
/// than drawing a zero. The x coordinate of a row is its `step` value when it has one, otherwise
/// its index in the log.
///
/// ```swift
/// let log = MetricLog(rows: [["step": 1, "reward": 0.2], ["step": 2, "reward": 0.5]])
/// let figure = try Figure(metrics: log, keys: ["reward"])
/// ```
public struct MetricLog: Equatable, Sendable {
  /// The rows, in logging order.
  public var rows: [[String: Double?]]

  /// Creates a log from rows of named values.
  public init(rows: [[String: Double?]]) {
    self.rows = rows
  }

  /// Creates a log from columns of equal meaning: row `i` takes element `i` of every column
  /// long enough to have one.
  public init(columns: [String: [Double?]]) {
    let length = columns.values.map(\.count).max() ?? 0
    rows = (0..<length).map { index in
      var row: [String: Double?] = [:]
      for (key, column) in columns where index < column.count { row[key] = column[index] }
      return row
    }
  }

  /// Every metric name appearing in some row, sorted.
  public var keys: [String] {
    Set(rows.flatMap(\.keys)).sorted()
  }

  /// The finite values of `key` and their x coordinates: the row's `xKey` value when finite,
  /// otherwise the row index.
  public func series(_ key: String, x xKey: String = "step") -> (x: [Double], y: [Double]) {
    var xs: [Double] = []
    var ys: [Double] = []
    for (index, row) in rows.enumerated() {
      guard let stored = row[key], let value = stored, value.isFinite else { continue }
      let step = row[xKey].flatMap { $0 }.flatMap { $0.isFinite ? $0 : nil }
      xs.append(step ?? Double(index))
      ys.append(value)
    }
    return (xs, ys)
  }
}
