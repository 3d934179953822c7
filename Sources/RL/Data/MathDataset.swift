// MathDataset: MAYE's JSONL datasets — question, answer, solution, id and an image per row —
// validated row by row, with images loaded lazily.
import Foundation
import Models
import Tensor

/// One problem of a MAYE dataset.
public struct MathProblem: Sendable, Equatable {
  /// The row's `id`.
  public var id: String
  /// The question text, which in MAYE's files starts with a literal `<image>`.
  public var question: String
  /// The numeric answer (MAYE does not use it for rewards).
  public var answer: String
  /// The reference solution the judge compares against, e.g. `\boxed{20}`.
  public var solution: String
  /// The image's absolute path, if the row has one.
  public var imagePath: String?
  /// Every field of the row as text (strings as they are, other JSON values serialized), so
  /// reward functions can read fields rlnb does not model.
  public var fields: [String: String]
  /// The 1-based line of the row in its file.
  public var line: Int

  /// A problem built by hand (or from a language record); `fields` defaults to the named ones.
  public init(id: String, question: String, answer: String = "", solution: String, imagePath: String? = nil,
              fields: [String: String]? = nil, line: Int = 0) {
    self.id = id
    self.question = question
    self.answer = answer
    self.solution = solution
    self.imagePath = imagePath
    self.fields = fields ?? ["id": id, "question": question, "answer": answer, "solution": solution]
    self.line = line
  }
}

/// A MAYE JSONL dataset: one JSON object per line with `question`, `answer`, `solution`, `id`
/// and `image` (a path relative to the file).
///
/// Rows are validated when the file is read: a malformed line, a missing or mistyped field, or
/// an image that does not exist is an error naming the file, the line and the field. Images are
/// decoded only when a prompt needs them.
public final class MathDataset: @unchecked Sendable {
  /// The file, for messages.
  public let path: String
  /// The problems, in file order.
  public let problems: [MathProblem]

  /// Reads and validates `path`. With `requiringImages`, every row must name an existing image.
  public init(path: String, requiringImages: Bool = true) throws {
    self.path = path
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw RLError.invalidDataset(path: path, line: nil, field: nil, reason: FileManager.default.fileExists(atPath: path) ? "not UTF-8 text" : "no such file")
    }
    let directory = (path as NSString).deletingLastPathComponent
    var problems: [MathProblem] = []
    var seen: [String: Int] = [:]
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { continue }
      let problem = try Self.problem(from: trimmed, line: index + 1, path: path, directory: directory, requiringImages: requiringImages)
      if let first = seen[problem.id] {
        throw RLError.invalidDataset(path: path, line: index + 1, field: "id", reason: "duplicate id '\(problem.id)' (first on line \(first))")
      }
      seen[problem.id] = index + 1
      problems.append(problem)
    }
    guard !problems.isEmpty else { throw RLError.invalidDataset(path: path, line: nil, field: nil, reason: "the file has no rows") }
    self.problems = problems
  }

  /// A dataset of `problems` (a split or sample of another), keeping `path` for messages.
  public init(path: String, problems: [MathProblem]) {
    self.path = path
    self.problems = problems
  }

  private static func problem(from line: String, line number: Int, path: String, directory: String, requiringImages: Bool) throws -> MathProblem {
    func fail(_ field: String?, _ reason: String) -> RLError { .invalidDataset(path: path, line: number, field: field, reason: reason) }
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), let row = object as? [String: Any] else {
      throw fail(nil, "not a JSON object")
    }
    func text(_ key: String, required: Bool = true) throws -> String? {
      guard let value = row[key], !(value is NSNull) else {
        if required { throw fail(key, "missing") }
        return nil
      }
      if let string = value as? String { return string }
      if let number = value as? NSNumber { return number.stringValue }  // numeric answers and ids
      throw fail(key, "expected a string, got \(value)")
    }
    var fields: [String: String] = [:]
    for (key, value) in row {
      if let string = value as? String {
        fields[key] = string
      } else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
        fields[key] = String(decoding: data, as: UTF8.self)
      }
    }
    var imagePath: String?
    if let image = try text("image", required: requiringImages) {
      let resolved = image.hasPrefix("/") ? image : (directory as NSString).appendingPathComponent(image)
      guard FileManager.default.fileExists(atPath: resolved) else { throw fail("image", "no such file: \(resolved)") }
      imagePath = resolved
    }
    return MathProblem(id: try text("id") ?? "", question: try text("question") ?? "", answer: try text("answer", required: false) ?? "",
                       solution: try text("solution") ?? "", imagePath: imagePath, fields: fields, line: number)
  }

  /// The number of problems.
  public var count: Int { problems.count }

  /// The decoded image of `problem`.
  /// - Throws: naming the dataset line and the image file when it cannot be decoded.
  public func image(for problem: MathProblem) throws -> Image {
    guard let imagePath = problem.imagePath else {
      throw RLError.invalidDataset(path: path, line: problem.line, field: "image", reason: "the row has no image")
    }
    do {
      return try Image(contentsOfPNGFile: imagePath)
    } catch {
      throw RLError.invalidDataset(path: path, line: problem.line, field: "image", reason: "\(error)")
    }
  }

  /// `count` problems drawn without replacement (all of them, shuffled, when count ≥ size).
  public func sample(_ count: Int, generator: inout RandomGenerator) -> [MathProblem] {
    Array(generator.permutation(problems.count).prefix(Swift.max(0, count)).map { problems[$0] })
  }

  /// The problems in batches of `size`: shuffled with a generator derived from (`seed`,
  /// `epoch`), so every epoch has its own order and the same seed gives the same batches; the
  /// last short batch is dropped with `droppingLast` (MAYE's `drop_last=True`).
  public func batches(size: Int, shuffled: Bool = true, droppingLast: Bool = true, seed: UInt64 = 0, epoch: Int = 0) throws -> [[MathProblem]] {
    guard size > 0 else { throw RLError.invalidInput("batch size must be positive, got \(size)") }
    var generator = RandomGenerator(seed: seed, stream: UInt64(epoch))
    let order = shuffled ? generator.permutation(problems.count) : Array(problems.indices)
    var batches: [[MathProblem]] = []
    var start = 0
    while start < order.count {
      let end = Swift.min(start + size, order.count)
      if end - start == size || !droppingLast { batches.append(order[start..<end].map { problems[$0] }) }
      start = end
    }
    return batches
  }

  /// Disjoint train / validation / test parts with the given sizes, drawn with `seed` (the
  /// rest of the rows are left out).
  public func split(validation: Int, test: Int, seed: UInt64 = 0) throws -> (train: MathDataset, validation: MathDataset, test: MathDataset) {
    guard validation >= 0, test >= 0, validation + test < problems.count else {
      throw RLError.invalidInput("cannot take \(validation) validation and \(test) test rows from \(problems.count)")
    }
    var generator = RandomGenerator(seed: seed)
    let order = generator.permutation(problems.count).map { problems[$0] }
    return (MathDataset(path: path, problems: Array(order[(validation + test)...])),
            MathDataset(path: path, problems: Array(order[..<validation])),
            MathDataset(path: path, problems: Array(order[validation..<(validation + test)])))
  }
}
