// The model as a language value: a loaded Hugging Face directory with its tokenizer and chat format.

import Foundation
import Lang
import Models

/// A model in the language (`type(m) == "model"`), made by `load_model(dir)` or `m.copy()`.
///
/// It wraps a `PretrainedModel`; the RL bindings pass it as the policy or the reference.
public final class ModelObject: NativeObject {
  /// The network, tokenizer, chat format and generation settings.
  public let model: PretrainedModel

  /// Wraps a loaded model.
  public init(_ model: PretrainedModel) {
    self.model = model
  }

  /// `model`.
  public var typeName: String { "model" }

  /// `<model qwen2_vl: 5.2M parameters from 'dir'>`.
  public func describe(nested: Bool) -> String {
    let kind: String
    switch model.architecture {
    case .qwen2: kind = "qwen2"
    case .qwen2VL: kind = "qwen2_vl"
    }
    let count = model.parameters.values.count
    let size = count >= 1_000_000 ? String(format: "%.2fM", Double(count) / 1e6) : "\(count)"
    let source = model.sourceDirectory.map { " from \(Format.quoted($0))" } ?? ""
    return "<model \(kind): \(size) parameters\(source)>"
  }

  /// The model methods (`ModelMethods.table`, in ModelMethods.swift).
  public var methods: [String: Builtin] { [:] }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    """
    A Qwen2 or Qwen2-VL model loaded from a Hugging Face directory (load_model(dir)).
    m.chat(messages) renders a prompt; m.prepare(text, images: [...]) tokenizes it with its
    images; m.logits(...) and m.generate(...) run it; m.copy() makes a frozen-reference copy.
    """
  }
}

extension Value {
  /// The model object this value holds, if it is a model.
  public var modelObject: ModelObject? {
    if case .native(let object as ModelObject) = self { return object }
    return nil
  }
}
