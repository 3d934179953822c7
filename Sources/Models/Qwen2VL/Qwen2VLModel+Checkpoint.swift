// Qwen2VLModel+Checkpoint: writing Qwen2-VL directories that transformers loads.
import Foundation
import Tensor

extension Qwen2VLModel {
  /// The `config.json` object, in the transformers-4 layout (flat text fields,
  /// `rope_scaling.mrope_section`) that transformers 4 and 5 both load.
  public var configurationJSON: [String: Any] {
    var json = language.configurationJSON
    let v = configuration.vision
    json["architectures"] = ["Qwen2VLForConditionalGeneration"]
    json["model_type"] = "qwen2_vl"
    json["rope_scaling"] = ["type": "mrope", "rope_type": "default", "mrope_section": configuration.text.mropeSection ?? []] as [String: Any]
    json["vision_config"] = [
      "depth": v.depth, "embed_dim": v.embedDim, "num_heads": v.headCount, "mlp_ratio": v.mlpRatio, "patch_size": v.patchSize,
      "spatial_merge_size": v.spatialMergeSize, "temporal_patch_size": v.temporalPatchSize, "in_channels": v.inChannels,
      "hidden_size": v.outputSize, "hidden_act": "quick_gelu", "model_type": "qwen2_vl",
    ] as [String: Any]
    json["image_token_id"] = configuration.imageTokenId
    json["video_token_id"] = configuration.videoTokenId
    json["vision_start_token_id"] = configuration.visionStartTokenId
    json["vision_end_token_id"] = configuration.visionEndTokenId
    return json
  }

  /// Writes `config.json` and the weights (hub names) into `directory`.
  public func save(to directory: String, dtype: SafeTensorsDType = .float32, maximumShardBytes: Int = 5 << 30) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let config = try JSONSerialization.data(withJSONObject: configurationJSON, options: [.sortedKeys, .prettyPrinted])
    try writeAtomically(config, to: (directory as NSString).appendingPathComponent("config.json"))
    try CheckpointWriter.write(parameters.parameters, to: directory, dtype: dtype, maximumShardBytes: maximumShardBytes)
  }
}
