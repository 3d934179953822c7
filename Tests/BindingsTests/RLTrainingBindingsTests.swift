// Training through the language: rl_step from stdlib/maye.rlnb, SFT and evaluation, run logs,
// checkpoints that restore the random generator, and steps that finish before Ctrl-C stops them.

import Bindings
import Foundation
import Lang
import Testing

@Suite struct RLTrainingBindingsTests {
  @Test func rlStepReturnsEveryStageAndIsReproducible() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      let opt = adamw(policy, lr: 1e-3)
      let cfg = {n: 2, max_tokens: 5, minibatch: 4, seed: 7}
      let res = rl_step(policy, ds.batches(4)[0], opt, cfg, step: 3)
      print(res.keys(), len(res.rollouts), res.trajectory.advantages.shape[0], res.stats.optimizer_steps, res.timings.keys())
      print(res.rollouts.sampling.seed == derive_seed(7, 3, 0), derive_seed(7, 3, 0) != derive_seed(7, 3, 1), derive_seed(7, 3) == derive_seed(7, 3, 0))
      """)
    #expect(output() == """
      ["rollouts", "scores", "trajectory", "stats", "timings"] 8 8 2 ["rollout", "rewards", "trajectory", "update"]
      true true true

      """)
    // The same seed and step from the same weights give the same step.
    let (first, _, _) = try rlInterpreter()
    let (second, _, _) = try rlInterpreter()
    let program = """
      let ds = dataset(data, images: false)
      let opt = adamw(policy, lr: 1e-2, weight_decay: 0)
      let a = rl_step(policy, ds.batches(4)[0], opt, {n: 2, max_tokens: 5, seed: 1}, step: 0)
      let b = rl_step(policy, ds.batches(4)[1], opt, {n: 2, max_tokens: 5, seed: 1}, step: 1)
      [a.rollouts.texts, b.rollouts.texts, b.stats.loss]
      """
    #expect(try first.value(program) == second.value(program))
  }

  @Test func sftTeachesTheSolutionAndEvaluateMeasuresIt() throws {
    let (interpreter, _, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      let starts = (text, row) => text.starts_with("\\\\boxed{7}")
      let before = evaluate(policy, ds, setting: "low", max_tokens: 12, judge: starts)
      let steps = sft(policy, ds, epochs: 15, lr: 1e-2, batch: 8, warmup: 0)
      let after = evaluate(policy, ds, setting: "low", max_tokens: 12, judge: starts)
      print(before.accuracy, after.accuracy, after.correct, after.total, after.name, len(steps), steps[-1].loss < 0.2 * steps[0].loss)
      let high = evaluate(policy, ds, setting: {k: 2, temperature: 1}, max_tokens: 3, seed: 4)
      print(high.name, len(high.responses[0]), len(high.solved))
      """)
    #expect(output() == "0 1 16 16 pass@1 Temperature=0.01 30 true\npass@2 Temperature=1.0 2 16\n")
    #expect(errorMessage(interpreter, "evaluate(policy, ds, setting: \"best\")")?.contains("\"low\", \"medium\", \"high\"") == true)
  }

  @Test func runLogsAppendStepsAndSkipLoggedOnes() throws {
    let (interpreter, directory, output) = try rlInterpreter()
    try interpreter.value("""
      let ds = dataset(data, images: false)
      let opt = adamw(policy, lr: 1e-3)
      let log = open_run("runs/a")
      log.config({seed: 1, lr: 1e-3})
      for step in 0..2 {
        let res = rl_step(policy, ds.batches(4)[step], opt, {n: 2, max_tokens: 4}, step: step)
        log.step(step, res.trajectory, res.stats, timings: res.timings, extra: {epoch: 0})
      }
      log.epoch(1, {"acc/Training Set Epoch Accuracy": 0.25})
      let again = open_run("runs/a")
      print(again.last_step, again.last_epoch, len(again.metrics()), len(again.rollouts()), again.epochs()[0]["acc/Training Set Epoch Accuracy"])
      let m = again.metrics()[1]
      print(m.step, m.epoch, m.has("rews/scores"), m.has("reflection_analysis/reflection_ratio"), m.has("timing/rollout"), m["training/clipfrac"] >= 0)
      print(again.epoch(1, {x: 1}), again.rollouts()[0].keys().contains("advantage"))
      again.export_csv("metrics.csv")
      """)
    #expect(output() == "1 1 2 16 0.25\n1 0 true true true true\nfalse true\n")
    let csv = try String(contentsOf: directory.appendingPathComponent("metrics.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("step,") && csv.split(separator: "\n").count == 3)
    let config = try String(contentsOf: directory.appendingPathComponent("runs/a/config.json"), encoding: .utf8)
    #expect(config.contains("\"seed\": 1"))
  }

  @Test func checkpointsResumeTheGeneratorAndTheLoopState() throws {
    let (interpreter, directory, output) = try rlInterpreter()
    try interpreter.value("""
      let opt = adamw(policy, lr: 1e-3)
      set_seed(5)
      randn([2])
      save_checkpoint("ckpt", policy, opt, state: {step: 4, epoch: 1, note: "hi"})
      let expected = randn([3]).tolist()
      randn([7])
      let back = resume("ckpt")
      print(back.state, randn([3]).tolist() == expected, type(back.policy), back.optimizer.lr)
      """)
    #expect(output() == "{step: 4, epoch: 1, note: \"hi\"} true model 0.001\n")
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("ckpt/model/config.json").path))
    #expect(errorMessage(interpreter, "resume(\"nothing\")")?.contains("no checkpoint here") == true)
  }

  @Test func uninterruptedFinishesTheStepAndKeepsTheCtrlC() throws {
    let (interpreter, _, output) = try rlInterpreter()
    var presses = 1
    interpreter.interruptCheck = {
      defer { presses = 0 }
      return presses > 0
    }
    try interpreter.value("""
      let n = 0
      uninterrupted(() => {
        for i in 0..2000 { n += 1 }
      })
      print(n, interrupt_requested(), interrupt_requested())
      """)
    #expect(output() == "2000 true false\n")
    // Without asking, the kept Ctrl-C stops the program at its next statement.
    presses = 1
    let message = errorMessage(interpreter, """
      uninterrupted(() => {
        for i in 0..2000 { n += 1 }
      })
      for i in 0..2000 { n += 1 }
      """)
    #expect(message == "interrupted")
    let n = try interpreter.number("n")
    #expect(n >= 4000 && n < 6000, "the uninterrupted loop ran to the end; the next loop stopped at its first poll")
  }
}
