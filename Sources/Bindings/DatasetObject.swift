// The dataset as a language value (Step I, data flow): a MAYE JSONL file whose rows are records.

import Foundation
import Lang
import RL
import Tensor

/// A dataset in the language (`type(ds) == "dataset"`), made by `dataset(path)` or `ds.split(...)`.
///
/// Rows are plain records — `{id, question, answer, solution, image, file, line, ...}` with every
/// other field of the JSON row — so a researcher can print, filter and build them by hand; the
/// RL functions accept any record with at least `question` and `solution`.
public final class DatasetObject: NativeObject {
  /// The validated rows.
  public let dataset: MathDataset

  /// Wraps a dataset.
  public init(_ dataset: MathDataset) { self.dataset = dataset }

  /// `dataset`.
  public var typeName: String { "dataset" }

  /// `<dataset 'train.jsonl': 128 rows>`.
  public func describe(nested: Bool) -> String {
    let images = dataset.problems.filter { $0.imagePath != nil }.count
    let suffix = images == dataset.count ? ", each with an image" : images == 0 ? ", text only" : ", \(images) with images"
    return "<dataset \(Format.quoted((dataset.path as NSString).lastPathComponent)): \(dataset.count) rows\(suffix)>"
  }

  /// `len(ds)`.
  public func count() throws(LangError) -> Int? { dataset.count }

  /// `for row in ds`.
  public func makeIterator(interpreter: Interpreter) throws(LangError) -> ValueIterator? {
    var index = 0
    return ValueIterator { () throws(LangError) -> Value? in
      guard index < self.dataset.count else { return nil }
      defer { index += 1 }
      return ProblemRecords.record(self.dataset.problems[index], in: self.dataset)
    }
  }

  /// `ds[i]`: row i (negative counts from the end).
  public func subscriptGet(_ components: [IndexComponent], interpreter: Interpreter) throws(LangError) -> Value {
    guard components.count == 1, case .value(.number(let n)) = components[0], var index = Int(exactly: n) else {
      throw LangError.message("a dataset is indexed by one row number: ds[0]")
    }
    if index < 0 { index += dataset.count }
    guard dataset.problems.indices.contains(index) else {
      throw LangError.message("row \(Format.number(n)) is out of range for a dataset of \(dataset.count) rows")
    }
    return ProblemRecords.record(dataset.problems[index], in: dataset)
  }

  /// `path rows`.
  public var fieldNames: [String] { ["path", "rows"] }

  /// The file, or every row as a list of records.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "path": return .string(dataset.path)
    case "rows": return .list(List(dataset.problems.map { ProblemRecords.record($0, in: dataset) }))
    default: return nil
    }
  }

  /// `sample batches head split`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A MAYE JSONL dataset (question with <image>, answer, solution, id, image). Rows are records;
    ds.sample(n) draws a batch, ds.batches(size) splits an epoch, ds.split(validation:, test:)
    makes held-out sets. Images are decoded only when a prompt needs them.
    """
  }

  static let table: [String: Builtin] = [
    "sample": Builtin("sample", signature: "dataset.sample(n)",
                      doc: "n rows drawn without replacement with the interpreter's generator (set_seed).") { args in
      let object = try args.receiver(as: DatasetObject.self), n = try args.integer("n")
      guard n >= 0 else { throw LangError.message("sample: n must be ≥ 0, got \(n)") }
      let problems = args.interpreter.withRandomGenerator { object.dataset.sample(n, generator: &$0) }
      return ProblemRecords.list(problems, in: object.dataset)
    },
    "batches": Builtin("batches", signature: "dataset.batches(size, shuffle = true, drop_last = true, seed = 0, epoch = 0)",
                       doc: "The rows in batches of size: shuffled by (seed, epoch), so each epoch has its own order and a run\nits own batches; drop_last drops a short last batch as MAYE does.") { args in
      let object = try args.receiver(as: DatasetObject.self)
      let size = try args.integer("size"), seed = try args.integer("seed"), epoch = try args.integer("epoch")
      guard seed >= 0 else { throw args.badArgument("seed", expected: "non-negative integer", got: .number(Double(seed))) }
      let batches = try tensorOperation(args.interpreter) {
        try object.dataset.batches(size: size, shuffled: try args.bool("shuffle"), droppingLast: try args.bool("drop_last"),
                                   seed: UInt64(seed), epoch: epoch)
      }
      return .list(List(batches.map { ProblemRecords.list($0, in: object.dataset) }))
    },
    "head": Builtin("head", signature: "dataset.head(n)", doc: "A dataset of the first n rows (all when n ≥ len), for quick experiments.") { args in
      let object = try args.receiver(as: DatasetObject.self), n = try args.integer("n")
      guard n > 0 else { throw LangError.message("head: n must be positive, got \(n)") }
      return .native(DatasetObject(MathDataset(path: object.dataset.path, problems: Array(object.dataset.problems.prefix(n)))))
    },
    "split": Builtin("split", signature: "dataset.split(validation, test, seed = 0)",
                     doc: "Disjoint train, validation and test datasets: validation and test rows drawn with seed, the rest train.\nReturns {train, validation, test}.") { args in
      let object = try args.receiver(as: DatasetObject.self)
      let validation = try args.integer("validation"), test = try args.integer("test"), seed = try args.integer("seed")
      let parts = try tensorOperation(args.interpreter) { try object.dataset.split(validation: validation, test: test, seed: UInt64(max(seed, 0))) }
      return .record(Record([("train", .native(DatasetObject(parts.train))), ("validation", .native(DatasetObject(parts.validation))),
                             ("test", .native(DatasetObject(parts.test)))]))
    },
  ]
}

extension Value {
  /// The dataset object this value holds, if it is a dataset.
  public var datasetObject: DatasetObject? {
    if case .native(let object as DatasetObject) = self { return object }
    return nil
  }
}

/// Rows as records and back.
enum ProblemRecords {
  /// `{id, question, answer, solution, image, file, line, ...other fields}`.
  static func record(_ problem: MathProblem, in dataset: MathDataset) -> Value {
    var pairs: [(String, Value)] = [
      ("id", .string(problem.id)), ("question", .string(problem.question)), ("answer", .string(problem.answer)),
      ("solution", .string(problem.solution)), ("image", problem.imagePath.map(Value.string) ?? .nil),
      ("file", .string(dataset.path)), ("line", .number(Double(problem.line))),
    ]
    let known: Set<String> = ["id", "question", "answer", "solution", "image", "file", "line"]
    for key in problem.fields.keys.sorted() where !known.contains(key) {
      pairs.append((key, .string(problem.fields[key] ?? "")))
    }
    return .record(Record(pairs))
  }

  static func list(_ problems: [MathProblem], in dataset: MathDataset) -> Value {
    .list(List(problems.map { record($0, in: dataset) }))
  }

  /// The problems of a row record or a list of them (a batch), and a dataset to read their images
  /// through (named after the rows' `file`).
  static func problems(_ value: Value, function: String) throws(LangError) -> (problems: [MathProblem], dataset: MathDataset) {
    let rows: [Value]
    switch value {
    case .record: rows = [value]
    case .list(let list): rows = list.items
    default: throw LangError.message("\(function): expected a row record or a list of rows (a batch), got \(value.typeName)")
    }
    guard !rows.isEmpty else { throw LangError.message("\(function): the batch is empty") }
    var problems: [MathProblem] = []
    var file: String?
    for (index, row) in rows.enumerated() {
      guard case .record(let record) = row else { throw LangError.message("\(function): row \(index) is a \(row.typeName), not a record") }
      problems.append(try problem(record, index: index, function: function))
      if file == nil, case .string(let path)? = record["file"] { file = path }
    }
    return (problems, MathDataset(path: file ?? "<rows>", problems: problems))
  }

  /// A problem from a record: `question` and `solution` are required, the rest optional.
  static func problem(_ record: Record, index: Int, function: String) throws(LangError) -> MathProblem {
    func text(_ key: String, required: Bool) throws(LangError) -> String? {
      switch record[key] {
      case .string(let s)?: return s
      case .number(let n)?: return Format.number(n)
      case nil, .nil?:
        if required { throw LangError.message("\(function): row \(index) has no '\(key)'") }
        return nil
      case let other?: throw LangError.message("\(function): row \(index) field '\(key)' is a \(other.typeName), not a string")
      }
    }
    var fields: [String: String] = [:]
    for (key, value) in zip(record.keys, record.values) {
      switch value {
      case .string(let s): fields[key] = s
      case .number(let n): fields[key] = Format.number(n)
      case .bool(let b): fields[key] = b ? "true" : "false"
      default: break
      }
    }
    let line: Int
    if case .number(let n)? = record["line"], let l = Int(exactly: n) { line = l } else { line = index + 1 }
    return MathProblem(id: try text("id", required: false) ?? "row\(index)", question: try text("question", required: true) ?? "",
                       answer: try text("answer", required: false) ?? "", solution: try text("solution", required: true) ?? "",
                       imagePath: try text("image", required: false), fields: fields, line: line)
  }
}

extension Library {
  /// `dataset(path, images = true)`.
  static let datasetFunction = Builtin(
    "dataset", signature: "dataset(path, images = true)",
    doc: "Reads a MAYE JSONL dataset: question (with <image>), answer, solution, id and image (relative to the file).\nEvery row is validated now (errors name the file, line and field); images are decoded when a prompt needs them.\nimages: false allows rows without an image (text-only models)."
  ) { args in
    let path = args.interpreter.resolvingPath(try args.string("path"))
    let requiringImages = try args.bool("images")
    return .native(DatasetObject(try tensorOperation(args.interpreter) { try MathDataset(path: path, requiringImages: requiringImages) }))
  }
}
