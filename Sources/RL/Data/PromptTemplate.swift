// PromptTemplate: turning a math problem into the chat MAYE sends to the model.
import Models

/// How a problem becomes a prompt: MAYE's user message is `[image, question + instruction]`
/// with the model's default system message and a generation prompt.
public struct PromptTemplate: Sendable, Equatable {
  /// MAYE's `CHAT_COT_PROMPT`, appended to every question.
  public static let mayeInstruction = "\nSolve the above mathematics problem, write out the solution process according to the question, and use the same LaTeX format as the question in the solution process. Please display the final answer in the format \\boxed{}."

  /// The text appended to the question.
  public var instruction: String = PromptTemplate.mayeInstruction
  /// A system message, or nil for the model's default.
  public var systemMessage: String?
  /// Whether to remove the literal `<image>` MAYE's questions start with (MAYE keeps it).
  public var removingImageTag = false

  /// MAYE's template.
  public init() {}

  /// The chat for `problem` (without its image for a text-only model).
  public func messages(for problem: MathProblem, includingImage: Bool = true) -> [ChatMessage] {
    var question = problem.question
    if removingImageTag { question = question.replacingOccurrences(of: "<image>", with: "") }
    var parts: [ChatMessage.Part] = []
    if includingImage, let image = problem.imagePath { parts.append(.image(source: image)) }
    parts.append(.text(question + instruction))
    return (systemMessage.map { [ChatMessage.system($0)] } ?? []) + [.user(parts)]
  }

  /// The prepared prompt (token ids and processed image) of `problem` for `model`.
  public func prepare(_ problem: MathProblem, in dataset: MathDataset, for model: PretrainedModel) throws -> PreparedPrompt {
    try wrapErrors {
      let seesImages = model.imageProcessor != nil
      let text = try model.chat(messages(for: problem, includingImage: seesImages), addingGenerationPrompt: true)
      let images = problem.imagePath == nil || !seesImages ? [] : [try dataset.image(for: problem)]
      return try model.prepare(text: text, images: images)
    }
  }
}
