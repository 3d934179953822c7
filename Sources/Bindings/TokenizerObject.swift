// The tokenizer as a language value: text ↔ token ids, exactly as Hugging Face `tokenizers`.

import Lang
import Models

/// A tokenizer in the language (`type(tok) == "tokenizer"`), made by `load_tokenizer(path)`
/// or read from a model (`m.tokenizer`).
///
/// *Choice:* token ids are lists of numbers (`tok.encode("hi")` is `[71, 72]`), as in Python's
/// `tokenizer.encode`: lists print compactly, concatenate with `+` and index like any list.
/// Everything that takes ids also takes an int32 tensor (`m.prepare(...).input_ids`).
public final class TokenizerObject: NativeObject {
  /// The wrapped tokenizer.
  public let tokenizer: Tokenizer
  /// The `tokenizer.json` it was read from, if any.
  public let source: String?

  /// Wraps a tokenizer.
  public init(_ tokenizer: Tokenizer, source: String? = nil) {
    self.tokenizer = tokenizer
    self.source = source
  }

  /// `tokenizer`.
  public var typeName: String { "tokenizer" }

  /// `<tokenizer: 600 tokens from "dir/tokenizer.json">`.
  public func describe(nested: Bool) -> String {
    "<tokenizer: \(tokenizer.vocabularySize) tokens\(source.map { " from \(Format.quoted($0))" } ?? "")>"
  }

  /// `vocab_size special_tokens path`.
  public var fieldNames: [String] { ["vocab_size", "special_tokens", "path"] }

  /// The vocabulary size, the special tokens (record token → id) or the file.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "vocab_size": return .number(Double(tokenizer.vocabularySize))
    case "special_tokens":
      return .record(Record(tokenizer.addedTokens.filter(\.isSpecial).map { ($0.content, .number(Double($0.id))) }))
    case "path": return source.map { .string($0) } ?? .nil
    default: return nil
    }
  }

  /// The tokenizer methods.
  public var methods: [String: Builtin] { TokenizerMethods.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A byte-level BPE tokenizer (tokenizer.json), encoding and decoding exactly like Hugging Face
    tokenizers. Token ids are lists of integers: tok.decode(tok.encode("Hello")) == "Hello".
    """
  }
}

/// The methods of tokenizer values.
enum TokenizerMethods {
  static let table: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

  private static let all: [Builtin] = [
    Builtin("encode", signature: "tokenizer.encode(text)",
            doc: "The token ids of text (a list of integers), special tokens such as <|im_end|> included; no chat template is applied.") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      return .list(List(tokenizer.encode(try args.string("text")).map { .number(Double($0)) }))
    },
    Builtin("decode", signature: "tokenizer.decode(ids, skip_special = false)",
            doc: "The text of token ids (a list of integers or an int tensor); skip_special drops special tokens such as <|im_end|>.") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      let ids = try tokenIDs(from: try args.value("ids"), function: args.functionName, parameter: "ids")
      let skip = try args.bool("skip_special")
      return .string(try modelOperation("decode") { try tokenizer.decode(ids, skippingSpecialTokens: skip) })
    },
    Builtin("tokenize", signature: "tokenizer.tokenize(text)",
            doc: "The tokens of text as strings, in the vocabulary's byte-level spelling (a space is Ġ): tok.tokenize(\"a b\") == [\"a\", \"Ġb\"].") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      return .list(List(tokenizer.encode(try args.string("text")).map { .string(tokenizer.token(forID: $0) ?? "") }))
    },
    Builtin("id", signature: "tokenizer.id(token)", doc: "The id of a token (byte-level spelling, or a special token such as \"<|im_end|>\"), or nil.") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      return tokenizer.id(forToken: try args.string("token")).map { .number(Double($0)) } ?? .nil
    },
    Builtin("token", signature: "tokenizer.token(id)", doc: "The token an id stands for, or nil for an unknown id.") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      return tokenizer.token(forID: try args.integer("id")).map { .string($0) } ?? .nil
    },
    Builtin("is_special", signature: "tokenizer.is_special(id)", doc: "Whether id is a special token (dropped by decode(ids, skip_special: true)).") { args in
      let tokenizer = try args.receiver(as: TokenizerObject.self).tokenizer
      return .bool(tokenizer.isSpecialToken(id: try args.integer("id")))
    },
  ]
}
