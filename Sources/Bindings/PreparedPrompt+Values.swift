// Prompts between the language and the model: token ids, prepared records ↔ `PreparedPrompt`.

import Lang
import Models
import Tensor

/// The token ids in `value`: a list of non-negative integers, or a 1-d tensor (int32, or float
/// with integral values; `[1, L]` is accepted too). Errors are `bad argument` errors naming
/// `function` and `parameter`.
public func tokenIDs(from value: Value, function: String, parameter: String) throws(LangError) -> [Int] {
  func bad(_ got: String) -> LangError {
    .fault(.badArgument(function: function, parameter: parameter, expected: "token ids (list of integers or int tensor)", got: got))
  }
  let numbers: [Double]
  switch value {
  case .list(let list):
    numbers = try list.items.map { item throws(LangError) in
      guard case .number(let n) = item else { throw bad("list containing \(item.typeName)") }
      return n
    }
  case .native(let object as TensorObject):
    let shape = object.shape
    guard shape.count == 1 || (shape.count == 2 && shape[0] == 1) else { throw bad("tensor of shape \(shape)") }
    numbers = object.scalars
  default:
    throw bad(value.typeName)
  }
  var ids: [Int] = []
  ids.reserveCapacity(numbers.count)
  for n in numbers {
    guard let id = Int(exactly: n), id >= 0, id <= Int(Int32.max) else { throw bad(Format.number(n)) }
    ids.append(id)
  }
  return ids
}

/// A prompt for the model out of a language value; the one conversion behind `m.logits`,
/// `m.generate` and the RL bindings, so every function takes prompts in the same forms:
///
/// - a record from `m.prepare(...)`: `input_ids` (int tensor or list), `pixel_values`
///   (`[patches, values per patch]` tensor or nil) and `image_grid_thw` (a list of `[t, h, w]`
///   or an int tensor `[images, 3]`). `position_ids` is ignored: the model computes the M-RoPE
///   positions from the ids and grids, so they cannot disagree;
/// - token ids: a list of integers or a 1-d int tensor (`tok.encode(text)`).
///
/// Checks that the prompt is non-empty and that the grids cover exactly the pixel rows; token
/// ids beyond the vocabulary are reported by the model. Errors are `bad argument` errors naming
/// `function` and `parameter`.
///
/// ```swift
/// let prompt = try preparedPrompt(from: args.value("prompt"), function: args.functionName)
/// ```
public func preparedPrompt(from value: Value, function: String, parameter: String = "prompt") throws(LangError) -> PreparedPrompt {
  func bad(_ expected: String, _ got: String) -> LangError {
    .fault(.badArgument(function: function, parameter: parameter, expected: expected, got: got))
  }
  guard case .record(let record) = value else {
    let ids = try tokenIDs(from: value, function: function, parameter: parameter)
    guard !ids.isEmpty else { throw bad("non-empty prompt", "no token ids") }
    return PreparedPrompt(ids: ids)
  }
  guard let inputIDs = record["input_ids"] else { throw bad("prepared record with input_ids", "record without input_ids") }
  let ids = try tokenIDs(from: inputIDs, function: function, parameter: "\(parameter).input_ids")
  guard !ids.isEmpty else { throw bad("non-empty prompt", "no token ids") }
  let grids = try visionGrids(from: record["image_grid_thw"] ?? .nil, function: function, parameter: "\(parameter).image_grid_thw")
  var pixels: Tensor? = nil
  switch record["pixel_values"] ?? .nil {
  case .nil: break
  case .native(let object as TensorObject) where object.shape.count == 2: pixels = try object.floatTensor()
  case let other: throw bad("2-d pixel_values tensor or nil", other.tensorObject.map { "tensor of shape \($0.shape)" } ?? other.typeName)
  }
  let rows = pixels?.shape[0] ?? 0, expected = grids.reduce(0) { $0 + $1.patchCount }
  guard rows == expected else {
    throw bad("pixel_values with one row per patch of image_grid_thw (\(expected))", "\(rows) rows")
  }
  return PreparedPrompt(ids: ids, pixelValues: pixels, grids: grids)
}

/// `image_grid_thw`: nil (no images), a list of `[t, h, w]`, or an int tensor `[images, 3]`.
func visionGrids(from value: Value, function: String, parameter: String) throws(LangError) -> [VisionGrid] {
  let bad = LangError.fault(.badArgument(function: function, parameter: parameter, expected: "list of [t, h, w]", got: value.typeName))
  let rows: [[Double]]
  switch value {
  case .nil: return []
  case .list(let list):
    rows = try list.items.map { item throws(LangError) in
      guard let row = item.tensorObject?.scalars ?? numbers(in: item) else { throw bad }
      return row
    }
  case .native(let object as TensorObject) where object.shape.count == 2 && object.shape[1] == 3:
    let values = object.scalars
    rows = stride(from: 0, to: values.count, by: 3).map { Array(values[$0..<($0 + 3)]) }
  default: throw bad
  }
  return try rows.map { row throws(LangError) in
    let sizes = row.compactMap { Int(exactly: $0) }.filter { $0 > 0 }
    guard sizes.count == 3 else { throw bad }
    return VisionGrid(temporal: sizes[0], height: sizes[1], width: sizes[2])
  }
}

private func numbers(in value: Value) -> [Double]? {
  guard case .list(let list) = value else { return nil }
  let numbers = list.items.compactMap { item -> Double? in if case .number(let n) = item { n } else { nil } }
  return numbers.count == list.items.count ? numbers : nil
}

extension Arguments {
  /// The prompt argument `name`, in any form `preparedPrompt(from:function:parameter:)` takes.
  public func preparedPrompt(_ name: String) throws(LangError) -> PreparedPrompt {
    try Bindings.preparedPrompt(from: try value(name), function: functionName, parameter: name)
  }
}

/// The record `m.prepare` returns for `prompt`: `input_ids` (int32 `[L]`), `pixel_values`
/// (`[patches, values per patch]` or nil), `image_grid_thw` (list of `[t, h, w]`) and
/// `position_ids` (int32 `[3, L]`: the M-RoPE positions of a vision-language model; three equal
/// rows `0 ..< L` for a text model, where M-RoPE reduces to ordinary RoPE).
public func preparedRecord(_ prompt: PreparedPrompt, model: PretrainedModel) throws(LangError) -> Value {
  let length = prompt.ids.count
  let positions: [Int]
  switch model.architecture {
  case .qwen2: positions = Array(repeating: Array(0..<length), count: 3).flatMap { $0 }
  case .qwen2VL(let network):
    positions = try modelOperation("prepare") { try network.ropeIndex(ids: [prompt.ids], grids: prompt.grids).positions.flatMap { $0[0] } }
  }
  return try modelOperation("prepare") {
    .record(Record([
      ("input_ids", .tensor(try IntTensor(prompt.ids))),
      ("pixel_values", prompt.pixelValues.map { .tensor($0) } ?? .nil),
      ("image_grid_thw", .list(List(prompt.grids.map { grid in
        .list(List([grid.temporal, grid.height, grid.width].map { .number(Double($0)) }))
      }))),
      ("position_ids", .tensor(try IntTensor(shape: [3, length], values: positions))),
    ]))
  }
}
