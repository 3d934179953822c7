// Tests of safetensors reading and writing: round trips, dtypes, and corrupt files that must
// give clear errors naming the tensor, never a trap or an over-read.
import Foundation
import Testing
@testable import Models
@testable import Tensor

/// A file made of an 8-byte header length, the JSON header and `data`.
func safeTensorsBytes(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> Data {
  var file = Data()
  let json = Data(header.utf8)
  withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { file.append(contentsOf: $0) }
  file.append(json)
  file.append(contentsOf: data)
  return file
}

/// Writes `data` to a temporary file and returns its path.
func temporaryFile(_ data: Data) throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-\(UUID().uuidString).safetensors").path
  try data.write(to: URL(fileURLWithPath: path))
  return path
}

@Suite struct SafeTensorsTests {
  @Test func writerOutputReadsBackWithEveryValue() throws {
    let a = try Tensor(shape: [2, 3], scalars: [1, -2, 3.5, .infinity, 0, 1e-20])
    let b = try Tensor.arange(to: 5)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try SafeTensorsWriter.write([("b", b), ("a", a)], to: path)
    let file = try SafeTensorsFile(path: path)
    #expect(file.names == ["a", "b"] && file.metadata == ["format": "pt"])
    #expect(try file.tensor("a").scalars == a.scalars && file.tensor("b").shape == [5])
    #expect(try file.tensor("b").scalars == b.scalars)
    // Every tensor starts 8-byte aligned after the padded header.
    let headerLength = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    #expect(headerLength % 8 == 0)
  }

  @Test func halfPrecisionTypesAreUpcast() throws {
    // 1.0, -2.0 and 0.5 in F16 and BF16, little-endian.
    let f16: [UInt8] = [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38]
    let bf16: [UInt8] = [0x80, 0x3F, 0x00, 0xC0, 0x00, 0x3F]
    let header = #"{"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[6,12]}}"#
    let path = try temporaryFile(safeTensorsBytes(header: header, data: f16 + bf16))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try SafeTensorsFile(path: path)
    #expect(try file.tensor("h").scalars == [1, -2, 0.5])
    #expect(try file.tensor("b").scalars == [1, -2, 0.5])
    #expect(SafeTensorsWriter.bfloat16Bits(1.0) == 0x3F80 && SafeTensorsWriter.bfloat16Bits(Float(bitPattern: 0x3F80_8000)) == 0x3F80)
  }

  /// Corrupt files and the message each must produce (the path prefix is checked separately).
  static let corruptions: [(name: String, file: Data, message: String)] = [
    ("too short", Data([1, 2, 3]), "file is 3 bytes, shorter than the 8-byte header length"),
    ("header past the end", safeTensorsBytes(header: "{}", data: [], declaredLength: 1000), "header length 1000 exceeds the file size 10"),
    ("header not JSON", safeTensorsBytes(header: "{nope", data: []), "the header is not a JSON object"),
    ("unknown dtype", safeTensorsBytes(header: #"{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}"#, data: [0]),
     "tensor 'w': unknown dtype 'Q4'"),
    ("negative shape", safeTensorsBytes(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
     "tensor 'w': 'shape' must be a list of non-negative integers"),
    ("shape vs bytes", safeTensorsBytes(header: #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
     "tensor 'w': shape [2, 2] of F32 needs 16 bytes but data_offsets span 8"),
    ("out of file", safeTensorsBytes(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [UInt8](repeating: 0, count: 8)),
     "tensor 'w': data_offsets end at 16 but the file holds 8 data bytes"),
    ("reversed offsets", safeTensorsBytes(header: #"{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#, data: [UInt8](repeating: 0, count: 8)),
     "tensor 'w': data_offsets [8, 4] are reversed"),
    ("overlap", safeTensorsBytes(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                                 data: [UInt8](repeating: 0, count: 12)),
     "tensor 'b': its bytes overlap those of 'a'"),
    ("bad metadata", safeTensorsBytes(header: #"{"__metadata__":{"format":3}}"#, data: []), "__metadata__ value for 'format' is not a string"),
  ]

  @Test(arguments: 0..<corruptions.count)
  func corruptFilesGiveClearErrors(index: Int) throws {
    let (name, data, message) = Self.corruptions[index]
    let path = try temporaryFile(data)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ModelError.invalidSafeTensors(path: path, tensor: message.hasPrefix("tensor '") ? String(message.dropFirst(8).prefix { $0 != "'" }) : nil,
                                                  reason: message.hasPrefix("tensor '") ? String(message.drop { $0 != ":" }.dropFirst(2)) : message),
            "\(name)") { try SafeTensorsFile(path: path) }
  }

  @Test func truncatedCheckpointIsReportedWithItsPath() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-trunc-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.copyItem(atPath: fixtureDirectory("qwen2-tiny"), toPath: directory)
    let weights = directory + "/model.safetensors"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: weights))
    let error = #expect(throws: ModelError.self) { try Qwen2Model.load(directory: directory) }
    #expect(error?.description.hasPrefix(weights + ": invalid safetensors file: tensor '") == true)
    #expect(error?.description.contains("but the file holds") == true)
  }

  @Test func mismatchedCheckpointListsEveryProblem() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-mismatch-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixtureDirectory("qwen2-tiny") + "/config.json", toPath: directory + "/config.json")
    try SafeTensorsWriter.write([("model.embed_tokens.weight", Tensor.zeros([512, 64])), ("extra.weight", Tensor.zeros([1]))], to: directory + "/model.safetensors")
    let error = #expect(throws: ModelError.self) { try Qwen2Model.load(directory: directory) }
    let text = error?.description ?? ""
    #expect(text.contains("missing 49:") && text.contains("unexpected 1: extra.weight") && text.contains("wrong shape 1: model.embed_tokens.weight [512, 64] (expected [512, 128])"))
    #expect(text.contains("---> HINT:"))
  }

  @Test func shardIndexErrorsNameTheShard() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rlnb-shard-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(#"{"weight_map":{"w":"part-1.safetensors"}}"#.utf8).write(to: URL(fileURLWithPath: directory + "/model.safetensors.index.json"))
    #expect(throws: ModelError.fileUnreadable(path: directory + "/part-1.safetensors", reason: "No such file or directory")) {
      try CheckpointReader(directory: directory)
    }
    try Data(#"{"weight_map":[]}"#.utf8).write(to: URL(fileURLWithPath: directory + "/model.safetensors.index.json"))
    #expect(throws: ModelError.self) { try CheckpointReader(directory: directory) }
  }
}
