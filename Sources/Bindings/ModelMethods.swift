// Model methods: chat, prepare, logits, parameters, save, copy, freeze (generate is in
// ModelMethods+Generate.swift).

import Lang
import Models
import Tensor

/// The methods of model values (`m.chat(messages)`, `m.generate(prompt, temperature: 0)`).
enum ModelMethods {
  static let table: [String: Builtin] = Dictionary(uniqueKeysWithValues: (prompts + running + weights).map { ($0.name, $0) })

  // MARK: - Prompts

  static let prompts: [Builtin] = [
    Builtin("chat", signature: "model.chat(messages, add_generation_prompt = true)",
            doc: "The prompt text of a chat in the model's format (Qwen2 / Qwen2-VL), as transformers' apply_chat_template:\nmessages are records {role: \"user\", content: \"...\"}, content a string or a list of parts\n[{type: \"image\"}, {type: \"text\", text: \"...\"}]; a plain string is one user message. Image placeholders stay unexpanded.") { args in
      let model = try args.receiver(as: ModelObject.self).model
      let messages = try ChatMessage.messages(from: try args.value("messages"), function: args.functionName, parameter: "messages")
      let addPrompt = try args.bool("add_generation_prompt")
      return .string(try modelOperation("chat") { try model.chat(messages, addingGenerationPrompt: addPrompt) })
    },
    Builtin("prepare", signature: "model.prepare(text, images = nil)",
            doc: "Tokenizes a prompt with its images (image values or PNG paths, one per <|image_pad|>, in order) and returns\n{input_ids, pixel_values, image_grid_thw, position_ids}: int32 ids [L], patches [n, values] or nil, a list of [t, h, w],\nint32 M-RoPE positions [3, L] (three equal rows for a text model). text may also be a chat (a list of messages):\nit is rendered with the generation prompt, and its image parts' files are loaded unless images are given.") { args in
      let object = try args.receiver(as: ModelObject.self)
      let (text, images) = try promptText(args, model: object.model)
      let prompt = try modelOperation("prepare", args.interpreter) { try object.model.prepare(text: text, images: images) }
      return try preparedRecord(prompt, model: object.model)
    },
  ]

  /// The text and images of `prepare`: a string with the `images` argument, or a chat
  /// rendered with its generation prompt and its image parts' files.
  private static func promptText(_ args: Arguments, model: PretrainedModel) throws(LangError) -> (String, [Models.Image]) {
    let given = try args.optionalList("images").map { list throws(LangError) in
      try list.items.map { item throws(LangError) in try image(item, args) }
    }
    if case .string(let text) = try args.value("text") { return (text, given ?? []) }
    let messages = try ChatMessage.messages(from: try args.value("text"), function: args.functionName, parameter: "text")
    let text = try modelOperation("prepare") { try model.chat(messages) }
    if let given { return (text, given) }
    let parts = messages.flatMap(\.visionParts)
    return (text, try parts.enumerated().map { (index, part) throws(LangError) in
      guard case .image(let source?) = part else {
        throw LangError.message("prepare: image part \(index) of the chat names no file; pass the images: m.prepare(messages, images: [img])")
      }
      return try image(.string(source), args)
    })
  }

  /// An image argument: an image value, or the path of a PNG file.
  private static func image(_ value: Value, _ args: Arguments) throws(LangError) -> Models.Image {
    switch value {
    case .native(let object as ImageObject): return object.image
    case .string(let path):
      let resolved = args.interpreter.resolvingPath(path)
      try ModelFiles.requireFile(resolved, function: args.functionName)
      return try modelOperation(args.functionName) { try Models.Image(contentsOfPNGFile: resolved) }
    default: throw args.badArgument("images", expected: "list of images or PNG paths", got: value)
    }
  }

  /// The prompt argument `name` for `model`: anything `preparedPrompt(from:)` takes, or a
  /// string, tokenized as it is (no chat template). Images are an error for a text model.
  static func prompt(_ value: Value, _ args: Arguments, name: String, model: PretrainedModel) throws(LangError) -> PreparedPrompt {
    if case .string(let text) = value { return try modelOperation(args.functionName) { try model.prepare(text: text) } }
    let prompt = try preparedPrompt(from: value, function: args.functionName, parameter: name)
    if prompt.pixelValues != nil, case .qwen2 = model.architecture {
      throw LangError.message("\(args.functionName): this qwen2 model takes no images, but the prompt has pixel_values")
    }
    return prompt
  }

  // MARK: - Running

  static let running: [Builtin] = [
    Builtin("logits", signature: "model.logits(prompt, grad = false)",
            doc: "Next-token logits [length, vocab] for one prompt: a prepared record, token ids (list or int tensor) or a string\n(tokenized as is). Computed without autograd unless grad: true (then backward() reaches the model's parameters).") { args in
      let model = try args.receiver(as: ModelObject.self).model
      let prompt = try prompt(try args.value("prompt"), args, name: "prompt", model: model)
      let grad = try args.bool("grad")
      return .tensor(try modelOperation("logits", args.interpreter) {
        grad ? try model.logits(prompt) : try withoutGradient { try model.logits(prompt) }
      })
    },
    generate,
  ]

  // MARK: - Weights

  static let weights: [Builtin] = [
    Builtin("parameters", signature: "model.parameters()",
            doc: "Every weight by its Hugging Face name, as a record of tensors that share the model's storage:\nwriting to one (p.fill_(0), inside no_grad) changes the model.") { args in
      let model = try args.receiver(as: ModelObject.self).model
      return .record(Record(model.parameters.parameters.map { ($0.name, .tensor($0.tensor)) }))
    },
    Builtin("save", signature: "model.save(dir)",
            doc: "Writes the model as a Hugging Face directory (config.json, model.safetensors, tokenizer and generation files),\ncreating dir; load_model and transformers read it back.") { args in
      let model = try args.receiver(as: ModelObject.self).model
      let directory = args.interpreter.resolvingPath(try args.string("dir"))
      try ModelFiles.createDirectory(directory, function: "save")
      try modelOperation("save", args.interpreter) { try model.save(to: directory) }
      return .nil
    },
    Builtin("copy", signature: "model.copy()",
            doc: "An independent copy with the same weights and frozen parts (e.g. the reference policy); changing one leaves the other alone.") { args in
      let model = try args.receiver(as: ModelObject.self).model
      return .native(ModelObject(try modelOperation("copy", args.interpreter) { try model.copy() }))
    },
    freezing("freeze", signature: "model.freeze(part = \"all\", frozen = true)",
             doc: "Stops (frozen: false restarts) gradients and optimizer updates for part: \"all\", \"vision\" (visual.*),\n\"language\" (model.*, lm_head) or \"embeddings\"; returns how many parameter tensors changed state.") { args throws(LangError) in try args.bool("frozen") },
    freezing("unfreeze", signature: "model.unfreeze(part = \"all\")",
             doc: "Restarts gradients and optimizer updates for part (see freeze); returns how many parameter tensors changed state.") { _ throws(LangError) in false },
  ]

  private static func freezing(_ name: String, signature: String, doc: String,
                               frozen: @escaping @Sendable (Arguments) throws(LangError) -> Bool) -> Builtin {
    Builtin(name, signature: signature, doc: doc) { args in
      let model = try args.receiver(as: ModelObject.self).model
      let partName = try args.string("part")
      guard let part = ModelPart(rawValue: partName) else {
        let names = ModelPart.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        throw LangError.fault(.badArgument(function: name, parameter: "part", expected: "one of \(names)", got: Format.quoted(partName)))
      }
      let flag = try frozen(args)
      let before = model.parameters.parameters.map(\.tensor.requiresGrad)
      try modelOperation(name) { try model.freeze(part, flag) }
      let changed = zip(before, model.parameters.parameters).filter { $0 != $1.tensor.requiresGrad }.count
      return .number(Double(changed))
    }
  }
}
