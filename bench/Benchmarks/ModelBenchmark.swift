// ModelBenchmark: generation and training throughput of the S/M/L Qwen2 sizes of BASELINES.md,
// measured the way ../shared/baseline/bench_generate.py and bench_train.py measure PyTorch.
import Foundation
import Kernels
import Models
import Tensor

/// The benchmark sizes: Qwen2 architecture, random init, θ = 10000, q/k/v bias.
let modelSizes: [(name: String, configuration: TextConfiguration)] = [
  ("S", TextConfiguration(hiddenSize: 128, intermediateSize: 512, layerCount: 4, headCount: 4, keyValueHeadCount: 2,
                          vocabularySize: 512, ropeTheta: 10000, tieWordEmbeddings: true, maxPositionEmbeddings: 1024)),
  ("M", TextConfiguration(hiddenSize: 256, intermediateSize: 1024, layerCount: 6, headCount: 8, keyValueHeadCount: 4,
                          vocabularySize: 2048, ropeTheta: 10000, tieWordEmbeddings: true, maxPositionEmbeddings: 1024)),
  ("L", TextConfiguration(hiddenSize: 512, intermediateSize: 1536, layerCount: 8, headCount: 8, keyValueHeadCount: 2,
                          vocabularySize: 8192, ropeTheta: 10000, tieWordEmbeddings: false, maxPositionEmbeddings: 1024)),
]

/// A seeded random model of `configuration`.
func randomModel(_ configuration: TextConfiguration) throws -> Qwen2Model {
  let model = try Qwen2Model(configuration: configuration)
  var generator = RandomGenerator(seed: 0)
  try model.initializeRandomly(generator: &generator)
  return model
}

/// New tokens per second: `batch` random prompts of 64 tokens, 64 new tokens each, ancestral
/// sampling at temperature 1 with no stop token; prefill included, as in bench_generate.py.
func runGenerationBenchmark(rounds: Int, minimumSeconds: Double, sizes: [String], batches: [Int]) throws -> [String: Double] {
  print("\n### Generation: 64-token prompts, 64 new tokens, T = 1, KV cache (new tokens/s, best of \(rounds) rounds)\n")
  let table = Table("size", "batch", "new tokens/s", "ms per new token step")
  var results: [String: Double] = [:]
  for (name, configuration) in modelSizes where sizes.contains(name) {
    let model = try randomModel(configuration)
    for batch in batches {
      var generator = RandomGenerator(seed: 42)
      let prompts = (0..<batch).map { _ in (0..<64).map { _ in 1 + generator.integer(below: configuration.vocabularySize - 1) } }
      var parameters = SamplingParameters()
      parameters.maxNewTokens = 64
      let seconds = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [
        { _ = try model.generate(prompts: prompts, parameters: parameters) },
      ])[0]
      let rate = Double(batch * 64) / seconds
      results["\(name) batch \(batch)"] = rate
      table.row(name, "\(batch)", fixed(rate, 0), fixed(seconds / 64 * 1000, 2))
    }
  }
  return results
}

/// Training tokens per second: forward, causal-LM cross-entropy, backward and AdamW on random
/// `batch × length` token batches, as in bench_train.py.
func runTrainingBenchmark(rounds: Int, minimumSeconds: Double, sizes: [String], batch: Int, length: Int) throws -> [String: Double] {
  print("\n### Training: forward + backward + AdamW, batch \(batch) × \(length) (tokens/s, best of \(rounds) rounds)\n")
  let table = Table("size", "parameters", "ms per step", "tokens/s")
  var results: [String: Double] = [:]
  for (name, configuration) in modelSizes where sizes.contains(name) {
    let model = try randomModel(configuration)
    let optimizer = try AdamW(parameters: model.parameters, learningRate: 1e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1)
    var generator = RandomGenerator(seed: 1234)
    func step() throws {
      let tokens = (0..<(batch * length)).map { _ in generator.integer(below: configuration.vocabularySize) }
      // Predict token t + 1 from the prefix up to t; the last position has no target.
      var targets = tokens
      for row in 0..<batch {
        for t in 0..<length { targets[row * length + t] = t + 1 < length ? tokens[row * length + t + 1] : -100 }
      }
      let logits = try model.logits(ids: IntTensor(shape: [batch, length], values: tokens))
      let loss = try logits.crossEntropy(targets: IntTensor(shape: [batch, length], values: targets))
      try loss.backward()
      try optimizer.step()
      optimizer.zeroGradients()
    }
    let seconds = try compare(rounds: rounds, minimumSeconds: minimumSeconds, [step])[0]
    let pool = BufferPool.shared.statistics
    print("(buffer pool after \(name): \(pool.hits) hits, \(pool.misses) misses, \(pool.cachedBytes >> 20) MiB cached)")
    let rate = Double(batch * length) / seconds
    results[name] = rate
    table.row(name, "\(model.parameters.parameterCount)", fixed(seconds * 1000, 1), fixed(rate, 0))
  }
  return results
}

/// Runs a PyTorch baseline script and returns its summary lines (`"summary": true`).
///
/// The scripts wait for an idle machine before each timed run and retry disturbed runs
/// (`common.wait_quiet`, `common.measure`); with `waitingForQuiet` false a two-line shim turns
/// both off (no waiting, one attempt per run), for a busy machine where waiting never ends.
func runBaseline(python: String, script: String, arguments: [String], waitingForQuiet: Bool = true) throws -> [[String: Any]] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  if waitingForQuiet {
    process.arguments = [script] + arguments
  } else {
    let shim = """
      import runpy, sys; sys.path.insert(0, sys.argv[1]); import common; measure = common.measure
      common.wait_quiet = lambda *a, **k: 0.0; common.measure = lambda fn, runs, **k: measure(fn, runs, max_attempts=1)
      sys.argv = sys.argv[2:]; runpy.run_path(sys.argv[0], run_name="__main__")
      """
    process.arguments = ["-c", shim, (script as NSString).deletingLastPathComponent, script] + arguments
  }
  var environment = ProcessInfo.processInfo.environment
  for key in ["BASELINE_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[key] = "2" }
  environment["HF_HUB_OFFLINE"] = "1"
  process.environment = environment
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], object["summary"] as? Bool == true else { return nil }
    return object
  }
}
