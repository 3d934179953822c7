// Run builtins: loading run directories, MAYE's dashboards (dynamics, reflection words) and
// the paper's Table 3 (summarize_runs, compare_runs).

import Lang
import Plot
import RL

extension Library {
  /// `load_run plot_dynamics plot_words summarize_runs compare_runs`.
  public static let runs = Library("runs", functions: RunFunctions.all)
}

/// The table behind `Library.runs`.
enum RunFunctions {
  static let all: [Builtin] = [
    Builtin("load_run", signature: "load_run(dir, rollouts = false)",
            doc: "The logs of a run directory (runs/<name>/) as a run value: r.name, r.config, r.metrics (one record per step),\nr.epochs (one per epoch; epoch 0 is the untrained model), r.rollouts (with rollouts: true, or r.load_rollouts()).") { args in
      let directory = args.interpreter.resolvingPath(try args.string("dir"))
      return .native(try RunObject(directory: directory, rollouts: try args.bool("rollouts"), function: "load_run"))
    },
    Builtin("plot_dynamics", signature: "plot_dynamics(runs, panels = nil, smooth = nil, ema = nil, \(FigureFields.options))",
            doc: """
            MAYE's training dynamics (Fig. 4/5) of a run, a run directory or a list of them (seeds): training accuracy
            by epoch, response length, reflection ratio and correct ratio in reflection texts by step, validation and
            test accuracy per decoding setting by epoch; the mean over runs in a ± std band when there are several.
            panels: names among \(RunDynamics.PanelKind.allCases.map(\.rawValue).joined(separator: ", ")),
            or any logged metric; panels without data are left out. smooth: window / ema: weight smooth the per-step
            curves. fig.update() reads the runs' directories again (live, during training).
            """) { args in
      let names = try args["panels"].flatMap { $0.isNil ? nil : $0 }.map { value throws(LangError) in
        try DataReader(function: "plot_dynamics", interpreter: args.interpreter).strings(value, "panels")
      } ?? RunDynamics.PanelKind.allCases.map(\.rawValue)
      return try dashboard(args, .dynamics(panels: names))
    },
    Builtin("plot_words", signature: "plot_words(runs, words = nil, zeros = false, overlay = false, smooth = nil, ema = nil, \(FigureFields.options))",
            doc: """
            MAYE's reflection-word counts per step (Fig. 7/8) of a run, a directory or a list of them, averaged over
            runs: one panel per word (overlay: true draws all in one). words picks among MAYE's 15; words that are
            zero throughout are left out unless zeros: true. fig.update() reads the runs again.
            """) { args in
      let words = try args["words"].flatMap { $0.isNil ? nil : $0 }.map { value throws(LangError) in
        try DataReader(function: "plot_words", interpreter: args.interpreter).strings(value, "words")
      }
      return try dashboard(args, .words(words, keepingZeros: try args.bool("zeros"), overlay: try args.bool("overlay")))
    },
    Builtin("summarize_runs", signature: "summarize_runs(runs)",
            doc: """
            The paper's Table 3 for a run, a directory or a list of them (seeds): one row per accuracy (training, then
            validation and test per decoding setting) with each run's mean and max over its epochs averaged over runs
            (± the std across runs), and the untrained model's epoch-0 value as vanilla.
            """) { args in
      let runs = try RunArguments(function: "summarize_runs", interpreter: args.interpreter).histories(try args.value("runs"), rereading: false)
      return .native(RunTables.summary(RunSummary.rows(runs)))
    },
    Builtin("compare_runs", signature: "compare_runs(groups)",
            doc: """
            Table 3 side by side for groups of runs, {RL: rl_runs, SFT: sft_runs}: per accuracy, vanilla (epoch 0),
            each group's mean over epochs, then each group's max over epochs, averaged over its runs.
            """) { args in
      let groups = try args.record("groups")
      guard groups.count > 0 else { throw LangError.message("compare_runs: no groups given") }
      let reader = RunArguments(function: "compare_runs", interpreter: args.interpreter)
      var histories: [(String, [RunHistory])] = []
      for (label, value) in zip(groups.keys, groups.values) { histories.append((label, try reader.histories(value, rereading: false))) }
      return .native(RunTables.comparison(histories))
    },
  ]

  /// A dashboard figure: the runs and options read into a source, built, decorated.
  private static func dashboard(_ args: Arguments, _ content: DashboardSource.Content) throws(LangError) -> Value {
    let source = DashboardSource(function: args.functionName, content: content, runs: try args.value("runs"),
                                 smoothing: try SeriesOptions(args).smoothing)
    var figure = try source.build(args.interpreter)
    try FigureFields.apply(args, to: &figure)
    try PlotFunctions.validate(figure, args.functionName)
    return .native(FigureObject(figure, recipe: source, state: PlotLibrary.state(of: args.interpreter)))
  }
}
