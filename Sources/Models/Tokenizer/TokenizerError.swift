// The one error type of the tokenizer, the BPE trainer and the chat format, with its messages.
import Foundation

/// Everything that can go wrong while loading, saving, training or using a tokenizer, or while
/// rendering a chat.
///
/// File errors carry the file (`source`) and the JSON field path (`model.merges[12]`), so a
/// message points at the exact place to fix. `description` renders every case in one place.
public enum TokenizerError: Error, Equatable, Sendable {
  /// The file could not be read or written.
  case fileAccess(source: String, reason: String)
  /// The data is not JSON at all.
  case invalidJSON(source: String, reason: String)
  /// A field is missing or has the wrong type or value.
  case malformedField(source: String, field: String, expected: String)
  /// A field holds a valid `tokenizers` setting that rlnb does not implement.
  case unsupported(source: String, field: String, value: String, hint: String)
  /// A merge, the unknown token or an added token names a token the vocabulary lacks.
  case tokenNotInVocabulary(source: String, field: String, token: String)
  /// `decode` was given an id that is neither in the vocabulary nor an added token.
  case unknownTokenID(Int, vocabularySize: Int)
  /// Trainer settings that cannot produce a tokenizer.
  case invalidTrainerSetting(name: String, value: Int, expected: String)
  /// A chat with no messages (transformers refuses to render one too).
  case emptyChat
  /// A chat holds an image or video part, but the chat format is text-only.
  case visionPartInTextOnlyChat(messageIndex: Int)
  /// The rendered chat has a different number of `<|image_pad|>` (or `<|video_pad|>`)
  /// placeholders than grids were given.
  case placeholderCountMismatch(placeholder: String, placeholders: Int, grids: Int)
  /// A vision grid with a non-positive size, or a height or width that is not a multiple of
  /// the merge size.
  case invalidGrid(temporal: Int, height: Int, width: Int, mergeSize: Int)
}

extension TokenizerError: CustomStringConvertible {
  /// The message shown to users: a lowercase phrase naming the place, and for file errors a
  /// `---> HINT:` line saying how to fix it.
  public var description: String {
    switch self {
    case .fileAccess(let source, let reason):
      return "\(source): \(reason)"
    case .invalidJSON(let source, let reason):
      return "\(source): not valid JSON (\(reason))\n---> HINT: tokenizer.json must be the JSON "
        + "file that Hugging Face `tokenizers` writes"
    case .malformedField(let source, let field, let expected):
      return "\(source): \(field): expected \(expected)"
    case .unsupported(let source, let field, let value, let hint):
      return "\(source): \(field): unsupported value \(value)\n---> HINT: \(hint)"
    case .tokenNotInVocabulary(let source, let field, let token):
      return "\(source): \(field): token \(Self.quoted(token)) is not in model.vocab"
    case .unknownTokenID(let id, let vocabularySize):
      return "unknown token id \(id) (the tokenizer has \(vocabularySize) tokens)"
    case .invalidTrainerSetting(let name, let value, let expected):
      return "bpe trainer: \(name) is \(value), expected \(expected)"
    case .emptyChat:
      return "chat: no messages to render"
    case .visionPartInTextOnlyChat(let index):
      return "chat message \(index): image or video part in a text-only chat format"
    case .placeholderCountMismatch(let placeholder, let placeholders, let grids):
      return "chat: \(placeholders) \(placeholder) placeholders but \(grids) grids"
    case .invalidGrid(let t, let h, let w, let merge):
      return "chat: grid [\(t), \(h), \(w)] needs positive sizes and a height and width that "
        + "are multiples of the merge size \(merge)"
    }
  }

  /// Quotes a token for a message, escaping control characters so that "\n" stays visible.
  static func quoted(_ text: String) -> String {
    var out = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "'"
  }
}
