// A chat message as Hugging Face chat templates take it: a role and text or multimodal content.

/// One message of a chat, in the shape `apply_chat_template` takes:
/// `{"role": "user", "content": "Hi"}` or
/// `{"role": "user", "content": [{"type": "image", "image": "a.png"}, {"type": "text", "text": "What is it?"}]}`.
///
/// `Decodable` reads that JSON and classifies list items the way the Qwen2-VL template does:
/// an item is an image if its `type` is `"image"` or it has an `image` or `image_url` key, else a
/// video if its `type` is `"video"` or it has a `video` key, else text if it has a `text` key;
/// other items render as nothing and are dropped.
public struct ChatMessage: Sendable, Equatable {
  /// Who speaks.
  public enum Role: String, Sendable, Equatable, Decodable {
    /// Instructions for the whole chat, normally its first message.
    case system
    /// The person asking.
    case user
    /// The model answering.
    case assistant
  }

  /// One item of a list content.
  public enum Part: Sendable, Equatable {
    /// Text, emitted as is.
    case text(String)
    /// An image placeholder; `source` is the path or URL the message named, if any (rlnb's
    /// image loader uses it; the chat text does not).
    case image(source: String?)
    /// A video placeholder, like `image`.
    case video(source: String?)
  }

  /// A message's content: a plain string or a list of parts.
  public enum Content: Sendable, Equatable {
    /// A plain string, emitted as is.
    case text(String)
    /// A list of parts, emitted in order with nothing between them.
    case parts([Part])
  }

  /// Who speaks.
  public var role: Role
  /// What is said.
  public var content: Content

  /// A message from its role and content.
  public init(role: Role, content: Content) {
    self.role = role
    self.content = content
  }

  /// A system message with plain text.
  public static func system(_ text: String) -> ChatMessage {
    ChatMessage(role: .system, content: .text(text))
  }

  /// A user message with plain text.
  public static func user(_ text: String) -> ChatMessage {
    ChatMessage(role: .user, content: .text(text))
  }

  /// A user message with text and image or video parts, in order.
  public static func user(_ parts: [Part]) -> ChatMessage {
    ChatMessage(role: .user, content: .parts(parts))
  }

  /// An assistant message with plain text.
  public static func assistant(_ text: String) -> ChatMessage {
    ChatMessage(role: .assistant, content: .text(text))
  }

  /// The image and video parts, in order.
  public var visionParts: [Part] {
    guard case .parts(let parts) = content else { return [] }
    return parts.filter { if case .text = $0 { false } else { true } }
  }
}

extension ChatMessage: Decodable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Reads `{"role": …, "content": …}` as `apply_chat_template` takes it.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    role = try container.decode(Role.self, forKey: Key(stringValue: "role"))
    let contentKey = Key(stringValue: "content")
    if let text = try? container.decode(String.self, forKey: contentKey) {
      content = .text(text)
      return
    }
    var items = try container.nestedUnkeyedContainer(forKey: contentKey)
    var parts: [Part] = []
    while !items.isAtEnd {
      let item = try items.nestedContainer(keyedBy: Key.self)
      if let part = try Self.part(from: item) { parts.append(part) }
    }
    content = .parts(parts)
  }

  private static func part(from item: KeyedDecodingContainer<Key>) throws -> Part? {
    let type = try? item.decode(String.self, forKey: Key(stringValue: "type"))
    func has(_ name: String) -> Bool { item.contains(Key(stringValue: name)) }
    func source(_ name: String) -> String? {
      if let text = try? item.decode(String.self, forKey: Key(stringValue: name)) { return text }
      // {"image_url": {"url": "…"}}, as OpenAI-style messages write it.
      let nested = try? item.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: name))
      return try? nested?.decode(String.self, forKey: Key(stringValue: "url"))
    }
    if type == "image" || has("image") || has("image_url") {
      return .image(source: source("image") ?? source("image_url"))
    }
    if type == "video" || has("video") {
      return .video(source: source("video"))
    }
    if has("text") {
      return .text(try item.decode(String.self, forKey: Key(stringValue: "text")))
    }
    return nil
  }
}
