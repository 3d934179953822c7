// Weighted sums of named reward components, with MAYE's truncation/empty-response override.

/// A dataset row as reward functions see it (`question`, `answer`, `solution`, `id`, …).
public typealias RewardRow = [String: String]

/// A reward function: called with the response text and its dataset row, returns a float32 value.
public typealias RewardFunction = @Sendable (_ response: String, _ row: RewardRow) -> Float

/// MAYE's reward names, as they appear under `rews/` in its logs.
public enum RewardName {
  /// The accuracy reward (1 correct, 0 wrong).
  public static let accuracy = "acc_rewards"
  /// The format reward (1 for exactly one `<think>…</think>`).
  public static let format = "format_rewards"
  /// The language reward (−0.1 × CJK fraction).
  public static let language = "language_rewards"
}

/// How a response ended, for MAYE's penalty rule.
public struct ResponseTermination: Sendable, Hashable {
  /// MAYE's `seq_len`: the index of the last valid token (the EOS if there is one), i.e. valid tokens − 1.
  public var sequenceLength: Int
  /// Whether the response ended with the EOS token (false when it was truncated at the token limit).
  public var hasEOS: Bool

  /// A termination with `sequenceLength` = index of the last valid token.
  public init(sequenceLength: Int, hasEOS: Bool) {
    self.sequenceLength = sequenceLength
    self.hasEOS = hasEOS
  }

  /// From response token ids: everything after the first `eosTokenID` is padding, the EOS itself is valid
  /// (MAYE's `truncate_sequence_at_first_stop_token` and `get_unmasked_sequence_lengths`).
  public init(tokens: [Int], eosTokenID: Int) {
    if let eos = tokens.firstIndex(of: eosTokenID) {
      self.init(sequenceLength: eos, hasEOS: true)
    } else {
      self.init(sequenceLength: max(tokens.count - 1, 0), hasEOS: false)
    }
  }
}

/// MAYE's `get_reward_penalty_mask`: the score is *replaced* by `value` for truncated or too-short responses.
public struct RewardPenalty: Sendable, Hashable {
  /// The score given to a penalised response (MAYE: −0.1, as float32).
  public var value: Float = -0.1
  /// Whether a response without EOS is penalised (`penalise_no_eos`).
  public var penaliseNoEOS = true
  /// Responses with `seq_len` below this are penalised (`min_response_length`; 1 catches EOS-only responses).
  public var minimumResponseLength = 1

  /// MAYE's settings: −0.1, no-EOS penalised, minimum length 1.
  public init(value: Float = -0.1, penaliseNoEOS: Bool = true, minimumResponseLength: Int = 1) {
    self.value = value
    self.penaliseNoEOS = penaliseNoEOS
    self.minimumResponseLength = minimumResponseLength
  }

  /// Whether `termination` is penalised.
  public func isPenalised(_ termination: ResponseTermination) -> Bool {
    (penaliseNoEOS && !termination.hasEOS) || termination.sequenceLength < minimumResponseLength
  }
}

/// One named, weighted reward.
public struct RewardComponent: Sendable {
  /// The name the value is logged under.
  public var name: String
  /// The weight in the score.
  public var weight: Float
  /// The function computing the value.
  public var function: RewardFunction

  /// A component `name` with `weight`, computed by `function`.
  public init(name: String, weight: Float = 1, function: @escaping RewardFunction) {
    self.name = name
    self.weight = weight
    self.function = function
  }
}

/// Every reward value of one response, kept for logging.
public struct RewardBreakdown: Sendable, Hashable {
  /// Each component's unweighted value, in composition order.
  public var components: [(name: String, value: Float)]
  /// Σ weight × value in float32, before the penalty (MAYE's `acc + format + language`).
  public var scoreBeforeOverride: Float
  /// Whether the penalty replaced the score.
  public var isPenalised: Bool
  /// The final score.
  public var score: Float

  /// The value of the component called `name`.
  public func value(named name: String) -> Float? { components.first { $0.name == name }?.value }

  /// Equal names, values, sums, flags and scores (tuples have no synthesized `Equatable`).
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.components.map(\.name) == rhs.components.map(\.name) && lhs.components.map(\.value) == rhs.components.map(\.value)
      && lhs.scoreBeforeOverride == rhs.scoreBeforeOverride && lhs.isPenalised == rhs.isPenalised && lhs.score == rhs.score
  }

  /// Hashes the component names and values and the score.
  public func hash(into hasher: inout Hasher) {
    for component in components {
      hasher.combine(component.name)
      hasher.combine(component.value)
    }
    hasher.combine(score)
  }
}

/// A weighted sum of reward components followed by MAYE's penalty override.
///
/// ```swift
/// let rewards = RewardComposition.maye(mode: .maye)
/// let breakdown = rewards.score(response: "… \\boxed{20}", row: ["solution": "\\boxed{20}"],
///                               termination: ResponseTermination(sequenceLength: 41, hasEOS: true))
/// breakdown.score                                   // 1.0
/// breakdown.value(named: RewardName.accuracy)       // 1.0
/// ```
public struct RewardComposition: Sendable {
  /// The components, summed in this order.
  public var components: [RewardComponent]
  /// The override for truncated or too-short responses; nil disables it.
  public var penalty: RewardPenalty?

  /// A composition of `components` with `penalty`.
  public init(components: [RewardComponent], penalty: RewardPenalty? = RewardPenalty()) {
    self.components = components
    self.penalty = penalty
  }

  /// MAYE's score: accuracy (judged against the row's `solution`) + format + language, each weight 1,
  /// then the −0.1 override.
  public static func maye(mode: Judge.Mode = .default, formatPattern: FormatPattern = .think) -> RewardComposition {
    RewardComposition(components: [
      RewardComponent(name: RewardName.accuracy) { response, row in
        RewardFunctions.accuracyReward(response: response, solution: row["solution"] ?? "", mode: mode)
      },
      RewardComponent(name: RewardName.format) { response, _ in
        RewardFunctions.formatReward(response: response, pattern: formatPattern)
      },
      RewardComponent(name: RewardName.language) { response, _ in RewardFunctions.languageReward(response: response) },
    ])
  }

  /// Every component's value, their float32 weighted sum and the final score for one response.
  public func score(response: String, row: RewardRow, termination: ResponseTermination) -> RewardBreakdown {
    var values: [(name: String, value: Float)] = []
    var sum: Float = 0
    for component in components {
      let value = component.function(response, row)
      values.append((component.name, value))
      sum += component.weight == 1 ? value : component.weight * value
    }
    let penalised = penalty?.isPenalised(termination) ?? false
    return RewardBreakdown(
      components: values, scoreBeforeOverride: sum, isPenalised: penalised,
      score: penalised ? (penalty?.value ?? sum) : sum)
  }
}
