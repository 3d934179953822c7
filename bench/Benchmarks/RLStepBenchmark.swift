// RLStepBenchmark: one RL step (8 prompts × 8 rollouts × 64 new tokens) through rlnb's RL stages,
// side by side with ../shared/baseline/bench_rl_step.py (a PyTorch loop doing the same work) and
// bench_trl_grpo.py (TRL's GRPOTrainer, S only) run as subprocesses in the same invocation.
import Foundation
import Models
import RL
import Tensor

/// The work of one step, as bench_rl_step.py's defaults.
struct RLStepWorkload {
  var prompts = 8, group = 8, promptLength = 64, newTokens = 64
  /// The reward is the fraction of completion tokens whose id is a multiple of this.
  var targetModulus = 8
  var clipEpsilon: Float = 0.2, beta: Float = 0.04, learningRate: Float = 1e-5
  var sequences: Int { prompts * group }
}

/// A byte-level tokenizer without merges covering `vocabularySize` ids: every byte of a text is
/// one token, so a prompt's length in tokens is its length in bytes; every id the model can
/// sample decodes. Ids: the 256 byte tokens, fillers, then `<|endoftext|>`, `<|im_start|>`,
/// `<|im_end|>` (the chat template's tokens).
func byteTokenizer(vocabularySize: Int) throws -> Tokenizer {
  // GPT-2's byte → character table, which Qwen2's ByteLevel pre-tokenizer uses.
  let printable = Set(Array(33...126) + Array(161...172) + Array(174...255))
  var vocabulary: [String: Int] = [:], shifted = 0
  for byte in 0..<256 {
    let scalar = printable.contains(byte) ? byte : 256 + shifted
    if !printable.contains(byte) { shifted += 1 }
    vocabulary[String(UnicodeScalar(UInt32(scalar))!)] = byte
  }
  let specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
  let firstSpecial = vocabularySize - specials.count
  for id in 256..<firstSpecial { vocabulary["<filler \(id)>"] = id }
  let flags: [String: Any] = ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false]
  let json: [String: Any] = [
    "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "normalizer": NSNull(),
    "added_tokens": specials.enumerated().map { index, content in
      ["id": firstSpecial + index, "content": content, "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true]
    },
    "pre_tokenizer": ["type": "Sequence", "pretokenizers": [
      ["type": "Split", "behavior": "Isolated", "invert": false,
       "pattern": ["Regex": #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#]],
      flags,
    ]],
    "post_processor": flags, "decoder": flags,
    "model": ["type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "continuing_subword_prefix": NSNull(),
              "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
              "vocab": vocabulary, "merges": [String]()],
  ]
  return try Tokenizer(jsonData: JSONSerialization.data(withJSONObject: json))
}

/// The policy, its frozen reference, the optimizer and the prompts of one model size, and the
/// two ways of running a step: `rlStep` as notebooks call it, and the same stages called one by
/// one with a clock between them.
final class RLStepBench {
  let workload: RLStepWorkload
  let policy: PretrainedModel, reference: PretrainedModel
  let optimizer: AdamW
  let problems: [MathProblem]
  let dataset: MathDataset
  var configuration = RLStepConfiguration()

  init(model: Qwen2Model, workload: RLStepWorkload) throws {
    self.workload = workload
    let vocabulary = model.configuration.vocabularySize
    // No stop tokens: every response runs to the token limit, as the script's model without EOS.
    policy = PretrainedModel(architecture: .qwen2(model), tokenizer: try byteTokenizer(vocabularySize: vocabulary),
                             generation: GenerationConfiguration(eosTokenIds: [], padTokenId: 0))
    reference = try policy.copy()
    try reference.freeze(.all)
    optimizer = try AdamW(parameters: policy.parameters, learningRate: workload.learningRate, beta1: 0.9, beta2: 0.99,
                          epsilon: 1e-8, weightDecay: 0)

    configuration.responsesPerPrompt = workload.group
    configuration.sampling.temperature = 1
    configuration.sampling.topP = 1
    configuration.sampling.topK = 0
    configuration.sampling.maxNewTokens = workload.newTokens
    configuration.sampling.seed = 7
    // The chat template's tokens stay (rlStep always renders a chat), but no instruction and an
    // empty system message, so random text fills most of the prompt.
    configuration.template.instruction = ""
    configuration.template.systemMessage = ""
    // One generation batch and one no-grad forward of all 64 sequences, as the script.
    configuration.generationBatchSize = workload.sequences
    configuration.forwardBatchSize = workload.sequences
    configuration.advantages.estimator = .grpo
    configuration.advantages.grpoEpsilon = 1e-4
    // One minibatch of 64: one backward pass and one optimizer step.
    configuration.update.minibatchSize = workload.sequences
    configuration.update.gradientAccumulationSteps = 1
    configuration.update.epochs = 1
    configuration.update.maximumGradientNorm = 1
    configuration.update.computingEntropy = false  // the script computes no entropy
    configuration.update.loss.clipLow = workload.clipEpsilon
    configuration.update.loss.clipHigh = workload.clipEpsilon
    configuration.update.loss.klCoefficient = workload.beta
    configuration.update.loss.klEstimator = .k3
    // TRL's and the script's loss: per token pg + β·k3, mean over each sequence, then over the batch.
    configuration.update.loss.klPlacement = .perToken
    configuration.update.loss.aggregation = .sequenceMeanTokenMean

    // Prompts of exactly `promptLength` tokens: the rendered chat around random letters and digits.
    let template = configuration.template
    let emptyDataset = MathDataset(path: "<rl-bench>", problems: [])
    let overhead = try template.prepare(MathProblem(id: "", question: "", solution: ""), in: emptyDataset, for: policy).ids.count
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    guard overhead < workload.promptLength else {
      throw RLError.invalidInput("the chat template alone takes \(overhead) tokens, more than the \(workload.promptLength)-token prompts")
    }
    var generator = RandomGenerator(seed: 7)
    problems = (0..<workload.prompts).map { index in
      let question = String((0..<(workload.promptLength - overhead)).map { _ in letters[generator.integer(below: letters.count)] })
      return MathProblem(id: "p\(index)", question: question, solution: "")
    }
    dataset = MathDataset(path: "<rl-bench>", problems: problems)
    for problem in problems {
      let length = try template.prepare(problem, in: dataset, for: policy).ids.count
      guard length == workload.promptLength else {
        throw RLError.invalidInput("prompt \(problem.id) has \(length) tokens, not \(workload.promptLength)")
      }
    }
  }

  /// The script's reward: the fraction of completion tokens whose id is a multiple of `targetModulus`.
  func rewards(_ rollouts: Rollouts) -> Scores {
    let modulus = workload.targetModulus
    let values = rollouts.responses.map { Float($0.tokens.filter { $0 % modulus == 0 }.count) / Float(max($0.tokens.count, 1)) }
    return Scores(total: values, components: ["target_fraction": values])
  }

  /// One `rlStep` call: its own stage timings (`rollout`, `rewards`, `trajectory`, `update`) and `total`.
  func libraryStep(_ step: Int) throws -> [String: Double] {
    let start = now()
    let result = try rlStep(policy: policy, reference: reference, problems: problems, dataset: dataset, rewards: rewards,
                            optimizer: optimizer, configuration: configuration, step: step)
    var timings = result.timings
    timings["total"] = now() - start
    try check(result.rollouts)
    return timings
  }

  /// The same step with a clock between the stages rlStep runs together: Step III split into π_old,
  /// π_ref and advantages, and Step IV (`ppoUpdate`, one minibatch here) written out as its
  /// policy forward, loss, backward and clip + AdamW.
  ///
  /// The replica of `ppoUpdate` skips only its bookkeeping: shuffling the minibatch (an index
  /// permutation) and the statistics it averages.
  func instrumentedStep(_ step: Int) throws -> [String: Double] {
    var timings: [String: Double] = [:]
    var clock = now()
    func lap(_ stage: String) {
      let time = now()
      timings[stage] = time - clock
      clock = time
    }
    let start = clock
    // Seeds as rlStep derives them.
    var sampling = configuration.sampling
    var seeds = RandomGenerator(seed: sampling.seed, stream: UInt64(step))
    sampling.seed = seeds.nextUInt64()
    let rollouts = try RL.rollout(policy: policy, problems: problems, dataset: dataset, n: configuration.responsesPerPrompt,
                                  sampling: sampling, template: configuration.template, chunkSize: configuration.generationBatchSize)
    lap("rollout")
    let scores = rewards(rollouts)
    lap("rewards")
    // π_old: RL.trajectory without a reference model.
    var trajectory = try RL.trajectory(rollouts: rollouts, policy: policy, reference: nil, scores: scores,
                                       forwardBatchSize: configuration.forwardBatchSize)
    lap("old_logprobs")
    // π_ref: the no-grad forward RL.trajectory runs for the reference (all 64 responses fit one chunk).
    let prompts = rollouts.responsePrompts, responses = rollouts.responses.map(\.tokens)
    let mask = trajectory.batch.mask
    trajectory.referenceLogProbabilities = try withoutGradient {
      try reference.responseLogProbabilities(prompts: prompts, responses: responses, temperature: trajectory.temperature).logProbabilities * mask
    }
    lap("ref_logprobs")
    try trajectory.estimateAdvantages(configuration.advantages)
    lap("advantages")

    optimizer.zeroGradients()
    let pi = try policy.responseLogProbabilities(prompts: prompts, responses: responses, temperature: trajectory.temperature,
                                                 computingEntropy: configuration.update.computingEntropy).logProbabilities
    lap("policy_forward")
    let loss = try PolicyLoss.compute(logProbabilities: pi * mask, old: trajectory.oldLogProbabilities,
                                      reference: trajectory.referenceLogProbabilities, advantages: trajectory.advantages!, mask: mask,
                                      configuration: configuration.update.loss)
    let value = try loss.loss.item()
    guard value.isFinite else { throw RLError.nonFiniteLoss(stage: "rl-bench", value: value) }
    lap("loss")
    try loss.loss.backward()
    lap("backward")
    _ = try optimizer.clipGradientNorm(to: configuration.update.maximumGradientNorm ?? .infinity)
    try optimizer.step()
    optimizer.zeroGradients()
    lap("optimizer")
    timings["total"] = now() - start
    try check(rollouts)
    return timings
  }

  /// Every response has the full length (no stop token was reachable).
  func check(_ rollouts: Rollouts) throws {
    guard rollouts.count == workload.sequences, rollouts.responses.allSatisfy({ $0.tokens.count == workload.newTokens }) else {
      throw RLError.invalidInput("expected \(workload.sequences) responses of \(workload.newTokens) tokens, got lengths \(rollouts.lengths)")
    }
  }
}

// MARK: - Noise

/// CPU time other processes take, in cores, as ../shared/baseline/common.py's `CpuWatch`:
/// busy time of the whole machine (/proc/stat) minus this process's own (getrusage).
struct CPUSnapshot {
  let busy: Double, own: Double, wall: Double

  init() {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    let fields = ((try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n").first ?? "")
      .split(separator: " ").dropFirst().compactMap { Double($0) }
    // user nice system idle iowait irq softirq steal
    busy = fields.count >= 8 ? (fields[0..<8].reduce(0, +) - fields[3] - fields[4]) / ticks : 0
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    own = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    wall = now()
  }

  /// Cores other processes used since `self`.
  func foreignCores(until end: CPUSnapshot = CPUSnapshot()) -> Double {
    max(0, ((end.busy - busy) - (end.own - own)) / max(end.wall - wall, 1e-9))
  }
}

/// Waits until other processes use less than `threshold` cores (sampled over half a second), at
/// most `maximumSeconds`; returns the seconds waited.
@discardableResult
func waitForQuietMachine(threshold: Double = 0.15, maximumSeconds: Double) -> Double {
  let start = now()
  while maximumSeconds > 0 {
    let snapshot = CPUSnapshot()
    usleep(500_000)
    if snapshot.foreignCores() < threshold || now() - start > maximumSeconds { break }
    usleep(2_000_000)
  }
  return now() - start
}

/// The median (mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

// MARK: - The benchmark

/// One timed round: an instrumented step and an `rlStep` call, back to back.
struct RLStepRun {
  var instrumented: [String: Double]
  var library: [String: Double]
  var foreignCores: Double
  var attempts: Int
}

/// Runs the RL-step comparison for each of `sizes`: `runs` timed rounds of rlnb (half before and
/// half after the Python side, so both see the same machine), bench_rl_step.py with as many runs,
/// and for S bench_trl_grpo.py; prints per-stage medians and PyTorch / rlnb ratios.
func runRLStepBenchmark(sizes: [String], runs: Int, python: String?, baseline: String, runningTRL: Bool, quietWait: Double) throws {
  let workload = RLStepWorkload()
  print("\n### RL step: \(workload.prompts) prompts × \(workload.group) rollouts × (\(workload.promptLength) + \(workload.newTokens)) tokens, "
        + "GRPO advantages, PPO-clip (ε \(workload.clipEpsilon)) + k3 KL (β \(workload.beta)), one AdamW step on all \(workload.sequences)\n")
  let runs = max(runs, 1)
  for (name, textConfiguration) in modelSizes where sizes.contains(name) {
    let bench = try RLStepBench(model: try randomModel(textConfiguration), workload: workload)
    var step = 0
    func measure(_ count: Int) throws -> [RLStepRun] {
      var results: [RLStepRun] = []
      for _ in 0..<count {
        var attempt = 0
        while true {
          attempt += 1
          waitForQuietMachine(maximumSeconds: quietWait)
          let watch = CPUSnapshot()
          let instrumented = try bench.instrumentedStep(step)
          let library = try bench.libraryStep(step + 1)
          step += 2
          let foreign = watch.foreignCores()
          // Like common.measure: retry a disturbed round (up to 4 attempts) unless waiting is off.
          if foreign < 0.1 || attempt >= 4 || quietWait <= 0 {
            results.append(RLStepRun(instrumented: instrumented, library: library, foreignCores: foreign, attempts: attempt))
            break
          }
          FileHandle.standardError.write("  rlnb round disturbed (foreign \(fixed(foreign, 2)) cores), attempt \(attempt)\n".data(using: .utf8)!)
        }
      }
      return results
    }
    _ = try bench.instrumentedStep(step)  // warm-up: buffers, BLAS threads
    _ = try bench.libraryStep(step + 1)
    step += 2
    var rounds = try measure((runs + 1) / 2)
    var torch: [String: Any]?, trl: [String: Any]?
    if let python {
      torch = try runBaseline(python: python, script: baseline + "/bench_rl_step.py", arguments: [
        "--sizes", name, "--runs", "\(runs)", "--warmup", "1", "--rollout", "manual", "--adv", "grpo",
        "--prompts", "\(workload.prompts)", "--group", "\(workload.group)", "--prompt-len", "\(workload.promptLength)",
        "--new", "\(workload.newTokens)", "--clip-eps", "\(workload.clipEpsilon)", "--beta", "\(workload.beta)",
        "--lr", "\(workload.learningRate)", "--target-mod", "\(workload.targetModulus)",
      ], waitingForQuiet: quietWait > 0).first { $0["bench"] as? String == "rl_step" && $0["size"] as? String == name }
      if torch == nil { print("(bench_rl_step.py gave no summary for \(name): see its messages above)") }
      if runningTRL && name == "S" {
        trl = try runBaseline(python: python, script: baseline + "/bench_trl_grpo.py", arguments: [
          "--profile", "comparable", "--steps", "\(max(runs + 1, 3))", "--prompt-len", "\(workload.promptLength)",
        ], waitingForQuiet: quietWait > 0).first { $0["bench"] as? String == "trl_grpo" }
        if trl == nil { print("(bench_trl_grpo.py gave no summary: is trl installed for \(python)? see its messages above)") }
      }
    }
    rounds += try measure(runs / 2)
    report(size: name, parameters: bench.policy.parameters.parameterCount, rounds: rounds, torch: torch, trl: trl)
  }
}

/// Prints one size's tables.
private func report(size: String, parameters: Int, rounds all: [RLStepRun], torch: [String: Any]?, trl: [String: Any]?) {
  // Like common.robust_summary: the undisturbed rounds when they are at least half.
  let clean = all.filter { $0.foreignCores < 0.1 }
  let rounds = clean.count >= max(1, (all.count + 1) / 2) ? clean : all
  func ours(_ keys: [String], library: Bool = false) -> Double {
    median(rounds.map { run in keys.reduce(0) { $0 + ((library ? run.library : run.instrumented)[$1] ?? .nan) } })
  }
  func theirs(_ keys: [String]) -> Double? {
    guard let torch else { return nil }
    var sum = 0.0
    for key in keys {
      guard let value = torch["\(key)_s_median"] as? Double else { return nil }
      sum += value
    }
    return sum
  }
  func cells(_ mine: Double, _ torch: Double?, scale: Double = 1000, digits: Int = 1) -> [String] {
    [fixed(mine * scale, digits), torch.map { fixed($0 * scale, digits) } ?? "–", torch.map { fixed($0 / mine, 2) } ?? "–"]
  }
  print("\n#### \(size) (\(parameters) parameters): ms, median of \(rounds.count) rlnb rounds"
        + (torch.map { " and \($0["runs"] ?? "?") PyTorch runs" } ?? "") + "; ratio = PyTorch / rlnb (> 1: rlnb is faster)\n")
  let table = Table("stage", "rlnb (ms)", "PyTorch loop (ms)", "ratio")
  let stages: [(String, [String], [String])] = [
    ("rollout: 64 × 64 new tokens, KV cache", ["rollout"], ["rollout"]),
    ("rewards + GRPO advantages", ["rewards", "advantages"], ["reward"]),
    ("π_old log-probs (no grad)", ["old_logprobs"], ["old_logprobs"]),
    ("π_ref log-probs (no grad)", ["ref_logprobs"], ["ref_logprobs"]),
    ("update: policy forward", ["policy_forward"], ["policy_fwd"]),
    ("update: PPO-clip + k3 loss", ["loss"], ["loss"]),
    ("update: backward", ["backward"], ["backward"]),
    ("update: clip grad norm + AdamW", ["optimizer"], ["optim"]),
  ]
  for (label, mine, theirs_) in stages { table.row([label] + cells(ours(mine), theirs(theirs_))) }
  let torchTotal = torch?["total_s_median_clean"] as? Double ?? theirs(["total"])
  table.row(["**step, stages timed apart**"] + cells(ours(["total"]), torchTotal))
  table.row(["**step, rlStep()**"] + cells(ours(["total"], library: true), torchTotal))

  print("\nrlStep()'s own stage timings (ms): " + ["rollout", "rewards", "trajectory", "update"].map { "\($0) \(fixed(ours([$0], library: true) * 1000, 1))" }
    .joined(separator: ", ") + " (trajectory = π_old + π_ref + advantages; update = ppoUpdate)")
  print("\ns/step, ratio = other / rlnb:\n")
  let summary = Table("size", "rlnb rlStep() (s)", "PyTorch loop (s)", "ratio", "TRL GRPOTrainer (s)", "ratio")
  let mine = ours(["total"], library: true)
  let trlStep = trl?["step_s_median"] as? Double
  summary.row([size] + cells(mine, torchTotal, scale: 1, digits: 3) + [trlStep.map { fixed($0, 3) } ?? "–", trlStep.map { fixed($0 / mine, 2) } ?? "–"])

  let perRound = all.map { "\(fixed($0.library["total"] ?? .nan, 3))" + ($0.foreignCores >= 0.1 ? "*" : "") }
  print("\nrlnb rlStep() per round (s; * = other processes took ≥ 0.1 core): " + perRound.joined(separator: " ")
        + "; foreign load (cores): " + all.map { fixed($0.foreignCores, 2) }.joined(separator: " "))
  if let torch {
    print("PyTorch: \(torch["clean_runs"] ?? "?") of \(torch["runs"] ?? "?") runs undisturbed, total min \(torch["total_s_min"] ?? "?") max \(torch["total_s_max"] ?? "?") s; "
          + "torch \(torch["torch"] ?? "?"), transformers \(torch["transformers"] ?? "?"), \(torch["threads"] ?? "?") threads")
  }
  if let trl {
    print("TRL \(trl["trl"] ?? "?"): median of \(trl["steps_used"] ?? "?") steps after the first (min \(trl["step_s_min"] ?? "?"), max \(trl["step_s_max"] ?? "?") s), "
          + "beta \(trl["beta"] ?? "?"), loss \(trl["loss_type"] ?? "?"), num_iterations \(trl["num_iterations"] ?? "?") (no π_old pass), "
          + "prompts of \(trl["prompt_tokens_mean"] ?? "?") tokens on average")
  }
  fflush(nil)
}

extension Table {
  /// A row from an array of cells.
  func row(_ cells: [String]) {
    print("| " + cells.joined(separator: " | ") + " |")
    fflush(nil)
  }
}
