// model.generate: sampling settings from arguments, seeds from the interpreter's stream,
// interruptible decoding with a progress line, and results as records.

import Foundation
import Lang
import Models
import Tensor

extension ModelMethods {
  static let generate = Builtin(
    "generate", signature: "model.generate(prompt, max_tokens = 128, temperature = 1, top_p = 1, top_k = 0, seed = nil, stop = nil)",
    doc: """
      Continues a prompt (a prepared record, token ids or a string) and returns {ids, text, finish_reason, logprobs}:
      the new token ids (a list, the stop token included), their text (special tokens skipped), "stop" or "length",
      and each token's log-probability at the sampling temperature (a tensor). A list of prompts is decoded as one
      left-padded batch and gives a list of records. temperature 0 is greedy; top_k 0 and top_p 1 keep every token.
      seed nil draws the seed from the interpreter's generator, so set_seed(n) makes runs reproducible; stop (token ids)
      replaces the model's stop tokens. Ctrl-C stops it between tokens.
      """
  ) { args in
    let model = try args.receiver(as: ModelObject.self).model
    let (prompts, isBatch) = try generationPrompts(args, model: model)
    let parameters = try samplingParameters(args)
    let progress = GenerationProgress(args.interpreter, total: parameters.maxNewTokens)
    defer { progress.finish() }
    let sequences = try modelOperation("generate", args.interpreter) {
      try model.generate(prompts, parameters: parameters, progress: progress.step)
    }
    let records = try sequences.map { sequence throws(LangError) in try record(sequence, model: model) }
    return isBatch ? .list(List(records)) : records[0]
  }

  /// The prompts and whether they came as a batch: a list whose items are not all numbers is a
  /// list of prompts; anything else is one prompt.
  private static func generationPrompts(_ args: Arguments, model: PretrainedModel) throws(LangError) -> ([PreparedPrompt], Bool) {
    let value = try args.value("prompt")
    guard case .list(let list) = value, list.items.contains(where: { !$0.isNumber }) else {
      return ([try prompt(value, args, name: "prompt", model: model)], false)
    }
    let prompts = try list.items.enumerated().map { (index, item) throws(LangError) in
      try prompt(item, args, name: "prompt[\(index)]", model: model)
    }
    return (prompts, true)
  }

  /// The sampling settings of the arguments; the seed comes from the interpreter's generator
  /// when `seed` is nil.
  private static func samplingParameters(_ args: Arguments) throws(LangError) -> SamplingParameters {
    var parameters = SamplingParameters()
    parameters.maxNewTokens = try args.integer("max_tokens")
    parameters.temperature = Float(try args.number("temperature"))
    parameters.topP = Float(try args.number("top_p"))
    parameters.topK = try args.integer("top_k")
    if let stop = args["stop"], !stop.isNil {
      parameters.stopTokenIDs = Set(try tokenIDs(from: stop, function: args.functionName, parameter: "stop"))
    }
    if let seed = try args.optionalInteger("seed") {
      guard seed >= 0 else { throw args.badArgument("seed", expected: "non-negative integer", got: .number(Double(seed))) }
      parameters.seed = UInt64(seed)
    } else {
      parameters.seed = args.interpreter.withRandomGenerator { $0.nextUInt64() }
    }
    try modelOperation("generate") { try parameters.validate() }
    return parameters
  }

  /// `{ids, text, finish_reason, logprobs}` for one sequence. The text skips special tokens and
  /// ids the tokenizer lacks (a model's vocabulary may be padded past the tokenizer's); it is
  /// nil for a model without a tokenizer.
  private static func record(_ sequence: GeneratedSequence, model: PretrainedModel) throws(LangError) -> Value {
    let text = try model.tokenizer.map { tokenizer throws(LangError) in
      let known = sequence.tokens.filter { tokenizer.token(forID: $0) != nil }
      return try modelOperation("generate") { try tokenizer.decode(known, skippingSpecialTokens: true) }
    }
    let logprobs = try tensorOperation { try Tensor(shape: [sequence.logProbabilities.count], scalars: sequence.logProbabilities) }
    return .record(Record([
      ("ids", .list(List(sequence.tokens.map { .number(Double($0)) }))),
      ("text", text.map { .string($0) } ?? .nil),
      ("finish_reason", .string(sequence.finishReason.rawValue)),
      ("logprobs", .tensor(logprobs)),
    ]))
  }
}

/// The progress callback of one `generate` call: polls Ctrl-C after every decoding step and,
/// when output is a terminal and decoding takes longer than half a second, shows
/// `generate: 37/128 tokens` on one line, erased when decoding ends.
final class GenerationProgress {
  private let interpreter: Interpreter
  private let total: Int
  private let showsProgress: Bool
  private let start = ProcessInfo.processInfo.systemUptime
  private var lastDrawn: TimeInterval = 0
  private var drawn = false

  init(_ interpreter: Interpreter, total: Int) {
    self.interpreter = interpreter
    self.total = total
    showsProgress = PlotLibrary.state(of: interpreter).outputIsTerminal
  }

  /// After `step` decoding steps: throws `interrupted` when Ctrl-C was pressed.
  func step(_ step: Int) throws {
    try interpreter.checkInterrupt()
    guard showsProgress else { return }
    let now = ProcessInfo.processInfo.systemUptime
    guard now - start > 0.5, now - lastDrawn > 0.1 else { return }
    lastDrawn = now
    drawn = true
    interpreter.write("\rgenerate: \(step)/\(total) tokens")
    fflush(nil)  // the line has no newline, so a line-buffered terminal would hold it back
  }

  /// Erases the progress line, if one was drawn.
  func finish() {
    if drawn { interpreter.write("\r\u{1B}[K") }
  }
}
