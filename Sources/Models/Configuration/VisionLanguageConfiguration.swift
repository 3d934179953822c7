// VisionLanguageConfiguration: Qwen2-VL's vision tower and special tokens, from config.json.
import Foundation

/// The hyperparameters of Qwen2-VL's vision tower (a ViT with 2-D rotary embeddings and a
/// 2×2 patch merger).
public struct VisionConfiguration: Sendable, Equatable {
  /// Width of the vision transformer (`embed_dim`).
  public var embedDim: Int
  /// Number of vision blocks (`depth`).
  public var depth: Int
  /// Attention heads (`num_heads`).
  public var headCount: Int
  /// MLP width as a multiple of `embedDim` (`mlp_ratio`).
  public var mlpRatio: Double
  /// Pixels per patch side (`patch_size`, 14).
  public var patchSize: Int
  /// Patches merged per side into one language token (`spatial_merge_size`, 2).
  public var spatialMergeSize: Int
  /// Frames per temporal patch (`temporal_patch_size`, 2; a still image is repeated).
  public var temporalPatchSize: Int
  /// Colour channels (`in_channels`, 3).
  public var inChannels: Int
  /// Width of the merger's output: the language model's hidden size (`hidden_size`).
  public var outputSize: Int
  /// Rotary base of the 2-D position embedding.
  public var ropeTheta: Double

  /// Per-head width.
  public var headDim: Int { embedDim / headCount }
  /// MLP width.
  public var mlpDim: Int { Int(Double(embedDim) * mlpRatio) }
  /// Values per flattened patch: channels × temporal × patch².
  public var patchValues: Int { inChannels * temporalPatchSize * patchSize * patchSize }

  init(fields: JSONFields) throws {
    embedDim = try fields.int("embed_dim")
    depth = try fields.int("depth")
    headCount = try fields.int("num_heads")
    mlpRatio = try fields.optionalDouble("mlp_ratio") ?? 4
    patchSize = try fields.optionalInt("patch_size") ?? 14
    spatialMergeSize = try fields.optionalInt("spatial_merge_size") ?? 2
    temporalPatchSize = try fields.optionalInt("temporal_patch_size") ?? 2
    inChannels = try fields.optionalInt("in_channels") ?? 3
    outputSize = try fields.int("hidden_size")
    ropeTheta = try fields.optionalObject("rope_parameters")?.optionalDouble("rope_theta") ?? 10000
    if let activation = try fields.optionalString("hidden_act"), activation != "quick_gelu" {
      throw ModelError.invalidConfiguration(path: fields.path, field: fields.prefix + "hidden_act", reason: "only 'quick_gelu' is supported, got '\(activation)'")
    }
    guard embedDim > 0, depth >= 0, headCount > 0, embedDim % headCount == 0, headDim % 4 == 0, spatialMergeSize > 0 else {
      throw ModelError.invalidConfiguration(path: fields.path, field: fields.prefix + "embed_dim",
                                            reason: "\(embedDim) must split into \(headCount) heads of a width divisible by 4")
    }
  }
}

/// The configuration of a `Qwen2VLForConditionalGeneration` checkpoint.
public struct VisionLanguageConfiguration: Sendable, Equatable {
  /// The language model.
  public var text: TextConfiguration
  /// The vision tower.
  public var vision: VisionConfiguration
  /// `<|image_pad|>`, `<|video_pad|>`, `<|vision_start|>` and `<|vision_end|>` ids.
  public var imageTokenId: Int, videoTokenId: Int, visionStartTokenId: Int, visionEndTokenId: Int

  /// Reads `config.json` in the transformers-5 layout (nested `text_config`) or the
  /// transformers-4 layout (text fields at the top level, `rope_scaling.mrope_section`).
  init(fields: JSONFields) throws {
    let textFields = try fields.optionalObject("text_config") ?? fields
    text = try TextConfiguration(fields: textFields, defaults: fields)
    // tie_word_embeddings sits at the top level; older checkpoints put it in text_config.
    text.tieWordEmbeddings = try fields.optionalBool("tie_word_embeddings") ?? textFields.optionalBool("tie_word_embeddings") ?? false
    if text.mropeSection == nil { text.mropeSection = [16, 24, 24] }  // transformers' default
    try text.validate(path: fields.path)
    guard let visionFields = try fields.optionalObject("vision_config") else {
      throw ModelError.invalidConfiguration(path: fields.path, field: "vision_config", reason: "missing")
    }
    vision = try VisionConfiguration(fields: visionFields)
    imageTokenId = try fields.optionalInt("image_token_id") ?? 151_655
    videoTokenId = try fields.optionalInt("video_token_id") ?? 151_656
    visionStartTokenId = try fields.optionalInt("vision_start_token_id") ?? 151_652
    visionEndTokenId = try fields.optionalInt("vision_end_token_id") ?? 151_653
  }
}
