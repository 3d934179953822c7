// Reading plot data out of language values: numbers, rows of numbers, metric logs, images.

import Lang
import Plot

/// Converts language values into Plot's `[Double]` series, matrices and images, with errors
/// that name the builtin and the argument.
struct DataReader {
  let function: String
  let interpreter: Interpreter

  /// One number: a number, a bool (0/1), nil (NaN: a gap) or a one-element tensor.
  func number(_ value: Value, _ name: String) throws(LangError) -> Double {
    switch value {
    case .number(let n): return n
    case .bool(let b): return b ? 1 : 0
    case .nil: return .nan
    case .native(let object as TensorObject) where object.shape.reduce(1, *) == 1: return object.scalars[0]
    default: throw LangError.message("\(function): \(name) must hold numbers, got \(value.typeName)")
    }
  }

  /// A series: a list or range of numbers, or a tensor with at most one axis longer than 1.
  func numbers(_ value: Value, _ name: String) throws(LangError) -> [Double] {
    if let object = value.tensorObject {
      guard object.shape.filter({ $0 != 1 }).count <= 1 else {
        throw LangError.message("\(function): \(name) must be 1-d, got a tensor of shape \(object.shape)")
      }
      return object.scalars
    }
    switch value {
    case .list, .range:
      guard let items = try interpreter.elements(of: value) else { break }
      var result: [Double] = []
      result.reserveCapacity(items.count)
      for item in items { result.append(try number(item, name)) }
      return result
    default: break
    }
    throw LangError.message("\(function): \(name) must be a list of numbers or a tensor, got \(value.typeName)")
  }

  /// Several series: a list whose elements are series, or the rows of a 2-d tensor; nil when
  /// `value` is neither (a single series, or something else).
  func rows(_ value: Value) throws(LangError) -> [[Double]]? {
    if let object = value.tensorObject {
      guard object.shape.count == 2 else { return nil }
      let (count, length) = (object.shape[0], object.shape[1])
      let values = object.scalars
      return (0..<count).map { Array(values[($0 * length)..<(($0 + 1) * length)]) }
    }
    guard case .list(let list) = value, let first = list.items.first else { return nil }
    switch first {
    case .list, .range: break
    case .native(let object as TensorObject) where object.shape.count == 1: break
    default: return nil
    }
    var rows: [[Double]] = []
    for (index, item) in list.items.enumerated() { rows.append(try numbers(item, "series \(index)")) }
    return rows
  }

  /// A metric log: a list of records (`{step: 1, reward: 0.5}`); nil when `value` is not one.
  /// Numbers (and bools, one-element tensors) are kept, nil marks a missing value, and other
  /// fields (strings, lists) are left out.
  func metricLog(_ value: Value) throws(LangError) -> MetricLog? {
    guard case .list(let list) = value, case .record? = list.items.first else { return nil }
    var rows: [[String: Double?]] = []
    for item in list.items {
      guard case .record(let record) = item else {
        throw LangError.message("\(function): a metric log must be a list of records, got a \(item.typeName) among them")
      }
      var row: [String: Double?] = [:]
      for (key, field) in zip(record.keys, record.values) {
        switch field {
        case .nil: row[key] = .some(nil)
        case .number, .bool, .native: if let n = try? number(field, key) { row[key] = n }
        default: continue
        }
      }
      rows.append(row)
    }
    return MetricLog(rows: rows)
  }

  /// Strings: one string, or a list of strings.
  func strings(_ value: Value, _ name: String) throws(LangError) -> [String] {
    if case .string(let s) = value { return [s] }
    guard case .list(let list) = value else { throw LangError.message("\(function): \(name) must be a list of strings, got \(value.typeName)") }
    var result: [String] = []
    for item in list.items {
      guard case .string(let s) = item else { throw LangError.message("\(function): \(name) must be a list of strings, got \(item.typeName) in it") }
      result.append(s)
    }
    return result
  }

  /// `imshow` data: a 2-d tensor or list of lists (a heatmap), an image tensor `[H, W, C]` or
  /// `[C, H, W]` with C = 1, 3 or 4 (floats in [0, 1], or int32 values 0...255), or a
  /// `PlotImageSource`.
  func image(_ value: Value) throws(LangError) -> Series {
    if case .native(let source as PlotImageSource) = value { return .image(source.plotImage) }
    guard let object = value.tensorObject else {
      guard let rows = try rows(value), let columns = rows.first?.count, rows.allSatisfy({ $0.count == columns }) else {
        throw LangError.message("\(function): expected a 2-d tensor, an [H, W, C] image tensor or a list of equal-length lists, got \(value.typeName)")
      }
      return .heatmap(Matrix(rows))
    }
    let shape = object.shape
    if shape.count == 2 { return .heatmap(Matrix(rows: shape[0], columns: shape[1], values: object.scalars)) }
    let channels: Set = [1, 3, 4]
    guard shape.count == 3, channels.contains(shape[2]) || channels.contains(shape[0]) else {
      throw LangError.message("\(function): an image tensor must be [H, W, C] or [C, H, W] with C = 1, 3 or 4, got shape \(shape)")
    }
    let channelsLast = channels.contains(shape[2])
    let (height, width, count) = channelsLast ? (shape[0], shape[1], shape[2]) : (shape[1], shape[2], shape[0])
    let values = channelsLast ? object.scalars : try object.scalars(permutedBy: [1, 2, 0])
    if object.dtype == "int32" {
      let pixels = values.map { $0.isNaN ? 0 : UInt8(max(0, min(255, $0))) }
      return .image(Image(width: width, height: height, channels: count, pixels: pixels))
    }
    return .image(Image(width: width, height: height, channels: count, unitValues: values))
  }
}
