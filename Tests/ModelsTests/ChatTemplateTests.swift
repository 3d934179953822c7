// The Qwen2 / Qwen2-VL chat formats against transformers' renderings and the fixture prompts.
import Foundation
import Testing

@testable import Models

@Suite("Chat template")
struct ChatTemplateTests {
  /// A Qwen2-VL fixture prompt: its chat, the rendered text and the processor's input ids.
  struct FixturePrompt: Decodable {
    let name: String
    let messages: [ChatMessage]
    let chatText: String
    let inputIDs: [Int]
    let numImagePadTokens: Int
    let imageGridTHW: [[Int]]?
    enum CodingKeys: String, CodingKey {
      case name, messages
      case chatText = "chat_text"
      case inputIDs = "input_ids"
      case numImagePadTokens = "num_image_pad_tokens"
      case imageGridTHW = "image_grid_thw"
    }
  }

  struct FixtureReference: Decodable {
    let prompts: [FixturePrompt]
  }

  /// One entry of chat_vectors.json (make_chat_vectors.py).
  struct ChatVector: Decodable {
    let template: String
    let messages: [ChatMessage]
    let addGenerationPrompt: Bool
    let addVisionID: Bool
    let imageGrids: [[Int]]
    let videoGrids: [[Int]]
    let rendered: String
    let expanded: String
    let inputIDs: [Int]
    enum CodingKeys: String, CodingKey {
      case template, messages, rendered, expanded
      case addGenerationPrompt = "add_generation_prompt"
      case addVisionID = "add_vision_id"
      case imageGrids = "image_grids"
      case videoGrids = "video_grids"
      case inputIDs = "input_ids"
    }
  }

  struct ChatVectors: Decodable {
    let transformersVersion: String
    let chats: [ChatVector]
    enum CodingKeys: String, CodingKey {
      case chats
      case transformersVersion = "transformers_version"
    }
  }

  static func grids(_ rows: [[Int]]) -> [VisionGrid] {
    rows.map { VisionGrid(temporal: $0[0], height: $0[1], width: $0[2]) }
  }

  @Test("the fixture prompts render to chat_text and encode to the processor's input_ids")
  func fixturePrompts() throws {
    let tokenizer = try TokenizerFixtures.tokenizer("qwen2vl-tiny")
    let reference = try TokenizerFixtures.decode(FixtureReference.self,
                                                 "qwen2vl-tiny/reference_outputs.json")
    #expect(reference.prompts.map(\.name) == ["image1", "image2_system", "text_only"])
    for prompt in reference.prompts {
      let text = try ChatTemplate.qwen2VL.render(prompt.messages, addingGenerationPrompt: true)
      #expect(text == prompt.chatText, "\(prompt.name)")
      let grids = Self.grids(prompt.imageGridTHW ?? [])
      let ids = try ChatTemplate.qwen2VL.encode(prompt.messages, imageGrids: grids,
                                                addingGenerationPrompt: true, with: tokenizer)
      #expect(ids == prompt.inputIDs, "\(prompt.name)")
      #expect(ids.filter { $0 == tokenizer.id(forToken: ChatTemplate.imagePad) }.count
              == prompt.numImagePadTokens)
    }
  }

  @Test("every chat of chat_vectors.json renders, expands and encodes as in transformers 5.23")
  func transformersRenderings() throws {
    let vectors = try TokenizerFixtures.decode(ChatVectors.self, "tokenizer/chat_vectors.json")
    #expect(vectors.transformersVersion == "5.23.0")
    #expect(vectors.chats.count > 100)
    let tokenizer = try TokenizerFixtures.tokenizer("qwen2vl-tiny")
    for (index, chat) in vectors.chats.enumerated() {
      var template = chat.template == "qwen2" ? ChatTemplate.qwen2 : ChatTemplate.qwen2VL
      template.addsVisionIDs = chat.addVisionID
      let rendered = try template.render(chat.messages,
                                         addingGenerationPrompt: chat.addGenerationPrompt)
      #expect(Array(rendered.unicodeScalars) == Array(chat.rendered.unicodeScalars), "chat \(index)")
      let expanded = try ChatTemplate.expandingVisionPads(
        in: rendered, imageGrids: Self.grids(chat.imageGrids),
        videoGrids: Self.grids(chat.videoGrids))
      #expect(Array(expanded.unicodeScalars) == Array(chat.expanded.unicodeScalars), "chat \(index)")
      #expect(tokenizer.encode(expanded) == chat.inputIDs, "chat \(index)")
    }
  }

  @Test("the fixture's chat_template and tokenizer_config templates are recognized")
  func recognizesTemplates() throws {
    struct TemplateFile: Decodable {
      let chatTemplate: String
      enum CodingKeys: String, CodingKey { case chatTemplate = "chat_template" }
    }
    for file in ["qwen2vl-tiny/chat_template.json", "qwen2vl-tiny/tokenizer_config.json"] {
      let source = try TokenizerFixtures.decode(TemplateFile.self, file).chatTemplate
      #expect(ChatTemplate(recognizing: source) == .qwen2VL, "\(file)")
    }
    #expect(ChatTemplate(recognizing: ChatTemplate.qwen2Source) == .qwen2)
    #expect(ChatTemplate(recognizing: "{{ messages }}") == nil)
  }

  @Test("list items decode as the Qwen2-VL template classifies them")
  func decodesParts() throws {
    let json = #"""
      {"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "http://x/y.png"}},
        {"image": "a.png", "text": "ignored: an image wins"},
        {"type": "video", "video": ["f1.png", "f2.png"]},
        {"type": "text", "text": "Hi"},
        {"type": "audio"}
      ]}
      """#
    let message = try JSONDecoder().decode(ChatMessage.self, from: Data(json.utf8))
    #expect(message == .user([.image(source: "http://x/y.png"), .image(source: "a.png"),
                              .video(source: nil), .text("Hi")]))
    #expect(message.visionParts.count == 3)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ChatMessage.self, from: Data(#"{"role": "tool", "content": ""}"#.utf8))
    }
  }

  @Test("the image placeholder becomes t·h·w / merge² pads")
  func padCounts() throws {
    #expect(try VisionGrid(height: 4, width: 4).tokenCount() == 4)
    #expect(try VisionGrid(height: 8, width: 6).tokenCount() == 12)
    #expect(try VisionGrid(temporal: 2, height: 4, width: 6).tokenCount() == 12)
    #expect(try VisionGrid(height: 6, width: 6).tokenCount(mergeSize: 3) == 4)
    let text = "a<|image_pad|>b<|video_pad|>c<|image_pad|>\u{301}"
    let expanded = try ChatTemplate.expandingVisionPads(
      in: text, imageGrids: [VisionGrid(height: 2, width: 2), VisionGrid(height: 2, width: 4)],
      videoGrids: [VisionGrid(temporal: 2, height: 2, width: 2)])
    #expect(expanded == "a<|image_pad|>b<|video_pad|><|video_pad|>c"
            + "<|image_pad|><|image_pad|>\u{301}")
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let run: @Sendable () throws -> Void
    let expected: TokenizerError
    let message: String
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(testDescription: "no messages", run: {
      _ = try ChatTemplate.qwen2VL.render([], addingGenerationPrompt: true)
    }, expected: .emptyChat, message: "chat: no messages to render"),
    ErrorCase(testDescription: "image in a text-only chat", run: {
      _ = try ChatTemplate.qwen2.render([.system("s"), .user([.image(source: nil)])],
                                        addingGenerationPrompt: false)
    }, expected: .visionPartInTextOnlyChat(messageIndex: 1),
       message: "chat message 1: image or video part in a text-only chat format"),
    ErrorCase(testDescription: "more pads than grids", run: {
      _ = try ChatTemplate.expandingVisionPads(in: "<|image_pad|><|image_pad|>",
                                               imageGrids: [VisionGrid(height: 2, width: 2)])
    }, expected: .placeholderCountMismatch(placeholder: "<|image_pad|>", placeholders: 2, grids: 1),
       message: "chat: 2 <|image_pad|> placeholders but 1 grids"),
    ErrorCase(testDescription: "grid without a placeholder", run: {
      _ = try ChatTemplate.expandingVisionPads(in: "text", imageGrids: [],
                                               videoGrids: [VisionGrid(height: 2, width: 2)])
    }, expected: .placeholderCountMismatch(placeholder: "<|video_pad|>", placeholders: 0, grids: 1),
       message: "chat: 0 <|video_pad|> placeholders but 1 grids"),
    ErrorCase(testDescription: "grid not a multiple of the merge", run: {
      _ = try VisionGrid(height: 3, width: 4).tokenCount()
    }, expected: .invalidGrid(temporal: 1, height: 3, width: 4, mergeSize: 2),
       message: "chat: grid [1, 3, 4] needs positive sizes and a height and width that are "
         + "multiples of the merge size 2"),
    ErrorCase(testDescription: "empty grid", run: {
      _ = try VisionGrid(temporal: 0, height: 2, width: 2).tokenCount()
    }, expected: .invalidGrid(temporal: 0, height: 2, width: 2, mergeSize: 2),
       message: "chat: grid [0, 2, 2] needs positive sizes and a height and width that are "
         + "multiples of the merge size 2"),
  ]

  @Test("misuse throws a TokenizerError with a clear message", arguments: errorCases)
  func errors(_ errorCase: ErrorCase) {
    #expect(throws: errorCase.expected) { try errorCase.run() }
    #expect(errorCase.expected.description == errorCase.message)
  }
}
