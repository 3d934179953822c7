// Qwen2VLModel: Qwen2-VL — the vision tower's tokens spliced into the Qwen2 decoder, with 3-D
// M-RoPE positions (the true positions of get_rope_index, not MAYE's 1-D shortcut).
import Foundation
import Tensor

/// Qwen2VLForConditionalGeneration: a vision tower and a Qwen2 decoder sharing one parameter
/// store (hub names `visual.*`, `model.*`, `lm_head.weight`).
public final class Qwen2VLModel: @unchecked Sendable {
  /// The hyperparameters and special tokens.
  public let configuration: VisionLanguageConfiguration
  /// Every weight, vision and text, by Hugging Face name.
  public let parameters: ParameterStore
  /// The language model (its weights are part of `parameters`).
  public let language: Qwen2Model
  let vision: VisionTower

  /// A model with zero weights.
  public init(configuration: VisionLanguageConfiguration) throws {
    self.configuration = configuration
    let shapes = Qwen2Model.parameterShapes(for: configuration.text) + VisionTower.parameterShapes(for: configuration.vision)
    parameters = try wrapTensorError { try ParameterStore(shapes: shapes) }
    language = try Qwen2Model(configuration: configuration.text, store: parameters)
    vision = try VisionTower(configuration: configuration.vision, store: parameters)
  }

  /// Loads a `Qwen2VLForConditionalGeneration` directory (config in the transformers 4 or 5
  /// layout, weights with hub or in-memory names, any float dtype, single file or shards).
  public static func load(directory: String) throws -> Qwen2VLModel {
    let fields = try JSONFields(contentsOf: (directory as NSString).appendingPathComponent("config.json"))
    let model = try Qwen2VLModel(configuration: VisionLanguageConfiguration(fields: fields))
    let ignorable: Set<String> = model.configuration.text.tieWordEmbeddings ? ["lm_head.weight"] : []
    try model.parameters.load(from: CheckpointReader(directory: directory), alternatives: qwenAlternativeNames, ignoring: ignorable)
    return model
  }

  /// Fills every weight randomly (normal σ for matrices, zero biases, unit norms).
  public func initializeRandomly(standardDeviation: Float = 0.02, generator: inout RandomGenerator) throws {
    try Models.initializeRandomly(parameters.parameters, standardDeviation: standardDeviation, generator: &generator)
  }

  /// The vision tower's output `[M, C]` for all images' patches, one row per image token.
  public func imageFeatures(pixelValues: Tensor, grids: [VisionGrid]) throws -> Tensor {
    try vision(pixelValues: pixelValues, grids: grids)
  }

  /// Input embeddings `[B, T, C]`: token embeddings with each `<|image_pad|>` row replaced, in
  /// order, by the next image feature row (images of row 0 first). Only columns before
  /// `imageRegionEnd` hold placeholders: a response that samples `<|image_pad|>` is text.
  public func embeddings(ids: [[Int]], imageFeatures features: Tensor?, imageRegionEnd: Int? = nil) throws -> Tensor {
    let batch = ids.count, length = ids.first?.count ?? 0
    let text = try language.embed(IntTensor(shape: [batch, length], values: ids.flatMap { $0 }))
    let end = imageRegionEnd ?? length
    let imageSlots = ids.flatMap { $0 }.enumerated().filter { $0.element == configuration.imageTokenId && $0.offset % Swift.max(length, 1) < end }
      .map(\.offset)
    let featureCount = features?.shape[0] ?? 0
    guard imageSlots.count == featureCount else {
      throw ModelError.invalidInput("the prompt has \(imageSlots.count) <|image_pad|> tokens but the images give \(featureCount) features")
    }
    guard let features, featureCount > 0 else { return text }
    // Gather from [text rows; feature rows]: differentiable with respect to both.
    var source = Array(0..<(batch * length))
    for (feature, slot) in imageSlots.enumerated() { source[slot] = batch * length + feature }
    return try wrapTensorError {
      let rows = try Tensor.concatenate([text.reshaped([batch * length, -1]), features], axis: 0)
      return try rows.indexSelect(axis: 0, indices: IntTensor(source)).reshaped([batch, length, -1])
    }
  }

  /// The 3-D M-RoPE positions `[3][B][T]` and the per-row deltas of transformers'
  /// `get_rope_index`: text tokens get (p, p, p) and p += 1; the k-th token of an image with
  /// merged grid gh × gw gets (p, p + k / gw, p + k % gw), then p += max(gh, gw). Padding
  /// (mask 0) gets 0. Each delta is max position + 1 − the row's real length (≤ 0), so decoding
  /// continues at real length + k + delta.
  /// Placeholders count only before column `imageRegionEnd` (see `embeddings`).
  public func ropeIndex(ids: [[Int]], attentionMask: [[Int]]? = nil, grids: [VisionGrid], imageRegionEnd: Int? = nil)
    throws -> (positions: [[[Int]]], deltas: [Int])
  {
    let merge = configuration.vision.spatialMergeSize
    var positions = [[[Int]]](repeating: ids.map { [Int](repeating: 0, count: $0.count) }, count: 3)
    var deltas: [Int] = []
    var nextGrid = 0
    for (row, tokens) in ids.enumerated() {
      var p = 0, largest = -1, real = 0
      var index = 0
      while index < tokens.count {
        if let mask = attentionMask, mask[row][index] == 0 {
          index += 1
          continue
        }
        guard tokens[index] == configuration.imageTokenId, index < (imageRegionEnd ?? tokens.count) else {
          for axis in 0..<3 { positions[axis][row][index] = p }
          largest = Swift.max(largest, p)
          p += 1
          real += 1
          index += 1
          continue
        }
        guard nextGrid < grids.count else {
          throw ModelError.invalidInput("row \(row) has more image placeholders than the \(grids.count) images given")
        }
        let grid = grids[nextGrid]
        nextGrid += 1
        guard grid.temporal == 1 else { throw ModelError.invalidInput("video inputs (temporal grid \(grid.temporal)) are not supported") }
        let (gh, gw) = (grid.height / merge, grid.width / merge)
        for k in 0..<(gh * gw) {
          guard index < tokens.count, tokens[index] == configuration.imageTokenId else {
            throw ModelError.invalidInput("image \(nextGrid) needs \(gh * gw) consecutive <|image_pad|> tokens in row \(row)")
          }
          positions[0][row][index] = p
          positions[1][row][index] = p + k / gw
          positions[2][row][index] = p + k % gw
          largest = Swift.max(largest, p + Swift.max(k / gw, k % gw))
          real += 1
          index += 1
        }
        p += Swift.max(gh, gw)
      }
      deltas.append(largest + 1 - real)
    }
    guard nextGrid == grids.count else {
      throw ModelError.invalidInput("\(grids.count) images given but the prompts have placeholders for \(nextGrid)")
    }
    return (positions, deltas)
  }

  /// Logits `[B, T, V]` for a (possibly left-padded) batch with its images.
  public func logits(ids: [[Int]], attentionMask: [[Int]]? = nil, pixelValues: Tensor? = nil, grids: [VisionGrid] = []) throws -> Tensor {
    let features = try pixelValues.map { try imageFeatures(pixelValues: $0, grids: grids) }
    let (positions, _) = try ropeIndex(ids: ids, attentionMask: attentionMask, grids: grids)
    let hidden = try language.hiddenStates(embeddings: embeddings(ids: ids, imageFeatures: features), attentionMask: attentionMask,
                                           positions: .multimodal(positions))
    return try language.logits(hiddenStates: hidden)
  }

  /// Continues each prompt with its images (`grids` for all prompts' images, in order), left-
  /// padding with `padTokenID`. The prompt runs with M-RoPE positions; each new token is fed at
  /// real length + k + delta on all three axes, as transformers does.
  public func generate(
    prompts: [[Int]], pixelValues: Tensor? = nil, grids: [VisionGrid] = [], parameters: SamplingParameters,
    padTokenID: Int = 0, progress: ((Int) throws -> Void)? = nil
  ) throws -> [GeneratedSequence] {
    guard !prompts.isEmpty, prompts.allSatisfy({ !$0.isEmpty }) else {
      throw ModelError.invalidInput("generate needs at least one non-empty prompt")
    }
    let batch = prompts.count
    let width = prompts.map(\.count).max() ?? 0
    let ids = prompts.map { [Int](repeating: padTokenID, count: width - $0.count) + $0 }
    var mask = prompts.map { [Int](repeating: 0, count: width - $0.count) + [Int](repeating: 1, count: $0.count) }
    let (positions, deltas) = try ropeIndex(ids: ids, attentionMask: mask, grids: grids)
    var next = zip(prompts, deltas).map { $0.count + $1 }
    let cache = try KVCache(configuration: configuration.text, batch: batch, capacity: width + parameters.maxNewTokens)
    return try withoutGradient {
      try DecodingLoop(parameters: parameters).run(
        batch: batch,
        prefill: {
          let features = try pixelValues.map { try imageFeatures(pixelValues: $0, grids: grids) }
          let hidden = try language.hiddenStates(embeddings: embeddings(ids: ids, imageFeatures: features), attentionMask: mask,
                                                 positions: .multimodal(positions), cache: cache)
          return try wrapTensorError { try language.logits(hiddenStates: hidden.selected(axis: 1, index: -1).unsqueezed(axis: 1)).squeezed(axis: 1) }
        },
        step: { tokens in
          for row in 0..<batch { mask[row].append(1) }
          let column = next.map { [$0] }
          let logits = try language.logits(ids: IntTensor(shape: [batch, 1], values: tokens), attentionMask: mask,
                                           positions: .multimodal([column, column, column]), cache: cache)
          for row in 0..<batch { next[row] += 1 }
          return try wrapTensorError { try logits.selected(axis: 1, index: 0) }
        },
        progress: progress)
    }
  }
}
