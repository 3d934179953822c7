// The Qwen2 and Qwen2-VL chat formats, written out directly instead of run through Jinja.


/// A Qwen2 / Qwen2-VL chat format: renders message lists to the prompt text the Hugging Face
/// chat template produces, and expands image placeholders as the Qwen2-VL processor does.
///
/// rlnb has no Jinja engine. The two templates are implemented directly and tested against
/// Jinja renderings of the original templates (`make_chat_vectors.py`) and against the
/// fixtures' processor outputs. The Qwen2-VL format:
///
///     <|im_start|>system\nYou are a helpful assistant.<|im_end|>\n      ← only if the first
///     <|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>Describe.<|im_end|>\n  message
///     <|im_start|>assistant\n                                             is not a system one
///
/// A string content is emitted as is; a list emits its parts in order with nothing between
/// them: an image as `<|vision_start|><|image_pad|><|vision_end|>` (a video with
/// `<|video_pad|>`), text as itself. The last line comes only with `addingGenerationPrompt`.
///
/// ```swift
/// let messages = [ChatMessage.user([.image(source: "cat.png"), .text("Describe the image.")])]
/// let ids = try ChatTemplate.qwen2VL.encode(messages, imageGrids: [VisionGrid(height: 4, width: 4)],
///                                           addingGenerationPrompt: true, with: tokenizer)
/// ```
public struct ChatTemplate: Sendable, Equatable {
  /// The system message added when the first message is not a system message; `nil` adds none.
  public var defaultSystemMessage: String?
  /// Whether image and video parts are allowed (Qwen2-VL) or rejected (Qwen2, whose template
  /// cannot render them).
  public var allowsVision: Bool
  /// Qwen2-VL's `add_vision_id`: prefix each image with "Picture n: " and each video with
  /// "Video n: ", counting from 1 across the whole chat.
  public var addsVisionIDs: Bool

  /// A chat format with the given settings.
  public init(defaultSystemMessage: String? = "You are a helpful assistant.",
              allowsVision: Bool = true, addsVisionIDs: Bool = false)
  {
    self.defaultSystemMessage = defaultSystemMessage
    self.allowsVision = allowsVision
    self.addsVisionIDs = addsVisionIDs
  }

  /// Qwen2-Instruct's format (text only).
  public static let qwen2 = ChatTemplate(allowsVision: false)
  /// Qwen2-VL-Instruct's format.
  public static let qwen2VL = ChatTemplate()

  /// The format whose Jinja source is exactly `source` (the `chat_template` of
  /// `tokenizer_config.json` or `chat_template.json`), or `nil` for any other template.
  public init?(recognizing source: String) {
    switch source {
    case Self.qwen2VLSource: self = .qwen2VL
    case Self.qwen2Source: self = .qwen2
    default: return nil
    }
  }

  // MARK: - Rendering

  /// The prompt text for `messages`, before image placeholders are expanded.
  ///
  /// The text-only Qwen2 template cannot render list contents at all (Jinja fails on them);
  /// here their text parts are concatenated, and image or video parts are an error.
  ///
  /// - Throws: `TokenizerError.emptyChat` for no messages, and
  ///   `TokenizerError.visionPartInTextOnlyChat` when a text-only format meets an image or
  ///   video part.
  public func render(_ messages: [ChatMessage], addingGenerationPrompt: Bool)
    throws(TokenizerError) -> String
  {
    guard !messages.isEmpty else { throw .emptyChat }
    var text = ""
    var images = 0
    var videos = 0
    for (index, message) in messages.enumerated() {
      if index == 0, message.role != .system, let defaultSystemMessage {
        text += "<|im_start|>system\n" + defaultSystemMessage + "<|im_end|>\n"
      }
      text += "<|im_start|>" + message.role.rawValue + "\n"
      switch message.content {
      case .text(let content):
        text += content
      case .parts(let parts):
        for part in parts {
          switch part {
          case .text(let content):
            text += content
          case .image:
            guard allowsVision else { throw .visionPartInTextOnlyChat(messageIndex: index) }
            images += 1
            if addsVisionIDs { text += "Picture \(images): " }
            text += "<|vision_start|>" + Self.imagePad + "<|vision_end|>"
          case .video:
            guard allowsVision else { throw .visionPartInTextOnlyChat(messageIndex: index) }
            videos += 1
            if addsVisionIDs { text += "Video \(videos): " }
            text += "<|vision_start|>" + Self.videoPad + "<|vision_end|>"
          }
        }
      }
      text += "<|im_end|>\n"
    }
    if addingGenerationPrompt { text += "<|im_start|>assistant\n" }
    return text
  }

  /// The placeholder token for one image, repeated per merged patch after rendering.
  public static let imagePad = "<|image_pad|>"
  /// The placeholder token for one video.
  public static let videoPad = "<|video_pad|>"

  /// Replaces the k-th `<|image_pad|>` of `text` by `imageGrids[k].tokenCount(mergeSize:)`
  /// copies (and likewise `<|video_pad|>` with `videoGrids`), as `Qwen2VLProcessor` does
  /// between rendering and tokenizing. Image 1 of the fixtures (grid 1×4×4) takes 4 pads.
  /// Placeholders are matched as scalar sequences, wherever they are (a pad typed inside a
  /// user's text counts too, as in transformers).
  ///
  /// - Throws: `TokenizerError.placeholderCountMismatch` when the number of placeholders and
  ///   grids differ, `TokenizerError.invalidGrid` for a grid that is not a whole number of
  ///   merged patches.
  public static func expandingVisionPads(in text: String, imageGrids: [VisionGrid],
                                         videoGrids: [VisionGrid] = [], mergeSize: Int = 2)
    throws(TokenizerError) -> String
  {
    let withImages = try expanding(imagePad, in: text, grids: imageGrids, mergeSize: mergeSize)
    return try expanding(videoPad, in: withImages, grids: videoGrids, mergeSize: mergeSize)
  }

  private static func expanding(_ pad: String, in text: String, grids: [VisionGrid],
                                mergeSize: Int) throws(TokenizerError) -> String
  {
    // Split on scalars, not Characters: "<|image_pad|>\u{301}" still holds a pad, as it does
    // for the processor's str.replace and for the tokenizer.
    let scalars = Array(text.unicodeScalars)
    let target = Array(pad.unicodeScalars)
    var pieces: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    var index = 0
    while index + target.count <= scalars.count {
      if scalars[index..<index + target.count].elementsEqual(target) {
        pieces.append(scalars[start..<index])
        index += target.count
        start = index
      } else {
        index += 1
      }
    }
    pieces.append(scalars[start...])
    guard pieces.count - 1 == grids.count else {
      throw .placeholderCountMismatch(placeholder: pad, placeholders: pieces.count - 1,
                                      grids: grids.count)
    }
    var expanded = String.UnicodeScalarView(pieces[0])
    for (grid, piece) in zip(grids, pieces.dropFirst()) {
      for _ in 0..<(try grid.tokenCount(mergeSize: mergeSize)) {
        expanded.append(contentsOf: target)
      }
      expanded.append(contentsOf: piece)
    }
    return String(expanded)
  }

  /// Renders `messages`, expands the vision placeholders and tokenizes the result: the
  /// `input_ids` the Qwen2-VL processor returns. No BOS is added.
  public func encode(_ messages: [ChatMessage], imageGrids: [VisionGrid] = [],
                     videoGrids: [VisionGrid] = [], mergeSize: Int = 2,
                     addingGenerationPrompt: Bool, with tokenizer: Tokenizer)
    throws(TokenizerError) -> [Int]
  {
    let text = try render(messages, addingGenerationPrompt: addingGenerationPrompt)
    return tokenizer.encode(try Self.expandingVisionPads(
      in: text, imageGrids: imageGrids, videoGrids: videoGrids, mergeSize: mergeSize))
  }

  // MARK: - The recognized Jinja sources

  /// Qwen2-VL-Instruct's `chat_template`, verbatim.
  static let qwen2VLSource =
    "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] == 'video' or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}Video {{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"

  /// Qwen2-Instruct's `chat_template`, verbatim.
  static let qwen2Source =
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
}
