// A gradient check of the whole Qwen2 model's loss with respect to a few parameters.
import Testing
@testable import Models
@testable import Tensor

@Suite struct Qwen2GradientTests {
  /// The language-modelling loss of a small random model on a padded batch, against central
  /// differences for elements of several parameters (embedding, attention, MLP, norms).
  @Test func lossGradientMatchesFiniteDifferences() throws {
    let configuration = TextConfiguration(hiddenSize: 16, intermediateSize: 24, layerCount: 2, headCount: 4, keyValueHeadCount: 2,
                                          vocabularySize: 32, ropeTheta: 10000, tieWordEmbeddings: true)
    let model = try Qwen2Model(configuration: configuration)
    var generator = RandomGenerator(seed: 3)
    try model.initializeRandomly(standardDeviation: 0.3, generator: &generator)
    let ids = try IntTensor(shape: [2, 6], values: [0, 0, 5, 9, 17, 3, 4, 8, 15, 16, 23, 31])
    let mask = [[0, 0, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]]
    let targets = try IntTensor(shape: [2, 6], values: [-100, -100, 9, 17, 3, 1, 8, 15, 16, 23, 31, 2])

    func loss() throws -> Tensor {
      try model.logits(ids: ids, attentionMask: mask, positions: .from(attentionMask: mask)).crossEntropy(targets: targets)
    }
    model.parameters.zeroGradients()
    try loss().backward()
    let checked = ["model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.bias",
                   "model.layers.1.self_attn.v_proj.weight", "model.layers.1.mlp.down_proj.weight", "model.layers.0.input_layernorm.weight",
                   "model.norm.weight"]
    for name in checked {
      let parameter = try #require(model.parameters[name])
      let analytic = try #require(parameter.grad).scalars
      let pointer = parameter.storage.pointer + parameter.layout.offset
      for position in stride(from: 0, to: parameter.count, by: Swift.max(1, parameter.count / 6)) {
        let saved = pointer[position]
        pointer[position] = saved + 1e-3
        let plus = try withoutGradient { try loss().item() }
        pointer[position] = saved - 1e-3
        let minus = try withoutGradient { try loss().item() }
        pointer[position] = saved
        let numeric = Double(plus - minus) / 2e-3
        #expect(Swift.abs(Double(analytic[position]) - numeric) <= 3e-3 + 0.03 * Swift.abs(numeric),
                "\(name)[\(position)]: analytic \(analytic[position]), numeric \(numeric)")
      }
    }
  }
}
