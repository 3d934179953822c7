// Tests of advantages, KL estimators and the PPO loss against the numbers MAYE's own code
// produced (and the formula blocks for GRPO, RLOO and friends), rl-reference/*.json.
import Foundation
import Testing
@testable import RL
@testable import Tensor

/// The rl-reference fixture directory.
func referenceFile(_ name: String) throws -> Data {
  let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return try Data(contentsOf: url.appendingPathComponent("rl-reference/\(name)"))
}

/// Expects |a − b| ≤ absolute + relative·|b| element-wise, reporting the worst element.
func expectClose(_ actual: [Float], _ expected: [Double], absolute: Double, relative: Double, _ message: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(actual.count == expected.count, "\(message): count", sourceLocation: sourceLocation)
  for (i, (a, b)) in zip(actual, expected).enumerated() where !(Swift.abs(Double(a) - b) <= absolute + relative * Swift.abs(b)) {
    Issue.record("\(message): element \(i) is \(a), expected \(b)", sourceLocation: sourceLocation)
    return
  }
}

struct AdvantageCase: Decodable {
  struct Inputs: Decodable {
    let width: Int, gamma: Float, scores: [Float], valid_lengths: [Int], seq_lens: [Int], group_ids: [Int]
  }
  struct MAYE: Decodable {
    let token_rewards: [[Double]], returns: [[Double]], advantages: [[Double]], advantages_zero_mean: [[Double]]
    let whiten_mean: Double, whiten_var: Double
  }
  struct Group: Decodable { let per_response: [Double], per_token: [[Double]] }
  struct Baseline: Decodable { let per_token: [[Double]] }
  let name: String
  let inputs: Inputs
  let maye_float32: MAYE
  let grpo_trl: Group, grpo_verl: Group, dr_grpo: Group, rloo: Group
  let reinforce_pp_baseline: Baseline
}

struct LossCase: Decodable {
  struct Inputs: Decodable {
    let width: Int, valid_lengths: [Int]
    let old_logprobs: [[Float]], pi_logprobs: [[Float]], ref_logprobs: [[Float]], advantages: [[Float]]
    let norm_constant_C: Float
  }
  struct MAYELoss: Decodable {
    let eps_low: Float, eps_high: Float, kl_loss_coeff: Float
    let loss: Double, policy_loss: Double, kl_loss: Double, entropy: Double, ratios_mean: Double, clipfrac: Double, approx_policy_kl: Double
    let grad_loss_wrt_pi: [[Double]]
  }
  struct Aggregate: Decodable { let value: Double, grad_wrt_pi: [[Double]] }
  struct Estimator: Decodable { let token_mean: Double, grad_wrt_pi: [[Double]] }
  let name: String
  let inputs: Inputs
  let maye_ppo_loss: MAYELoss, maye_ppo_loss_decoupled: MAYELoss
  let aggregation: [String: Aggregate]
  let kl_estimators: [String: Estimator]
}

@Suite struct EstimatorTests {
  let advantageCases: [AdvantageCase]
  let lossCases: [LossCase]

  init() throws {
    struct File<Case: Decodable>: Decodable { let cases: [Case] }
    advantageCases = try JSONDecoder().decode(File<AdvantageCase>.self, from: referenceFile("advantages.json")).cases
    lossCases = try JSONDecoder().decode(File<LossCase>.self, from: referenceFile("losses.json")).cases
  }

  @Test func reinforcePlusPlusMatchesMAYEInFloat32() throws {
    for c in advantageCases {
      let batch = try ResponseBatch(validLengths: c.inputs.valid_lengths, width: c.inputs.width)
      #expect(batch.seqLens == c.inputs.seq_lens, "\(c.name)")
      let rewards = try Advantages.tokenRewards(scores: c.inputs.scores, batch: batch)
      expectClose(rewards.scalars, c.maye_float32.token_rewards.flatMap { $0 }, absolute: 0, relative: 0, "\(c.name) token rewards")
      // The float32 quirk case: −0.1 is inexact, so (G − μ)·1e4 is rounding noise (README: atol 2e-4).
      let absolute = c.name == "all_truncated_b4" ? 2e-4 : 1e-6
      let quirk = try Advantages.reinforcePlusPlus(scores: c.inputs.scores, batch: batch, gamma: c.inputs.gamma, addingMeanBack: true)
      expectClose(quirk.returns.scalars, c.maye_float32.returns.flatMap { $0 }, absolute: 1e-6, relative: 1e-5, "\(c.name) returns")
      expectClose(quirk.advantages.scalars, c.maye_float32.advantages.flatMap { $0 }, absolute: absolute, relative: 1e-5, "\(c.name) MAYE advantages")
      let zeroMean = try Advantages.reinforcePlusPlus(scores: c.inputs.scores, batch: batch, gamma: c.inputs.gamma)
      expectClose(zeroMean.advantages.scalars, c.maye_float32.advantages_zero_mean.flatMap { $0 }, absolute: absolute, relative: 1e-5,
                  "\(c.name) zero-mean advantages")
      let whitening = try Advantages.whiten(quirk.returns, mask: batch.mask)
      #expect(Swift.abs(Double(whitening.mean) - c.maye_float32.whiten_mean) <= 1e-6 + 1e-5 * Swift.abs(c.maye_float32.whiten_mean))
      #expect(Swift.abs(Double(whitening.variance) - c.maye_float32.whiten_var) <= 1e-6 + 1e-5 * Swift.abs(c.maye_float32.whiten_var))
    }
  }

  @Test func groupEstimatorsMatchTheirFormulas() throws {
    for c in advantageCases {
      let batch = try ResponseBatch(validLengths: c.inputs.valid_lengths, width: c.inputs.width)
      let (scores, groups) = (c.inputs.scores, c.inputs.group_ids)
      let trl = try Advantages.grpo(scores: scores, groupIDs: groups, batch: batch, epsilon: 1e-4)
      expectClose(trl.perResponse, c.grpo_trl.per_response, absolute: 1e-5, relative: 1e-5, "\(c.name) GRPO (TRL)")
      expectClose(trl.perToken.scalars, c.grpo_trl.per_token.flatMap { $0 }, absolute: 1e-5, relative: 1e-5, "\(c.name) GRPO tokens")
      let verl = try Advantages.grpo(scores: scores, groupIDs: groups, batch: batch, epsilon: 1e-6)
      expectClose(verl.perResponse, c.grpo_verl.per_response, absolute: 1e-5, relative: 1e-5, "\(c.name) GRPO (verl)")
      let dr = try Advantages.grpo(scores: scores, groupIDs: groups, batch: batch, dividingByStd: false)
      expectClose(dr.perResponse, c.dr_grpo.per_response, absolute: 1e-6, relative: 1e-6, "\(c.name) Dr. GRPO")
      let rloo = try Advantages.rloo(scores: scores, groupIDs: groups, batch: batch)
      expectClose(rloo.perResponse, c.rloo.per_response, absolute: 1e-6, relative: 1e-6, "\(c.name) RLOO")
      let baseline = try Advantages.reinforcePlusPlusBaseline(scores: scores, groupIDs: groups, batch: batch)
      expectClose(baseline.scalars, c.reinforce_pp_baseline.per_token.flatMap { $0 }, absolute: 1e-5, relative: 1e-5, "\(c.name) Reinforce++ baseline")
    }
  }

  func tensors(_ c: LossCase) throws -> (pi: Tensor, old: Tensor, ref: Tensor, advantages: Tensor, mask: Tensor) {
    let shape = [c.inputs.valid_lengths.count, c.inputs.width]
    let mask = try ResponseBatch(validLengths: c.inputs.valid_lengths, width: c.inputs.width).mask
    return (try Tensor(shape: shape, scalars: c.inputs.pi_logprobs.flatMap { $0 }).setRequiresGrad(),
            try Tensor(shape: shape, scalars: c.inputs.old_logprobs.flatMap { $0 }),
            try Tensor(shape: shape, scalars: c.inputs.ref_logprobs.flatMap { $0 }),
            try Tensor(shape: shape, scalars: c.inputs.advantages.flatMap { $0 }), mask)
  }

  @Test func ppoLossMatchesMAYEWithGradients() throws {
    for c in lossCases {
      for expected in [c.maye_ppo_loss, c.maye_ppo_loss_decoupled] {
        let (pi, old, ref, advantages, mask) = try tensors(c)
        var configuration = PolicyLossConfiguration()
        configuration.clipLow = expected.eps_low
        configuration.clipHigh = expected.eps_high
        configuration.klCoefficient = expected.kl_loss_coeff
        let result = try PolicyLoss.compute(logProbabilities: pi, old: old, reference: ref, advantages: advantages, mask: mask, configuration: configuration)
        let label = "\(c.name) ε \(expected.eps_low)/\(expected.eps_high)"
        expectClose([try result.loss.item(), result.policyLoss, result.klLoss, result.sampledTokenEntropy, result.ratioMean, result.clipFraction, result.approximateKL],
                    [expected.loss, expected.policy_loss, expected.kl_loss, expected.entropy, expected.ratios_mean, expected.clipfrac, expected.approx_policy_kl],
                    absolute: 1e-6, relative: 1e-5, label)
        try result.loss.backward()
        expectClose(pi.grad?.scalars ?? [], expected.grad_loss_wrt_pi.flatMap { $0 }, absolute: 1e-7, relative: 1e-4, "\(label) gradient")
      }
    }
  }

  @Test func aggregationModesMatchTheirFormulas() throws {
    for c in lossCases {
      let modes: [(String, LossAggregation)] = [
        ("token-mean", .tokenMean), ("seq-mean-token-mean", .sequenceMeanTokenMean), ("seq-mean-token-sum", .sequenceMeanTokenSum),
        ("seq-mean-token-sum-norm", .tokenSumNormalized(by: c.inputs.norm_constant_C)), ("dr-grpo-trl", .drGRPO(maximumLength: c.inputs.norm_constant_C)),
      ]
      for (name, aggregation) in modes {
        for withKL in [false, true] {
          let expected = try #require(c.aggregation[withKL ? name + "+0.001*k3" : name])
          let (pi, old, ref, advantages, mask) = try tensors(c)
          var configuration = PolicyLossConfiguration()
          configuration.aggregation = aggregation
          configuration.klPlacement = .perToken
          configuration.klCoefficient = withKL ? 0.001 : 0
          let result = try PolicyLoss.compute(logProbabilities: pi, old: old, reference: withKL ? ref : nil, advantages: advantages, mask: mask, configuration: configuration)
          expectClose([try result.loss.item()], [expected.value], absolute: 1e-6, relative: 1e-5, "\(c.name) \(name) kl=\(withKL)")
          try result.loss.backward()
          expectClose(pi.grad?.scalars ?? [], expected.grad_wrt_pi.flatMap { $0 }, absolute: 1e-7, relative: 1e-4, "\(c.name) \(name) kl=\(withKL) gradient")
        }
      }
    }
  }

  @Test func klEstimatorsMatchWithGradients() throws {
    for c in lossCases {
      for estimator in KLEstimator.allCases {
        let expected = try #require(c.kl_estimators[estimator.rawValue])
        let (pi, _, ref, _, mask) = try tensors(c)
        let mean = try (estimator(logProbabilities: pi, reference: ref) * mask).sum() / mask.sum().item()
        expectClose([try mean.item()], [expected.token_mean], absolute: 1e-6, relative: 1e-5, "\(c.name) \(estimator)")
        try mean.backward()
        expectClose(pi.grad?.scalars ?? [], expected.grad_wrt_pi.flatMap { $0 }, absolute: 1e-7, relative: 1e-4, "\(c.name) \(estimator) gradient")
      }
    }
  }
}

struct KLRewardCase: Decodable {
  struct Inputs: Decodable {
    let width: Int, kl_reward_coeff: Float, gamma: Float, scores: [Float], valid_lengths: [Int], seq_lens: [Int], valid_score_idxs: [Int]?
    let old_logprobs: [[Float]], ref_logprobs: [[Float]]
  }
  struct Outputs: Decodable {
    let kl: [[Double]], token_rewards_float32: [[Double]], advantages_float32: [[Double]]
    let logged_rews_kl_reward: Double, logged_training_kl: Double
  }
  let name: String, inputs: Inputs, outputs: Outputs
}

@Suite struct KLRewardTests {
  /// MAYE's `get_rewards_from_ref` with a KL reward, then `estimate_advantages` (with the +μ quirk).
  @Test func klRewardMatchesMAYE() throws {
    struct File: Decodable { let cases: [KLRewardCase] }
    for c in try JSONDecoder().decode(File.self, from: referenceFile("kl_reward.json")).cases where c.inputs.valid_score_idxs != nil {
      let batch = try ResponseBatch(validLengths: c.inputs.valid_lengths, width: c.inputs.width)
      let shape = [c.inputs.scores.count, c.inputs.width]
      let old = try Tensor(shape: shape, scalars: c.inputs.old_logprobs.flatMap { $0 })
      let ref = try Tensor(shape: shape, scalars: c.inputs.ref_logprobs.flatMap { $0 })
      let (kl, reward) = try Advantages.klReward(old: old, reference: ref, mask: batch.mask, coefficient: c.inputs.kl_reward_coeff)
      expectClose(kl.scalars, c.outputs.kl.flatMap { $0 }, absolute: 1e-6, relative: 1e-5, "\(c.name) kl")
      let rewards = try Advantages.tokenRewards(scores: c.inputs.scores, batch: batch, perTokenReward: reward)
      expectClose(rewards.scalars, c.outputs.token_rewards_float32.flatMap { $0 }, absolute: 1e-6, relative: 1e-5, "\(c.name) token rewards")
      let (advantages, _) = try Advantages.reinforcePlusPlus(scores: c.inputs.scores, batch: batch, gamma: c.inputs.gamma, perTokenReward: reward, addingMeanBack: true)
      expectClose(advantages.scalars, c.outputs.advantages_float32.flatMap { $0 }, absolute: 1e-5, relative: 1e-4, "\(c.name) advantages")
      let rows = Float(c.inputs.scores.count)
      expectClose([try reward.sum().item() / rows, try kl.sum().item() / rows], [c.outputs.logged_rews_kl_reward, c.outputs.logged_training_kl],
                  absolute: 1e-6, relative: 1e-5, "\(c.name) logged scalars")
    }
  }
}
