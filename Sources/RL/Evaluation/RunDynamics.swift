// RunDynamics: the curves of MAYE's training-dynamics figures (paper Fig. 4/5, 7/8) computed
// from run logs — one curve per metric, the mean over runs aligned by step, with its std.

/// One curve of a dynamics panel: the mean over runs at each x, and the spread across runs.
public struct DynamicsCurve: Sendable, Equatable {
  /// The legend entry (a decoding setting, a reflection word); nil for a panel's only curve.
  public var label: String?
  /// The steps (or epochs) where some run has a value, ascending.
  public var x: [Double]
  /// The mean over the runs with a value at each x.
  public var mean: [Double]
  /// The population standard deviation over those runs (0 where only one run has a value).
  public var std: [Double]
  /// How many runs have a value at each x.
  public var count: [Int]
  /// How many runs have any value: with two or more the curve is drawn with a ± std band.
  public var runs: Int
}

/// One panel of a dynamics figure: a title, what its x axis counts, and its curves.
public struct DynamicsPanel: Sendable, Equatable {
  /// The panel's name for `panels:` (`response_length`), or the metric it plots.
  public var id: String
  /// The title drawn above it (`response length`).
  public var title: String
  /// `epoch` or `step`.
  public var xLabel: String
  /// The curves, in legend order.
  public var curves: [DynamicsCurve]
}

/// Computes the panels of MAYE's dynamics figures from the logs of one or more runs (seeds).
///
/// Runs are aligned by their logged step (or epoch) value, not by position, so runs of
/// different lengths, a run killed mid-way and a resumed run line up; at each x the curve
/// averages the runs that have a value there (`SeedAggregation.curve`). Per-step curves can be
/// smoothed, each run on its own before averaging (as TensorBoard smooths each run);
/// accuracies by epoch are never smoothed.
public enum RunDynamics {
  /// MAYE's Fig. 4/5 panels, in the order they are drawn.
  public enum PanelKind: String, Sendable, CaseIterable {
    /// `acc/Training Set Epoch Accuracy` by epoch.
    case trainingAccuracy = "training_accuracy"
    /// `response/response_lengths` (mean tokens before EOS) by step.
    case responseLength = "response_length"
    /// `reflection_analysis/reflection_ratio` by step.
    case reflectionRatio = "reflection_ratio"
    /// `reflection_analysis/correct_ratio_in_reflection_texts` by step.
    case correctInReflection = "correct_in_reflection"
    /// The validation accuracy under each decoding setting, by epoch.
    case validationAccuracy = "validation_accuracy"
    /// The test accuracy under each decoding setting, by epoch.
    case testAccuracy = "test_accuracy"

    /// The panel's title.
    public var title: String {
      switch self {
      case .trainingAccuracy: "training accuracy"
      case .responseLength: "response length"
      case .reflectionRatio: "reflection ratio"
      case .correctInReflection: "correct ratio in reflection texts"
      case .validationAccuracy: "validation accuracy"
      case .testAccuracy: "test accuracy"
      }
    }
  }

  /// The panels named by `names` (panel kinds, or any metric logged per step or per epoch),
  /// in that order; panels without data in any run are left out.
  ///
  /// - Parameter smoothing: applied to each run's per-step values before averaging.
  /// - Throws: `RLError.invalidInput` for a name that is neither a panel kind nor a metric of
  ///   any run, listing the panel kinds.
  public static func panels(_ names: [String] = PanelKind.allCases.map(\.rawValue), runs: [RunHistory],
                            smoothing: ([Double]) -> [Double] = { $0 }) throws -> [DynamicsPanel] {
    let stepNames = Set(runs.flatMap(\.stepMetricNames)), epochNames = Set(runs.flatMap(\.epochMetricNames))
    var panels: [DynamicsPanel] = []
    for name in names {
      let panel: DynamicsPanel
      if let kind = PanelKind(rawValue: name) {
        panel = self.panel(kind, runs: runs, epochNames: epochNames, smoothing: smoothing)
      } else if stepNames.contains(name) {
        panel = DynamicsPanel(id: name, title: name, xLabel: "step", curves: [stepCurve(name, runs: runs, smoothing: smoothing)].compactMap { $0 })
      } else if epochNames.contains(name) {
        panel = DynamicsPanel(id: name, title: name, xLabel: "epoch", curves: [epochCurve(name, runs: runs)].compactMap { $0 })
      } else {
        let kinds = PanelKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw RLError.invalidInput("no panel or metric '\(name)' (panels: \(kinds); or any metric the runs log)")
      }
      if !panel.curves.isEmpty { panels.append(panel) }
    }
    return panels
  }

  /// One of MAYE's panels (possibly without curves, when no run has its data).
  public static func panel(_ kind: PanelKind, runs: [RunHistory], smoothing: ([Double]) -> [Double] = { $0 }) -> DynamicsPanel {
    panel(kind, runs: runs, epochNames: Set(runs.flatMap(\.epochMetricNames)), smoothing: smoothing)
  }

  private static func panel(_ kind: PanelKind, runs: [RunHistory], epochNames: Set<String>,
                            smoothing: ([Double]) -> [Double]) -> DynamicsPanel {
    let curves: [DynamicsCurve]
    switch kind {
    case .trainingAccuracy: curves = [epochCurve(EpochMetricName.trainingAccuracy, runs: runs)].compactMap { $0 }
    case .responseLength, .reflectionRatio, .correctInReflection:
      let metric = kind == .responseLength ? "response/response_lengths"
        : kind == .reflectionRatio ? "reflection_analysis/reflection_ratio" : "reflection_analysis/correct_ratio_in_reflection_texts"
      curves = [stepCurve(metric, runs: runs, smoothing: smoothing)].compactMap { $0 }
    case .validationAccuracy, .testAccuracy:
      let split: EvaluationSplit = kind == .validationAccuracy ? .validation : .test
      curves = EpochMetricName.settings(of: split, among: epochNames).compactMap { setting in
        epochCurve(EpochMetricName.accuracy(split, setting: setting), runs: runs, label: EpochMetricName.shortSetting(setting))
      }
    }
    let xLabel = [.trainingAccuracy, .validationAccuracy, .testAccuracy].contains(kind) ? "epoch" : "step"
    return DynamicsPanel(id: kind.rawValue, title: kind.title, xLabel: xLabel, curves: curves)
  }

  /// MAYE's Fig. 7/8: the count of each reflection word per step (`reflection_words/<word>`,
  /// summed over the step's responses), averaged over runs; one curve per word, labelled
  /// with it, in MAYE's order.
  ///
  /// - Parameters:
  ///   - words: the words to draw (default: MAYE's 15); a word no run logs is left out.
  ///   - keepingZeros: also keep words whose count is zero at every step (left out by default).
  public static func reflectionWords(runs: [RunHistory], words: [String] = Reflection.words, keepingZeros: Bool = false,
                                     smoothing: ([Double]) -> [Double] = { $0 }) -> [DynamicsCurve] {
    words.compactMap { word in
      let metric = "reflection_words/" + word
      let present = runs.contains { run in run.stepSeries(metric).y.contains { $0 != 0 } }
      guard keepingZeros || present else { return nil }
      return stepCurve(metric, runs: runs, label: word, smoothing: smoothing)
    }
  }

  /// The mean ± std over runs of a per-step metric, each run smoothed first; nil when no run
  /// logs it.
  public static func stepCurve(_ metric: String, runs: [RunHistory], label: String? = nil,
                               smoothing: ([Double]) -> [Double] = { $0 }) -> DynamicsCurve? {
    curve(runs.map { run in
      let (x, y) = run.stepSeries(metric)
      return (x, smoothing(y))
    }, label: label)
  }

  /// The mean ± std over runs of a per-epoch metric (epoch 0 included); nil when no run logs it.
  public static func epochCurve(_ metric: String, runs: [RunHistory], label: String? = nil) -> DynamicsCurve? {
    curve(runs.map { $0.epochSeries(metric) }, label: label)
  }

  /// Aligns runs' series by x (the union of their x values, ascending; a repeated x keeps the
  /// run's last value) and averages them there; nil when every series is empty.
  public static func curve(_ series: [(x: [Double], y: [Double])], label: String? = nil) -> DynamicsCurve? {
    let present = series.filter { !$0.x.isEmpty }
    guard !present.isEmpty else { return nil }
    let xs = Array(Set(present.flatMap(\.x))).sorted()
    let position = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($1, $0) })
    let aligned = present.map { run -> [Double?] in
      var row = [Double?](repeating: nil, count: xs.count)
      for (x, y) in zip(run.x, run.y) { if let index = position[x] { row[index] = y } }
      return row
    }
    let statistics = SeedAggregation.curve(aligned)
    return DynamicsCurve(label: label, x: xs, mean: statistics.map(\.mean), std: statistics.map(\.std),
                         count: statistics.map(\.runs), runs: present.count)
  }
}
