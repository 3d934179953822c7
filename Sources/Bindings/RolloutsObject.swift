// Rollouts as a language value (Step II, response collection): every sampled response with its
// prompt, tokens, text, finish reason, group and sampling log-probabilities.

import Foundation
import Lang
import Models
import RL
import Tensor

/// The responses of one `rollout(...)` call (`type(r) == "rollouts"`).
///
/// `r[i]` is response i as a record; `for resp in r` iterates them; fields give whole columns
/// (`r.texts`, `r.lengths`, `r.finish_reasons`, `r.groups`); `r.table()` shows them.
public final class RolloutsObject: NativeObject {
  /// The sampled responses and the prompts they answer.
  public let rollouts: Rollouts
  /// The dataset the rows came from (for reading images again in later stages).
  public let dataset: MathDataset

  /// Wraps rollouts.
  public init(_ rollouts: Rollouts, dataset: MathDataset) {
    self.rollouts = rollouts
    self.dataset = dataset
  }

  /// `rollouts`.
  public var typeName: String { "rollouts" }

  /// `<rollouts: 16 responses to 8 prompts (n = 2), mean length 41.5 tokens, 3 truncated>`.
  public func describe(nested: Bool) -> String {
    let lengths = rollouts.lengths
    let mean = lengths.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(lengths.count)
    let truncated = rollouts.responses.filter { !$0.endedWithStop }.count
    return "<rollouts: \(rollouts.count) responses to \(rollouts.problems.count) prompts (n = \(responsesPerPrompt)), "
      + "mean length \(Format.number((mean * 10).rounded() / 10)) tokens, \(truncated) truncated>"
  }

  var responsesPerPrompt: Int { rollouts.problems.isEmpty ? 0 : rollouts.count / rollouts.problems.count }

  /// `len(r)`: the number of responses.
  public func count() throws(LangError) -> Int? { rollouts.count }

  /// `for resp in r`.
  public func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? {
    var index = 0
    return ValueIterator { () throws(LangError) -> Value? in
      guard index < self.rollouts.count else { return nil }
      defer { index += 1 }
      return self.response(index)
    }
  }

  /// `r[i]`: response i (negative counts from the end).
  public func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    guard components.count == 1, case .value(.number(let n)) = components[0], var index = Int(exactly: n) else {
      throw LangError.message("rollouts are indexed by one response number: r[0]")
    }
    if index < 0 { index += rollouts.count }
    guard rollouts.responses.indices.contains(index) else {
      throw LangError.message("response \(Format.number(n)) is out of range for \(rollouts.count) responses")
    }
    return response(index)
  }

  /// Response `index` as `{index, id, group, text, tokens, length, finish_reason, logprobs, prompt_ids, row}`.
  func response(_ index: Int) -> Value {
    let response = rollouts.responses[index]
    let problem = rollouts.problems[response.problemIndex]
    return .record(Record([
      ("index", .number(Double(index))), ("id", .string(problem.id)), ("group", .number(Double(response.groupID))),
      ("text", .string(response.text)), ("tokens", Self.intTensor(response.tokens)), ("length", .number(Double(response.tokens.count))),
      ("finish_reason", .string(response.finishReason.rawValue)), ("logprobs", Self.floatTensor(response.logProbabilities)),
      ("prompt_ids", Self.intTensor(rollouts.prompts[response.problemIndex].ids)),
      ("row", ProblemRecords.record(problem, in: dataset)),
    ]))
  }

  static func intTensor(_ values: [Int]) -> Value {
    (try? IntTensor(shape: [values.count], values: values)).map(Value.tensor) ?? .nil
  }

  static func floatTensor(_ values: [Float]) -> Value {
    (try? Tensor(shape: [values.count], scalars: values)).map(Value.tensor) ?? .nil
  }

  /// The column fields.
  public var fieldNames: [String] {
    ["n", "texts", "lengths", "finish_reasons", "groups", "ids", "response_ids", "prompt_ids", "logprobs", "rows", "prompts", "sampling"]
  }

  /// Whole columns, one entry per response (`prompts` and `rows` per prompt).
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    let responses = rollouts.responses
    func list(_ values: [Value]) -> Value { .list(List(values)) }
    switch name {
    case "n": return .number(Double(responsesPerPrompt))
    case "texts": return list(responses.map { .string($0.text) })
    case "lengths": return list(responses.map { .number(Double($0.tokens.count)) })
    case "finish_reasons": return list(responses.map { .string($0.finishReason.rawValue) })
    case "groups": return list(responses.map { .number(Double($0.groupID)) })
    case "ids": return list(responses.map { .string(rollouts.problems[$0.problemIndex].id) })
    case "response_ids": return list(responses.map { Self.intTensor($0.tokens) })
    case "prompt_ids": return list(responses.map { Self.intTensor(rollouts.prompts[$0.problemIndex].ids) })
    case "logprobs": return list(responses.map { Self.floatTensor($0.logProbabilities) })
    case "rows": return ProblemRecords.list(rollouts.problems, in: dataset)
    case "prompts": return list(rollouts.prompts.map { Self.intTensor($0.ids) })
    case "sampling":
      let s = rollouts.sampling
      return .record(Record([("temperature", .number(s.temperature.shortestDouble)), ("top_p", .number(s.topP.shortestDouble)),
                             ("top_k", .number(Double(s.topK))), ("max_tokens", .number(Double(s.maxNewTokens))),
                             ("seed", .number(Double(s.seed)))]))
    default: return nil
    }
  }

  /// `table`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    Sampled responses (Step II). r[i] is one response as a record (text, tokens, finish_reason,
    logprobs, group, row); r.texts, r.lengths, r.finish_reasons, r.groups are columns;
    r.table() shows them. Score them with score(r), then build trajectory(r, ...).
    """
  }

  static let table: [String: Builtin] = [
    "table": Builtin("table", signature: "rollouts.table(width = nil)",
                     doc: "The responses as a table: id, group, length, finish reason and text.") { args in
      let object = try args.receiver(as: RolloutsObject.self)
      let rows = object.rollouts.responses.enumerated().map { index, response in
        Record([("#", .number(Double(index))), ("id", .string(object.rollouts.problems[response.problemIndex].id)),
                ("group", .number(Double(response.groupID))), ("tokens", .number(Double(response.tokens.count))),
                ("finish", .string(response.finishReason.rawValue)), ("response", .string(response.text))])
      }
      return .native(TableObject(rows: rows, width: try args.optionalInteger("width")))
    },
  ]
}

extension Value {
  /// The rollouts object this value holds, if it is one.
  public var rolloutsObject: RolloutsObject? {
    if case .native(let object as RolloutsObject) = self { return object }
    return nil
  }
}

extension Arguments {
  /// A model argument.
  func model(_ name: String) throws(LangError) -> PretrainedModel {
    let value = try value(name)
    guard let object = value.modelObject else { throw badArgument(name, expected: "model", got: value) }
    return object.model
  }

  /// A model argument, or nil when it is nil or absent.
  func optionalModel(_ name: String) throws(LangError) -> PretrainedModel? {
    guard let value = self[name], !value.isNil else { return nil }
    return try model(name)
  }

  /// A rollouts argument.
  func rollouts(_ name: String) throws(LangError) -> RolloutsObject {
    let value = try value(name)
    guard let object = value.rolloutsObject else { throw badArgument(name, expected: "rollouts", got: value) }
    return object
  }

  /// A seed argument; nil draws one from the interpreter's generator, so `set_seed` governs it.
  func seed(_ name: String) throws(LangError) -> UInt64 {
    guard let value = self[name], !value.isNil else { return interpreter.withRandomGenerator { $0.nextUInt64() >> 11 } }
    let seed = try integer(name)
    guard seed >= 0 else { throw badArgument(name, expected: "non-negative integer", got: .number(Double(seed))) }
    return UInt64(seed)
  }

  /// Sampling settings from `temperature`, `top_p`, `top_k`, `max_tokens` and `seed`.
  func sampling() throws(LangError) -> SamplingParameters {
    var sampling = SamplingParameters()
    sampling.temperature = try float("temperature")
    sampling.topP = try float("top_p")
    sampling.topK = try integer("top_k")
    sampling.maxNewTokens = try integer("max_tokens")
    sampling.seed = try seed("seed")
    try tensorOperation { try sampling.validate() }
    return sampling
  }

  /// A prompt template from a record `{instruction, system, remove_image_tag}` (nil: MAYE's).
  func template(_ name: String) throws(LangError) -> PromptTemplate {
    var template = PromptTemplate()
    guard let value = self[name], !value.isNil else { return template }
    guard case .record(let record) = value else { throw badArgument(name, expected: "record {instruction, system, remove_image_tag}", got: value) }
    for (key, field) in zip(record.keys, record.values) {
      switch (key, field) {
      case ("instruction", .string(let s)): template.instruction = s
      case ("system", .string(let s)): template.systemMessage = s
      case ("system", .nil): template.systemMessage = nil
      case ("remove_image_tag", .bool(let b)): template.removingImageTag = b
      default:
        throw LangError.message("\(functionName): template field '\(key)' = \(field.repr) is not one of instruction (string), system (string), remove_image_tag (bool)")
      }
    }
    return template
  }
}

extension Library {
  /// `rollout`, `prompt`.
  static let rolloutFunctions: [Builtin] = [
    Builtin("rollout", signature: "rollout(policy, batch, n = 1, temperature = 1, top_p = 1, top_k = 0, max_tokens = 256, seed = nil, batch_size = 32, template = nil)",
            doc: "Step II: samples n responses to each row of batch (a list of rows, or one row) with the policy's KV cache,\nin generation batches of batch_size. seed nil draws one from set_seed's generator. template: {instruction, system,\nremove_image_tag} changes MAYE's chain-of-thought prompt. Returns a rollouts value.") { args in
      let policy = try args.model("policy")
      let (problems, dataset) = try ProblemRecords.problems(try args.value("batch"), function: "rollout")
      let sampling = try args.sampling(), n = try args.integer("n"), chunk = try args.integer("batch_size")
      let template = try args.template("template")
      let progress = ProgressLine("rollout", interpreter: args.interpreter)
      defer { progress.finish() }
      let rollouts = try tensorOperation(args.interpreter) {
        try rollout(policy: policy, problems: problems, dataset: dataset, n: n, sampling: sampling, template: template, chunkSize: chunk) {
          try progress.update($0, of: $1, unit: "responses")
        }
      }
      return .native(RolloutsObject(rollouts, dataset: dataset))
    },
    Builtin("prompt", signature: "prompt(model, row, template = nil)",
            doc: "The chat text the model is given for a row: MAYE's user message [image, question + CoT instruction]\nin the model's chat format, with the generation prompt.") { args in
      let model = try args.model("model")
      guard case .record(let record) = try args.value("row") else { throw args.badArgument("row", expected: "record", got: args["row"]) }
      let problem = try ProblemRecords.problem(record, index: 0, function: "prompt")
      let template = try args.template("template")
      return .string(try tensorOperation {
        try model.chat(template.messages(for: problem, includingImage: model.imageProcessor != nil), addingGenerationPrompt: true)
      })
    },
  ]
}
