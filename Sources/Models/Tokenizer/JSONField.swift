// Typed, path-tracking access to parsed JSON, so every read error names its file and field.
import Foundation

/// One value inside a parsed JSON document, together with where it came from.
///
/// Every accessor throws `TokenizerError.malformedField` naming the file and the field path
/// (`model.merges[3][1]`) when the value is missing or has the wrong type.
struct JSONField {
  /// The value as `JSONSerialization` produced it; `nil` when the key is absent.
  let value: Any?
  /// The field path from the document root, e.g. `pre_tokenizer.pretokenizers[0].type`.
  let path: String
  /// The file (or other source) the document was read from.
  let source: String

  /// Parses `data` as a JSON document.
  static func parse(_ data: Data, source: String) throws(TokenizerError) -> JSONField {
    do {
      let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return JSONField(value: value, path: "", source: source)
    } catch {
      throw .invalidJSON(source: source, reason: error.localizedDescription)
    }
  }

  /// The member `key` of this object (absent members give a field whose value is `nil`).
  func member(_ key: String) throws(TokenizerError) -> JSONField {
    let object = try self.object()
    return JSONField(value: object[key], path: path.isEmpty ? key : path + "." + key,
                     source: source)
  }

  /// The elements of this array, each with its indexed path.
  func elements() throws(TokenizerError) -> [JSONField] {
    guard let array = value as? [Any] else { throw malformed("an array") }
    return array.enumerated().map { index, element in
      JSONField(value: element, path: path + "[\(index)]", source: source)
    }
  }

  /// This value as a JSON object.
  func object() throws(TokenizerError) -> [String: Any] {
    guard let object = value as? [String: Any] else { throw malformed("an object") }
    return object
  }

  /// True when the key was absent or the value is JSON `null`.
  var isNull: Bool { value == nil || value is NSNull }

  /// This value as a string.
  func string() throws(TokenizerError) -> String {
    guard let text = value as? String else { throw malformed("a string") }
    return text
  }

  /// This value as a string, or `nil` when it is absent or `null`.
  func optionalString() throws(TokenizerError) -> String? {
    isNull ? nil : try string()
  }

  /// This value as a boolean.
  func bool() throws(TokenizerError) -> Bool {
    guard let flag = Self.boolValue(value) else { throw malformed("true or false") }
    return flag
  }

  /// This value as a boolean, or `defaultValue` when it is absent or `null`.
  func bool(default defaultValue: Bool) throws(TokenizerError) -> Bool {
    isNull ? defaultValue : try bool()
  }

  /// This value as a non-negative integer that fits in 32 bits (token ids, counts).
  func tokenID() throws(TokenizerError) -> Int {
    guard let id = Self.integerValue(value), id >= 0, id <= Int(Int32.max) else {
      throw malformed("a non-negative integer id")
    }
    return id
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

  // MARK: - Number decoding
  // Foundation on Linux returns JSON `true`/`false` as NSNumbers too; the Objective-C type
  // code "c" (char) is what tells a boolean from the integer 1 or 0.

  static func boolValue(_ value: Any?) -> Bool? {
    guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
      return nil
    }
    return number.boolValue
  }

  static func integerValue(_ value: Any?) -> Int? {
    // `3.0` is rejected, as serde rejects it for an integer field.
    guard let number = value as? NSNumber,
      !["c", "d", "f"].contains(String(cString: number.objCType))
    else { return nil }
    return number.intValue
  }
}
