// JSONFields: typed access to a JSON object's fields, with errors naming the file and field.
import Foundation

/// A JSON object read from `path`, whose accessors throw `ModelError.invalidConfiguration`
/// naming the field (dotted for nested objects) when it is missing or has the wrong type.
struct JSONFields {
  let path: String
  let prefix: String
  let values: [String: Any]

  init(path: String, prefix: String = "", values: [String: Any]) {
    self.path = path
    self.prefix = prefix
    self.values = values
  }

  /// Reads and parses the JSON object in the file at `path`.
  init(contentsOf path: String) throws {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw ModelError.fileUnreadable(path: path, reason: "cannot read: \(error.localizedDescription)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data), let values = object as? [String: Any] else {
      throw ModelError.invalidConfiguration(path: path, field: "(root)", reason: "not a JSON object")
    }
    self.init(path: path, values: values)
  }

  private func error(_ key: String, _ reason: String) -> ModelError {
    .invalidConfiguration(path: path, field: prefix + key, reason: reason)
  }

  func has(_ key: String) -> Bool { values[key] != nil && !(values[key] is NSNull) }

  func int(_ key: String) throws -> Int {
    guard let value = try optionalInt(key) else { throw error(key, "missing (an integer is required)") }
    return value
  }

  func optionalInt(_ key: String) throws -> Int? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    guard let number = raw as? NSNumber, let value = Int(exactly: number.doubleValue) else {
      throw error(key, "expected an integer, got \(raw)")
    }
    return value
  }

  func double(_ key: String) throws -> Double {
    guard let value = try optionalDouble(key) else { throw error(key, "missing (a number is required)") }
    return value
  }

  func optionalDouble(_ key: String) throws -> Double? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    guard let number = raw as? NSNumber else { throw error(key, "expected a number, got \(raw)") }
    return number.doubleValue
  }

  func optionalBool(_ key: String) throws -> Bool? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    guard let value = raw as? Bool else { throw error(key, "expected true or false, got \(raw)") }
    return value
  }

  func optionalString(_ key: String) throws -> String? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    guard let value = raw as? String else { throw error(key, "expected a string, got \(raw)") }
    return value
  }

  /// An integer list, or a single integer read as a one-element list (as `eos_token_id` allows).
  func optionalIntegers(_ key: String) throws -> [Int]? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    if let single = try? optionalInt(key) { return [single] }
    guard let list = raw as? [Any] else { throw error(key, "expected an integer or a list of integers") }
    return try list.map { item in
      guard let number = item as? NSNumber, let value = Int(exactly: number.doubleValue) else {
        throw error(key, "expected integers, got \(item)")
      }
      return value
    }
  }

  func optionalObject(_ key: String) throws -> JSONFields? {
    guard let raw = values[key], !(raw is NSNull) else { return nil }
    guard let object = raw as? [String: Any] else { throw error(key, "expected an object") }
    return JSONFields(path: path, prefix: prefix + key + ".", values: object)
  }
}
