// Chat messages from language values, in the shape Hugging Face's apply_chat_template takes.

import Lang
import Models

extension ChatMessage {
  /// The messages in `value`: a list of records `{role: "user", content: "text"}` whose content
  /// is a string or a list of parts `{type: "text", text: "..."}` / `{type: "image"}` (an
  /// `image: "path"` key names the file; `image_url` and `video` parts are read as
  /// transformers reads them), or a plain string for one user message.
  ///
  /// *Choice:* a part that is neither text, image nor video is an error here, where the Jinja
  /// template would silently drop it: a misspelt key should not vanish from the prompt.
  static func messages(from value: Value, function: String, parameter: String) throws(LangError) -> [ChatMessage] {
    if case .string(let text) = value { return [.user(text)] }
    guard case .list(let list) = value else {
      throw LangError.fault(.badArgument(function: function, parameter: parameter, expected: "list of {role, content} records",
                                         got: value.typeName))
    }
    return try list.items.enumerated().map { (index, item) throws(LangError) in try message(item, index: index, function: function) }
  }

  private static func message(_ value: Value, index: Int, function: String) throws(LangError) -> ChatMessage {
    func fail(_ text: String) -> LangError { .message("\(function): message \(index): \(text)") }
    guard case .record(let record) = value else { throw fail("expected a record {role: \"user\", content: \"...\"}, got \(value.typeName)") }
    guard case .string(let roleName)? = record["role"], let role = Role(rawValue: roleName) else {
      throw fail("role must be \"system\", \"user\" or \"assistant\", got \(record["role"]?.repr ?? "nothing")")
    }
    switch record["content"] ?? .nil {
    case .string(let text):
      return ChatMessage(role: role, content: .text(text))
    case .list(let items):
      let parts = try items.items.enumerated().map { (number, item) throws(LangError) in
        guard let part = part(item) else {
          throw fail("part \(number) must be {type: \"text\", text: \"...\"} or {type: \"image\"}, got \(item.repr)")
        }
        return part
      }
      return ChatMessage(role: role, content: .parts(parts))
    case let other:
      throw fail("content must be a string or a list of parts, got \(other.typeName)")
    }
  }

  /// One list item, classified as the Qwen2-VL template does: image, then video, then text.
  private static func part(_ value: Value) -> Part? {
    guard case .record(let item) = value else { return nil }
    let type = item["type"].flatMap { if case .string(let s) = $0 { s } else { nil } }
    func source(_ key: String) -> String? {
      switch item[key] {
      case .string(let path)?: return path
      case .record(let nested)?: if case .string(let url)? = nested["url"] { return url } else { return nil }
      default: return nil
      }
    }
    if type == "image" || item["image"] != nil || item["image_url"] != nil { return .image(source: source("image") ?? source("image_url")) }
    if type == "video" || item["video"] != nil { return .video(source: source("video")) }
    if case .string(let text)? = item["text"] { return .text(text) }
    return nil
  }
}
