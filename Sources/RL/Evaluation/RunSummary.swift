// RunSummary: the paper's Table 3 from run logs — per accuracy, the mean and max over a run's
// epochs, averaged over runs, beside the untrained model's (epoch 0) value.

/// One row of Table 3: an accuracy's summary over epochs and runs.
public struct EpochSummaryRow: Sendable, Equatable {
  /// `Training`, `Validation` or `Test`.
  public var split: String
  /// The decoding setting, shortened (`pass@8 T=1.0`); nil for the training accuracy.
  public var setting: String?
  /// The metric in `epochs.jsonl`.
  public var metric: String
  /// The epoch-0 (untrained, the paper's Vanilla) value averaged over the runs that logged
  /// one; nil when none did.
  public var vanilla: Double?
  /// Each run's mean over its trained epochs (1, 2, …), averaged over runs, and the std of
  /// those means across runs.
  public var mean: Double, meanStd: Double
  /// Each run's max over its trained epochs, averaged over runs, and the std across runs.
  public var max: Double, maxStd: Double
  /// The runs with at least one trained epoch of this metric.
  public var runs: Int
}

/// Table 3 of the paper, computed from run logs.
public enum RunSummary {
  /// One row per accuracy the runs log: the training accuracy, then the validation and test
  /// accuracies per decoding setting (MAYE's three in Table 3's order, then any others).
  ///
  /// Epoch 0 is the untrained model: it is reported as `vanilla` and left out of the mean and
  /// max, as the paper evaluates Vanilla separately. Mean and max follow
  /// `SeedAggregation.epochSummary`; a metric logged only at epoch 0 has NaN for them.
  public static func rows(_ runs: [RunHistory]) -> [EpochSummaryRow] {
    let names = Set(runs.flatMap(\.epochMetricNames))
    var metrics: [(split: String, setting: String?, metric: String)] = []
    if names.contains(EpochMetricName.trainingAccuracy) { metrics.append(("Training", nil, EpochMetricName.trainingAccuracy)) }
    for split in EvaluationSplit.allCases {
      for setting in EpochMetricName.settings(of: split, among: names) {
        metrics.append((split.rawValue, EpochMetricName.shortSetting(setting), EpochMetricName.accuracy(split, setting: setting)))
      }
    }
    return metrics.map { split, setting, metric in
      let series = runs.map { $0.epochSeries(metric) }
      let trained = series.map { zip($0.x, $0.y).filter { $0.0 > 0 }.map(\.1) }
      let vanillas = series.compactMap { zip($0.x, $0.y).first { $0.0 == 0 }?.1 }
      let summary = SeedAggregation.epochSummary(trained)
      return EpochSummaryRow(
        split: split, setting: setting, metric: metric,
        vanilla: vanillas.isEmpty ? nil : vanillas.reduce(0, +) / Double(vanillas.count),
        mean: summary.mean, meanStd: summary.meanStd, max: summary.max, maxStd: summary.maxStd,
        runs: trained.filter { !$0.isEmpty }.count)
    }
  }
}
