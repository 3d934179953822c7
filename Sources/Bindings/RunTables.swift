// Table 3 as table values: summarize_runs' rows and compare_runs' side-by-side columns.

import Lang
import RL

/// Table 3 as table values.
enum RunTables {
  /// `split setting vanilla mean mean_std max max_std runs`, one row per accuracy.
  static func summary(_ rows: [EpochSummaryRow]) -> TableObject {
    let columns = ["split", "setting", "vanilla", "mean", "mean_std", "max", "max_std", "runs"]
    return TableObject(rows: rows.map { row in
      Record([
        ("split", .string(row.split)), ("setting", row.setting.map { .string($0) } ?? .nil), ("vanilla", number(row.vanilla)),
        ("mean", number(row.mean)), ("mean_std", number(row.meanStd)), ("max", number(row.max)), ("max_std", number(row.maxStd)),
        ("runs", .number(Double(row.runs))),
      ])
    }, columns: columns)
  }

  /// `split setting vanilla <label> mean... <label> max...`: the paper's layout, one row per
  /// accuracy any group logs; vanilla averages the epoch-0 values of every group's runs.
  static func comparison(_ groups: [(label: String, runs: [RunHistory])]) -> TableObject {
    let all = RunSummary.rows(groups.flatMap(\.runs))
    let summaries = groups.map { group in Dictionary(RunSummary.rows(group.runs).map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a }) }
    let columns = ["split", "setting", "vanilla"] + groups.map { "\($0.label) mean" } + groups.map { "\($0.label) max" }
    return TableObject(rows: all.map { row in
      var fields: [(String, Value)] = [("split", .string(row.split)), ("setting", row.setting.map { .string($0) } ?? .nil),
                                       ("vanilla", number(row.vanilla))]
      fields += zip(groups, summaries).map { group, summary in ("\(group.label) mean", number(summary[row.metric]?.mean)) }
      fields += zip(groups, summaries).map { group, summary in ("\(group.label) max", number(summary[row.metric]?.max)) }
      return Record(fields)
    }, columns: columns)
  }

  /// A number cell; nil and NaN (nothing to average) are blank.
  private static func number(_ value: Double?) -> Value {
    guard let value, !value.isNaN else { return .nil }
    return .number(value)
  }
}
