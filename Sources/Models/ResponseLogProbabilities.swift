// ResponseLogProbabilities: log π(response | prompt) per token for a batch — the quantity every
// RL stage needs (π_old, π_ref, and π_θ with gradients).
import Tensor

extension PretrainedModel {
  /// Log-probabilities `[B, Lr]` of each response token given its prompt and the response
  /// tokens before it, under logits scaled by 1/`temperature`, and (optionally) the full
  /// distribution's entropy per token.
  ///
  /// Prompts are left-padded and responses right-padded (with `paddingToken`) into one
  /// `[B, Lq + Lr]` batch; every prompt and response token is attended (causality keeps
  /// response padding harmless), positions come from the mask — for Qwen2-VL the true 3-D
  /// M-RoPE positions of `get_rope_index`. Only the Lr positions that predict response tokens go
  /// through the LM head, so memory is `[B, Lr, V]`, not `[B, Lq + Lr, V]`. Records autograd
  /// unless called inside `withoutGradient`. Positions past a response's end hold the
  /// log-probability of the padding token; mask them.
  public func responseLogProbabilities(
    prompts: [PreparedPrompt], responses: [[Int]], temperature: Float = 1, paddingToken: Int? = nil, computingEntropy: Bool = false
  ) throws -> (logProbabilities: Tensor, entropy: Tensor?) {
    guard prompts.count == responses.count, !prompts.isEmpty else {
      throw ModelError.invalidInput("\(prompts.count) prompts for \(responses.count) responses")
    }
    guard temperature > 0 else { throw ModelError.invalidInput("temperature must be positive for log-probabilities, got \(temperature)") }
    let pad = paddingToken ?? generation.padTokenId ?? generation.eosTokenIds.first ?? 0
    let promptWidth = prompts.map(\.ids.count).max() ?? 0
    let responseWidth = responses.map(\.count).max() ?? 0
    guard promptWidth > 0, responseWidth > 0 else { throw ModelError.invalidInput("prompts and responses must not be empty") }
    var ids: [[Int]] = [], mask: [[Int]] = [], targets: [Int] = []
    for (prompt, response) in zip(prompts, responses) {
      let left = promptWidth - prompt.ids.count, right = responseWidth - response.count
      ids.append([Int](repeating: pad, count: left) + prompt.ids + response + [Int](repeating: pad, count: right))
      mask.append([Int](repeating: 0, count: left) + [Int](repeating: 1, count: prompt.ids.count + responseWidth))
      targets += response + [Int](repeating: pad, count: right)
    }
    let hidden = try hiddenStates(ids: ids, attentionMask: mask, prompts: prompts, imageRegionEnd: promptWidth)  // [B, Lq + Lr, C]
    return try wrapTensorError {
      // Position Lq − 1 + t predicts response token t.
      let predicting = try hidden.sliced(axis: 1, start: promptWidth - 1, end: promptWidth - 1 + responseWidth)  // [B, Lr, C]
      let logits = try architecture.text.logits(hiddenStates: predicting) * (1 / temperature)  // [B, Lr, V]
      let negative = try logits.crossEntropy(targets: IntTensor(shape: [prompts.count, responseWidth], values: targets), reduction: .none)
      let entropy = computingEntropy ? try withoutGradient {
        let logP = try logits.logSoftmax()
        return try -(logP.exp() * logP).sum(axis: -1)
      } : nil
      return (try -negative, entropy)
    }
  }

  /// Final hidden states `[B, L]` for a padded batch whose i-th row carries prompt i's images
  /// (as placeholders before column `imageRegionEnd`; a sampled `<|image_pad|>` after it is text).
  func hiddenStates(ids: [[Int]], attentionMask: [[Int]], prompts: [PreparedPrompt], imageRegionEnd: Int? = nil) throws -> Tensor {
    switch architecture {
    case .qwen2(let model):
      let tokens = try wrapTensorError { try IntTensor(shape: [ids.count, ids.first?.count ?? 0], values: ids.flatMap { $0 }) }
      return try model.hiddenStates(embeddings: model.embed(tokens), attentionMask: attentionMask, positions: .from(attentionMask: attentionMask))
    case .qwen2VL(let model):
      let pixels = prompts.compactMap(\.pixelValues)
      let joined = pixels.isEmpty ? nil : try wrapTensorError { try Tensor.concatenate(pixels, axis: 0) }
      let grids = prompts.flatMap(\.grids)
      let features = try joined.map { try model.imageFeatures(pixelValues: $0, grids: grids) }
      let (positions, _) = try model.ropeIndex(ids: ids, attentionMask: attentionMask, grids: grids, imageRegionEnd: imageRegionEnd)
      return try model.language.hiddenStates(embeddings: model.embeddings(ids: ids, imageFeatures: features, imageRegionEnd: imageRegionEnd),
                                             attentionMask: attentionMask,
                                             positions: .multimodal(positions))
    }
  }
}
