// MAYE's JSONL datasets: validation errors name the file, line and field; images are decoded
// lazily and a corrupt one is reported with its row; batches and splits are seeded.
import Foundation
import Testing
@testable import Models
@testable import RL
@testable import Tensor

@Suite struct MathDatasetTests {
  /// A scratch directory holding `files` (name → contents).
  func directory(_ files: [String: Data]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-dataset-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
    return url
  }

  func row(_ id: String, image: String? = nil) -> String {
    let imageField = image.map { #", "image": "\#($0)""# } ?? ""
    return #"{"id": "\#(id)", "question": "<image>q", "answer": "1", "solution": "\\boxed{1}"\#(imageField)}"#
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func malformedRowsNameTheFileLineAndField() throws {
    let base = try directory([
      "json.jsonl": Data((row("a") + "\n{not json\n").utf8),
      "field.jsonl": Data((row("a") + "\n" + #"{"id": "b", "question": "q"}"# + "\n").utf8),
      "type.jsonl": Data((#"{"id": "a", "question": ["q"], "solution": "1"}"# + "\n").utf8),
      "duplicate.jsonl": Data((row("a") + "\n\n" + row("a") + "\n").utf8),
      "empty.jsonl": Data("\n\n".utf8),
    ])
    func path(_ name: String) -> String { base.appendingPathComponent(name).path }
    #expect(message { _ = try MathDataset(path: path("json.jsonl"), requiringImages: false) }.hasSuffix("json.jsonl:2: not a JSON object"))
    #expect(message { _ = try MathDataset(path: path("field.jsonl"), requiringImages: false) }.hasSuffix("field.jsonl:2: field 'solution': missing"))
    #expect(message { _ = try MathDataset(path: path("type.jsonl"), requiringImages: false) }.contains("type.jsonl:1: field 'question': expected a string"))
    #expect(message { _ = try MathDataset(path: path("duplicate.jsonl"), requiringImages: false) }.hasSuffix("duplicate.jsonl:3: field 'id': duplicate id 'a' (first on line 1)"))
    #expect(message { _ = try MathDataset(path: path("empty.jsonl"), requiringImages: false) }.hasSuffix("empty.jsonl: the file has no rows"))
    #expect(message { _ = try MathDataset(path: path("missing.jsonl")) }.hasSuffix("missing.jsonl: no such file"))
  }

  @Test func imagesAreCheckedWhenReadAndDecodedWhenNeeded() throws {
    let png = try Image(width: 2, height: 2, format: .rgb, pixels: [UInt8](repeating: 200, count: 12))
    let base = try directory([
      "data.jsonl": Data([row("good", image: "good.png"), row("bad", image: "bad.png")].joined(separator: "\n").utf8),
      "nofile.jsonl": Data((row("a", image: "gone.png") + "\n").utf8),
      "noimage.jsonl": Data((row("a") + "\n").utf8),
      "bad.png": Data("this is not a PNG".utf8),
    ])
    try png.writePNG(to: base.appendingPathComponent("good.png").path)
    #expect(message { _ = try MathDataset(path: base.appendingPathComponent("nofile.jsonl").path) }.contains("nofile.jsonl:1: field 'image': no such file"))
    #expect(message { _ = try MathDataset(path: base.appendingPathComponent("noimage.jsonl").path) }.hasSuffix("noimage.jsonl:1: field 'image': missing"))
    // Both rows load: images are decoded only when a prompt needs them.
    let dataset = try MathDataset(path: base.appendingPathComponent("data.jsonl").path)
    #expect(try dataset.image(for: dataset.problems[0]) == png)
    let corrupt = message { _ = try dataset.image(for: dataset.problems[1]) }
    #expect(corrupt.contains("data.jsonl:2: field 'image': "), "\(corrupt)")
    #expect(corrupt.contains("bad.png"), "\(corrupt)")
  }

  @Test func batchesAndSplitsAreSeeded() throws {
    let rows = (0..<10).map { row("q\($0)") }.joined(separator: "\n")
    let base = try directory(["d.jsonl": Data(rows.utf8)])
    let dataset = try MathDataset(path: base.appendingPathComponent("d.jsonl").path, requiringImages: false)
    let ids = { (batches: [[MathProblem]]) in batches.map { $0.map(\.id) } }
    #expect(ids(try dataset.batches(size: 4, seed: 3, epoch: 1)) == ids(try dataset.batches(size: 4, seed: 3, epoch: 1)))
    #expect(ids(try dataset.batches(size: 4, seed: 3, epoch: 1)) != ids(try dataset.batches(size: 4, seed: 3, epoch: 2)))
    #expect(try dataset.batches(size: 4).count == 2 && dataset.batches(size: 4, droppingLast: false).count == 3)
    #expect(try dataset.batches(size: 4, shuffled: false)[0].map(\.id) == ["q0", "q1", "q2", "q3"])
    let parts = try dataset.split(validation: 2, test: 3, seed: 1)
    let all = (parts.train.problems + parts.validation.problems + parts.test.problems).map(\.id)
    #expect(Set(all).count == 10 && parts.validation.count == 2 && parts.test.count == 3)
    #expect(throws: RLError.self) { try dataset.split(validation: 5, test: 5) }
    #expect(throws: RLError.self) { try dataset.batches(size: 0) }
  }
}
