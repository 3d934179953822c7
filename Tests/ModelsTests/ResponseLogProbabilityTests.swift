// Tests that teacher-forced response log-probabilities reproduce those reported while sampling.
import Foundation
import Testing
@testable import Models
@testable import Tensor

@Suite struct ResponseLogProbabilityTests {
  /// Sampled at T = 0.7, then re-scored in one padded batch: the two computations must agree
  /// (the padding, positions and temperature handling all matter).
  @Test(arguments: ["qwen2-tiny", "qwen2vl-tiny"])
  func teacherForcedLogProbabilitiesMatchSampling(fixture: String) throws {
    let directory = try fixtureDirectory(fixture)
    let model = try PretrainedModel.load(directory: directory)
    var prompts: [PreparedPrompt]
    if fixture == "qwen2vl-tiny" {
      let text = try model.chat([.user([.image(source: "image2.png"), .text("Describe the image.")])])
      prompts = [try model.prepare(text: text, images: [Image(contentsOfPNGFile: directory + "/image2.png")]),
                 try model.prepare(text: try model.chat([.user("Hello")]))]
    } else {
      prompts = [try model.prepare(text: "Swift can make a kernel that is"), try model.prepare(text: "A")]
    }
    var sampling = SamplingParameters()
    sampling.temperature = 0.7
    sampling.maxNewTokens = 10
    sampling.seed = 5
    sampling.stopTokenIDs = []
    let generated = try model.generate(prompts, parameters: sampling)
    let (scores, entropy) = try withoutGradient {
      try model.responseLogProbabilities(prompts: prompts, responses: generated.map(\.tokens), temperature: 0.7, computingEntropy: true)
    }
    for (row, sequence) in generated.enumerated() {
      let rowScores = try scores.selected(axis: 0, index: row).scalars
      expectClose(Array(rowScores.prefix(sequence.tokens.count)), sequence.logProbabilities, absolute: 2e-4, relative: 0, "\(fixture) row \(row)")
    }
    #expect(try entropy?.min().item() ?? -1 >= 0)
  }

  @Test func gradientsFlowToTheWeights() throws {
    let model = try PretrainedModel.load(directory: fixtureDirectory("qwen2-tiny"))
    let prompt = try model.prepare(text: "Swift can")
    let (scores, _) = try model.responseLogProbabilities(prompts: [prompt], responses: [[260, 261, 262]])
    try scores.sum().backward()
    #expect(model.parameters.gradients.scalars.contains { $0 != 0 })
  }

  /// Training steps on an image prompt: every backward reaches the vision weights, and a second
  /// step's graph does not reuse nodes the first backward released (a view made once at load
  /// time did).
  @Test func repeatedBackwardThroughTheVisionTower() throws {
    let directory = try fixtureDirectory("qwen2vl-tiny")
    let model = try PretrainedModel.load(directory: directory)
    let text = try model.chat([.user([.image(source: "image2.png"), .text("Describe the image.")])])
    let prompt = try model.prepare(text: text, images: [Image(contentsOfPNGFile: directory + "/image2.png")])
    let patch = try #require(model.parameters.parameters.first { $0.name == "visual.patch_embed.proj.weight" })
    for _ in 0..<2 {
      model.parameters.zeroGradients()
      let (scores, _) = try model.responseLogProbabilities(prompts: [prompt], responses: [[260, 261, 262]])
      try scores.sum().backward()
      #expect(patch.tensor.grad?.scalars.contains { $0 != 0 } == true)
    }
  }

  /// A response that samples `<|image_pad|>` is text: only the prompt's placeholders take image
  /// features (a sampled one used to be counted as a missing image).
  @Test func sampledImagePadTokensAreText() throws {
    let directory = try fixtureDirectory("qwen2vl-tiny")
    let model = try PretrainedModel.load(directory: directory)
    guard case .qwen2VL(let network) = model.architecture else { throw ModelError.invalidInput("not a VL model") }
    let text = try model.chat([.user([.image(source: "image2.png"), .text("Describe the image.")])])
    let prompt = try model.prepare(text: text, images: [Image(contentsOfPNGFile: directory + "/image2.png")])
    let pad = network.configuration.imageTokenId
    let (scores, _) = try withoutGradient { try model.responseLogProbabilities(prompts: [prompt], responses: [[pad, 260, pad]]) }
    #expect(scores.scalars.allSatisfy { $0.isFinite })
    // The first response token is predicted from the prompt alone.
    let expected = try model.logits(prompt).selected(axis: 0, index: prompt.ids.count - 1).logSoftmax().scalars[pad]
    let first = scores.scalars[0]
    #expect(abs(first - expected) < 1e-4)
  }
}
