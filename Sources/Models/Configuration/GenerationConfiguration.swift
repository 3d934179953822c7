// GenerationConfiguration: generation_config.json — stop tokens, padding and sampling defaults.
import Foundation

/// The generation settings a model directory ships in `generation_config.json`.
public struct GenerationConfiguration: Sendable, Equatable {
  /// Tokens that end generation (`eos_token_id`, an id or a list).
  public var eosTokenIds: [Int]
  /// The token used to pad batches (`pad_token_id`).
  public var padTokenId: Int?
  /// `bos_token_id`, informational: Qwen prompts are not prefixed with it.
  public var bosTokenId: Int?
  /// Sampling defaults, when the file sets them.
  public var temperature: Float?, topP: Float?, topK: Int?

  /// Settings with no stop tokens and no sampling defaults.
  public init(eosTokenIds: [Int] = [], padTokenId: Int? = nil, bosTokenId: Int? = nil) {
    self.eosTokenIds = eosTokenIds
    self.padTokenId = padTokenId
    self.bosTokenId = bosTokenId
  }

  /// Reads `generation_config.json` from `directory`, falling back to the model configuration's
  /// token ids when the file is absent.
  init(directory: String, fallback text: TextConfiguration) throws {
    let path = (directory as NSString).appendingPathComponent("generation_config.json")
    guard FileManager.default.fileExists(atPath: path) else {
      self.init(eosTokenIds: text.eosTokenIds, padTokenId: text.padTokenId, bosTokenId: text.bosTokenId)
      return
    }
    let fields = try JSONFields(contentsOf: path)
    self.init(eosTokenIds: try fields.optionalIntegers("eos_token_id") ?? text.eosTokenIds,
              padTokenId: try fields.optionalInt("pad_token_id") ?? text.padTokenId,
              bosTokenId: try fields.optionalInt("bos_token_id") ?? text.bosTokenId)
    temperature = try fields.optionalDouble("temperature").map(Float.init)
    topP = try fields.optionalDouble("top_p").map(Float.init)
    topK = try fields.optionalInt("top_k")
  }

  /// The file's JSON object.
  var json: [String: Any] {
    var json: [String: Any] = ["eos_token_id": eosTokenIds.count == 1 ? eosTokenIds[0] as Any : eosTokenIds as Any]
    if let padTokenId { json["pad_token_id"] = padTokenId }
    if let bosTokenId { json["bos_token_id"] = bosTokenId }
    if let temperature { json["temperature"] = Double(temperature) }
    if let topP { json["top_p"] = Double(topP) }
    if let topK { json["top_k"] = topK }
    return json
  }
}
