// Typed, path-tracking access to parsed JSON, so every read error names its file and field.
import Foundation

/// One value inside a parsed JSON document, together with where it came from.
///
/// Every accessor throws `TokenizerError.malformedField` naming the file and the field path
/// (`model.merges[3][1]`) when the value is missing or has the wrong type.
struct JSONField {
  /// The value; `nil` when the key is absent.
  let value: JSONValue?
  /// The field path from the document root, e.g. `pre_tokenizer.pretokenizers[0].type`.
  let path: String
  /// The file (or other source) the document was read from.
  let source: String

  /// Parses `data` as a JSON document.
  static func parse(_ data: Data, source: String) throws(TokenizerError) -> JSONField {
    do {
      return JSONField(value: try JSONValue.parse(data), path: "", source: source)
    } catch {
      throw .invalidJSON(source: source,
                         reason: "line \(error.line), column \(error.column): \(error.reason)")
    }
  }

  /// The member `key` of this object (absent members give a field whose value is `nil`).
  func member(_ key: String) throws(TokenizerError) -> JSONField {
    _ = try members()
    return JSONField(value: value?[key], path: path.isEmpty ? key : path + "." + key,
                     source: source)
  }

  /// The members of this object, in file order.
  func members() throws(TokenizerError) -> [(key: String, value: JSONValue)] {
    guard case .object(let members) = value else { throw malformed("an object") }
    return members
  }

  /// The elements of this array, each with its indexed path.
  func elements() throws(TokenizerError) -> [JSONField] {
    guard case .array(let array) = value else { throw malformed("an array") }
    return array.enumerated().map { index, element in
      JSONField(value: element, path: path + "[\(index)]", source: source)
    }
  }

  /// True when the key was absent or the value is JSON `null`.
  var isNull: Bool {
    guard let value else { return true }
    if case .null = value { return true }
    return false
  }

  /// This value as a string.
  func string() throws(TokenizerError) -> String {
    guard case .string(let text) = value else { throw malformed("a string") }
    return text
  }

  /// This value as a string, or `nil` when it is absent or `null`.
  func optionalString() throws(TokenizerError) -> String? {
    isNull ? nil : try string()
  }

  /// This value as a boolean.
  func bool() throws(TokenizerError) -> Bool {
    guard case .bool(let flag) = value else { throw malformed("true or false") }
    return flag
  }

  /// This value as a boolean, or `defaultValue` when it is absent or `null`.
  func bool(default defaultValue: Bool) throws(TokenizerError) -> Bool {
    isNull ? defaultValue : try bool()
  }

  /// This value as a token id: an integer in 0...Int32.max (serde reads ids as u32, and rlnb
  /// keeps them in 32 bits).
  func tokenID() throws(TokenizerError) -> Int {
    guard case .integer(let id) = value, id >= 0, id <= Int(Int32.max) else {
      throw malformed("a non-negative integer id")
    }
    return id
  }

  /// A field for a child value, e.g. one vocabulary entry.
  func child(_ value: JSONValue, path suffix: String) -> JSONField {
    JSONField(value: value, path: path + suffix, source: source)
  }

  /// An error saying this field should have been `expected`.
  func malformed(_ expected: String) -> TokenizerError {
    .malformedField(source: source, field: path.isEmpty ? "(document)" : path,
                    expected: expected)
  }

  /// An error saying this field holds a setting rlnb does not implement.
  func unsupported(_ value: String, hint: String) -> TokenizerError {
    .unsupported(source: source, field: path, value: value, hint: hint)
  }
}
