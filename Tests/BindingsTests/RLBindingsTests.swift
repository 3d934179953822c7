// The RL pipeline through the language: each stage alone, its values, and its errors.

import Bindings
import Foundation
import Lang
import Testing

@Suite struct RLBindingsTests {
  @Test func datasetRowsSamplesBatchesAndSplits() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      print(len(ds), ds[0].id, ds[-1].question, ds[0].solution, ds[0].line)
      set_seed(3)
      let a = ds.sample(4)
      set_seed(3)
      print(a == ds.sample(4), len(a), len(ds.batches(5)), len(ds.batches(5, drop_last: false)))
      print(ds.batches(4, seed: 1, epoch: 0)[0].map(r => r.id) == ds.batches(4, seed: 1, epoch: 0)[0].map(r => r.id))
      print(ds.batches(4, seed: 1, epoch: 0)[0].map(r => r.id) != ds.batches(4, seed: 1, epoch: 1)[0].map(r => r.id))
      let parts = ds.split(validation: 3, test: 2)
      print(len(parts.train), len(parts.validation), len(parts.test))
      """)
    #expect(output() == "16 q0 What is 15 + 7 - 15? \\boxed{7} 1\ntrue 4 3 4\ntrue\ntrue\n11 3 2\n")
  }

  @Test func badDatasetsNameTheFileLineAndField() throws {
    let (interpreter, directory, _) = try rlInterpreter()
    try "{\"id\": \"a\", \"question\": \"q\", \"solution\": \"1\"}\n{\"id\": \"b\", \"question\": \"q\"}\n"
      .write(to: directory.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
    try "{\"id\": \"a\", \"question\": \"q\", \"solution\": \"1\", \"image\": \"missing.png\"}\n"
      .write(to: directory.appendingPathComponent("noimage.jsonl"), atomically: true, encoding: .utf8)
    #expect(errorMessage(interpreter, "dataset(\"bad.jsonl\", images: false)")?.contains("bad.jsonl:2: field 'solution': missing") == true)
    #expect(errorMessage(interpreter, "dataset(\"noimage.jsonl\")")?.contains("noimage.jsonl:1: field 'image': no such file") == true)
    #expect(errorMessage(interpreter, "dataset(\"nowhere.jsonl\")")?.contains("nowhere.jsonl: no such file") == true)
  }

  @Test func rolloutsAreSeededAndShowEveryResponse() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      let batch = ds.batches(4)[0]
      let r = rollout(policy, batch, n: 2, max_tokens: 5, seed: 11)
      print(len(r), r.n, r.groups, len(r.texts), r[1].group, r[1].length == len(r[1].tokens), r[1].logprobs.shape == r[1].tokens.shape)
      print(r.texts == rollout(policy, batch, n: 2, max_tokens: 5, seed: 11).texts, r.texts != rollout(policy, batch, n: 2, max_tokens: 5, seed: 12).texts)
      print(r.finish_reasons.filter(f => f == "length" or f == "stop") == r.finish_reasons, r[0].row.id == batch[0].id)
      print(r.table(width: 60))
      """)
    let lines = output().split(separator: "\n").map(String.init)
    #expect(lines[0] == "8 2 [0, 0, 1, 1, 2, 2, 3, 3] 8 0 true true")
    #expect(lines[1] == "true true")
    #expect(lines[2] == "true true")
    #expect(lines[3].hasPrefix("#  id") && lines[3].contains("response") && lines.count == 4 + 1 + 8)
  }

  @Test func scoresRunBuiltinAndUserRewardsWithTheRow() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      let r = rollout(policy, ds.batches(4)[0], max_tokens: 4, seed: 1)
      let s = score(r)
      print(s.components.keys(), s.total.shape, s.penalized.tolist())
      let mine = score(r, rewards: {answer: (text, row) => row.answer == "7", long: (text, row) => len(text) / 100}, weights: {long: 0}, penalty: nil)
      print(mine.total.tolist(), mine.components.answer.tolist())
      print(judge("so \\\\boxed{7}", "\\\\boxed{7}"), judge("so \\\\boxed{8}", "\\\\boxed{7}"), accuracy_reward("\\\\boxed{7}", {solution: "\\\\boxed{7}"}))
      print(format_reward("<think>a</think> b"), format_reward("no"), language_reward("ab"), judgement("\\\\boxed{1/2}", "\\\\boxed{0.5}").verdict)
      """)
    let lines = output().split(separator: "\n").map(String.init)
    // Four new tokens never reach the stop token: every response is truncated and scores −0.1.
    #expect(lines[0] == "[\"accuracy\", \"format\", \"language\"] [4] [1, 1, 1, 1]")
    #expect(lines[1] == "[1, 1, 1, 1] [1, 1, 1, 1]")
    #expect(lines[2] == "true false 1")
    #expect(lines[3] == "1 0 0 true")
    #expect(try interpreter.number("score(r).total.sum().item()") == Double(Float(-0.1) * 4))
  }

  @Test func rewardFunctionErrorsNameTheRewardAndResponse() throws {
    let (interpreter, _, _) = try rlInterpreter()
    try interpreter.value("let r = rollout(policy, dataset(data, images: false).batches(2)[0], max_tokens: 3, seed: 1)")
    let raised = errorMessage(interpreter, "score(r, rewards: {bad: (text, row) => row.missing})")
    #expect(raised?.contains("reward 'bad' failed on response 0") == true, "\(raised ?? "")")
    #expect(raised?.contains("missing") == true)
    let wrongType = errorMessage(interpreter, "score(r, rewards: {bad: (text, row) => \"1\"})")
    #expect(wrongType?.contains("reward 'bad' returned string \"1\" for response 0; a reward must return a number") == true)
    #expect(errorMessage(interpreter, "score(r, rewards: {bad: (t, row) => num(\"nan\")})")?.contains("rewards must be finite") == true)
    #expect(errorMessage(interpreter, "score(r, rewards: {x: 3})")?.contains("reward 'x' is a number, not a function") == true)
  }

  @Test func estimatorsWorkOnTrajectoriesAndOnPlainTensors() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let r = rollout(policy, dataset(data, images: false).batches(4)[0], n: 2, max_tokens: 6, seed: 5)
      let traj = trajectory(r, policy: policy, scores: [1, 0, 1, 1, 0, 0, 1, 0])
      print(traj.advantages, traj.mask.shape, traj.old_logprobs.shape, traj.ref_logprobs)
      let a = reinforce_pp(traj)
      print(a.shape == traj.mask.shape, (a - reinforce_pp(traj.scores, mask: traj.mask)).abs().max().item())
      let g = grpo(tensor([1, 0, 1, 1]), groups: [0, 0, 1, 1])
      print(g.tolist().map(x => round(x, 4)), dr_grpo(tensor([1, 0, 3, 1]), groups: [0, 0, 1, 1]).tolist(), rloo(tensor([1, 0, 2]), groups: [0, 0, 0]).tolist())
      grpo(traj)
      print((traj.advantages * traj.mask).sum(axis: 1).tolist().map(x => round(x, 3)) == (traj.advantages).sum(axis: 1).tolist().map(x => round(x, 3)))
      print(kl(tensor([0.0]), tensor([0.0])).item(), kl(tensor([-1.0]), tensor([-2.0]), estimator: "k1").item())
      let pl = policy_loss(tensor([[-1.0, -1.0]]), tensor([[-1.0, -1.0]]), tensor([[1.0, 1.0]]), tensor([[1.0, 0.0]]))
      print(pl.loss.item(), pl.clipfrac, pl.ratio_mean)
      print(traj.table(width: 80).columns)
      """)
    let lines = output().split(separator: "\n").map(String.init)
    #expect(lines[0] == "nil [8, 6] [8, 6] nil")
    #expect(lines[1] == "true 0")
    #expect(lines[2] == "[0.7070, -0.7070, 0, 0] [0.5, -0.5, 1, -1] [1, -0.5, 0.5]" || lines[2].hasPrefix("[0.707, -0.707, 0, 0]"), "\(lines[2])")
    #expect(lines[3] == "true")
    #expect(lines[4] == "0 1")
    #expect(lines[5] == "-1 0 1")
    #expect(lines[6] == "[\"id\", \"question\", \"response\", \"score\", \"advantage\", \"tokens\"]")
    #expect(errorMessage(interpreter, "grpo(tensor([1, 0]))")?.contains("group ids are needed") == true)
    #expect(errorMessage(interpreter, "traj.advantages = zeros([2, 2])")?.contains("must have shape [8, 6]") == true)
  }

  @Test func ppoUpdateChangesTheWeightsAndRefusesNaN() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let r = rollout(policy, dataset(data, images: false).batches(4)[0], n: 2, max_tokens: 6, seed: 5)
      let traj = trajectory(r, policy: policy, scores: [1, 0, 1, 1, 0, 0, 1, 0])
      let opt = adamw(policy, lr: 1e-2, weight_decay: 0)
      """)
    #expect(errorMessage(interpreter, "ppo_update(policy, traj, opt)")?.contains("no advantages yet") == true)
    try interpreter.value("""
      reinforce_pp(traj)
      let before = trajectory(r, policy: policy, scores: traj.scores).old_logprobs
      let stats = ppo_update(policy, traj, opt, minibatch: 4, kl_coef: 0, seed: 0)
      print(stats.optimizer_steps, round(stats.lr, 6), stats.clipfrac >= 0, stats.keys().contains("entropy_full"))
      let after = trajectory(r, policy: policy, scores: traj.scores).old_logprobs
      print((after - before).abs().max().item() > 0)
      traj.advantages = full(traj.mask.shape, num("nan"))
      """)
    #expect(output().split(separator: "\n").map(String.init) == ["2 0.01 true true", "true"])
    let nan = errorMessage(interpreter, "ppo_update(policy, traj, opt, kl_coef: 0)")
    #expect(nan?.contains("the loss is NaN; the update was skipped and the weights are unchanged") == true, "\(nan ?? "")")
    #expect(try interpreter.number("opt.steps") == 2)
    #expect(errorMessage(interpreter, "ppo_update(policy, traj, opt)")?.contains("needs reference log-probabilities") == true)
  }
}
