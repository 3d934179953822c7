// The model bindings through the language: tokenizers, prompts, logits and generation against
// the transformers references, save/copy/freeze, seeding, and error messages.

import Bindings
import Foundation
import Lang
import Testing

/// A fixture model directory of the Models tests, read in place: the fixtures (10 MB of weights
/// and references) live once in the repository, under `Tests/ModelsTests/Fixtures`, and this
/// target reads them by path instead of keeping a second copy as a resource.
private func fixture(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("ModelsTests/Fixtures").appendingPathComponent(name).path
}

/// Runs `source` after binding `m` (the model), `tok` (its tokenizer) and `ref` (its
/// reference_outputs.json); returns the printed output, or the error.
private func withModel(_ name: String, _ source: String, in directory: URL? = nil) throws -> (output: String, error: String?) {
  let dir = fixture(name)
  return try evaluate("""
    let dir = "\(dir)"
    let m = load_model(dir)
    let tok = m.tokenizer
    let ref = read_json(dir + "/reference_outputs.json")
    \(source)
    """, in: directory)
}

struct ModelBindingsTests {
  // MARK: - Tokenizer

  @Test(arguments: ["qwen2-tiny", "qwen2vl-tiny"])
  func tokenizerEncodesAndDecodesLikeTheReference(model: String) throws {
    let run = try withModel(model, """
      for t in ref.tokenizer_tests {
        assert(tok.encode(t.text) == t.ids, f"encode {t.text}")
        assert(tok.decode(t.ids) == t.decoded, f"decode {t.text}")
        assert(tok.tokenize(t.text) == t.tokens, f"tokens {t.text}")
        assert(tok.decode(tensor(t.ids, dtype: "int32")) == t.decoded, "decode of an int tensor")
      }
      let file = load_tokenizer(dir)
      print(file.vocab_size == tok.vocab_size, file.encode("Hello world") == tok.encode("Hello world"))
      print(tok.id("<|im_end|>") == ref.special_tokens["<|im_end|>"], tok.token(tok.id("<|im_end|>")), tok.id("no such token"))
      print(tok.decode(tok.encode("<|im_start|>hi<|im_end|>"), skip_special: true), tok.is_special(tok.id("<|im_end|>")))
      """)
    #expect(run.error == nil)
    #expect(run.output == "true true\ntrue <|im_end|> nil\nhi true\n")
  }

  // MARK: - Logits and generation

  @Test func lastLogitsMatchTheReferenceInEveryPromptForm() throws {
    let run = try withModel("qwen2-tiny", """
      for p in ref.prompts {
        let expected = tensor(p.last_logits_all)
        let fromList = m.logits(tok.encode(p.text))
        assert(fromList.shape == [len(p.input_ids), m.config.vocab_size], "shape")
        assert((fromList[-1] - expected).abs().max().item() < 1e-4, f"logits of {p.text}")
        let prepared = m.prepare(p.text)
        assert(prepared.input_ids.tolist() == p.input_ids, "prepare ids")
        let row = (0..len(p.input_ids)).map(i => i)
        assert(prepared.position_ids.tolist() == [row, row, row], "text positions")
        for other in [m.logits(prepared), m.logits(prepared.input_ids), m.logits(p.text)] {
          assert((other - fromList).abs().max().item() == 0, "prompt forms agree")
        }
      }
      print(m.logits(ref.prompts[0].input_ids).requires_grad, m.architecture, m.config.num_hidden_layers)
      """)
    #expect(run.error == nil)
    #expect(run.output == "false qwen2 4\n")
  }

  @Test func greedyGenerationEqualsTheReferenceContinuation() throws {
    let run = try withModel("qwen2-tiny", """
      for p in ref.prompts {
        let out = m.generate(p.input_ids, max_tokens: 16, temperature: 0)
        assert(out.ids == p.greedy_new_ids, f"greedy ids of {p.text}")
        assert(out.text == p.greedy_text, f"greedy text of {p.text}")
        assert(out.finish_reason == "length" and out.logprobs.shape == [16], "reason and log-probs")
      }
      let batch = m.generate(ref.prompts.map(p => p.input_ids), max_tokens: 16, temperature: 0)
      print(type(batch), len(batch), batch.map(b => b.ids) == ref.prompts.map(p => p.greedy_new_ids))
      let stopped = m.generate(ref.prompts[0].input_ids, max_tokens: 16, temperature: 0, stop: [ref.prompts[0].greedy_new_ids[2]])
      print(len(stopped.ids), stopped.finish_reason)
      """)
    #expect(run.error == nil)
    #expect(run.output == "list 3 true\n3 stop\n")
  }

  @Test func visionPromptsArePreparedRunAndContinuedLikeTheReference() throws {
    let directory = URL(fileURLWithPath: fixture("qwen2vl-tiny"))
    let run = try withModel("qwen2vl-tiny", """
      for p in ref.prompts {
        assert(m.chat(p.messages) == p.chat_text, f"chat text of {p.name}")
        let images = p.images.map(name => load_image(name))
        let prepared = m.prepare(m.chat(p.messages), images: images)
        assert(prepared.input_ids.tolist() == p.input_ids, f"ids of {p.name}")
        assert(prepared.position_ids.tolist() == p.position_ids, f"M-RoPE positions of {p.name}")
        assert(prepared.image_grid_thw == (p.get("image_grid_thw", nil) or []), f"grids of {p.name}")
        assert((m.logits(prepared)[-1] - tensor(p.last_logits_all)).abs().max().item() < 1e-4, f"logits of {p.name}")
        assert(m.generate(m.prepare(p.messages), max_tokens: 12, temperature: 0).ids == p.greedy_new_ids, f"greedy of {p.name}")
      }
      let first = m.prepare(ref.prompts[0].messages)
      print(first.pixel_values.shape, first.image_grid_thw, m.architecture, m.config.vision_config.depth)
      let img = load_image("image2.png")
      print(img.width, img.height, img.mode, [img], type(imshow(img)), img.tensor().shape)
      """, in: directory)
    #expect(run.error == nil)
    let path = directory.appendingPathComponent("image2.png").path
    #expect(run.output == "[16, 1176] [[1, 4, 4]] qwen2_vl 2\n84 112 RGBA [<image 84×112 RGBA \"\(path)\">] figure [112, 84, 4]\n")
  }

  @Test func seededSamplingIsReproducible() throws {
    let run = try withModel("qwen2-tiny", """
      let ids = ref.prompts[1].input_ids
      let a = m.generate(ids, max_tokens: 12, temperature: 1.5, seed: 7)
      let b = m.generate(ids, max_tokens: 12, temperature: 1.5, seed: 7)
      print(a.ids == b.ids, (a.logprobs - b.logprobs).abs().max().item() == 0)
      let others = [1, 2, 3, 4].map(s => m.generate(ids, max_tokens: 12, temperature: 1.5, seed: s).ids)
      print(len(others.filter(o => o != a.ids)) > 0)
      set_seed(3)
      let c = m.generate(ids, max_tokens: 12, temperature: 1.5)
      let d = m.generate(ids, max_tokens: 12, temperature: 1.5)
      set_seed(3)
      let e = m.generate(ids, max_tokens: 12, temperature: 1.5)
      print(c.ids == e.ids, c.ids != d.ids or c.logprobs.tolist() != d.logprobs.tolist())
      let batch = m.generate([ids, ref.prompts[0].input_ids], max_tokens: 12, temperature: 1.5, seed: 7)
      print(batch[0].ids == a.ids)
      """)
    #expect(run.error == nil)
    #expect(run.output == "true true\ntrue\ntrue true\ntrue\n")
  }

  @Test func generationStopsBetweenTokensOnInterrupt() throws {
    let interpreter = try Startup.makeInterpreter()
    try interpreter.run("let m = load_model(\"\(fixture("qwen2-tiny"))\")", file: "t.rlnb")
    var polls = 0
    interpreter.interruptCheck = {
      polls += 1
      return polls > 3
    }
    // stop: an id no model emits, so only the interrupt can end the 500 tokens early.
    let error = #expect(throws: LangError.self) {
      try interpreter.run("m.generate([1, 2, 3], max_tokens: 500, temperature: 0, stop: [99999])", file: "t.rlnb")
    }
    #expect(error?.message == "interrupted")
    #expect(polls < 10)
    interpreter.interruptCheck = nil
    try interpreter.run("let out = m.generate([1, 2, 3], max_tokens: 4, temperature: 0)", file: "t.rlnb")
  }

  // MARK: - Weights

  @Test func savedModelLoadsBackWithIdenticalLogits() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = try withModel("qwen2-tiny", """
      m.save("saved")
      let back = load_model("saved")
      let ids = ref.prompts[0].input_ids
      print((back.logits(ids) - m.logits(ids)).abs().max().item(), back.tokenizer.encode("Swift") == tok.encode("Swift"))
      """, in: directory)
    #expect(run.error == nil)
    #expect(run.output == "0 true\n")
  }

  @Test func copiesAreIndependentAndParametersShareStorage() throws {
    let run = try withModel("qwen2-tiny", """
      let ids = ref.prompts[0].input_ids
      let before = m.logits(ids)
      let c = m.copy()
      no_grad(() => c.parameters()["model.norm.weight"].fill_(0))
      print(c.parameters()["model.norm.weight"].abs().sum().item(), (m.logits(ids) - before).abs().max().item())
      print((c.logits(ids) - before).abs().max().item() > 0, len(m.parameters()), m.num_parameters)
      no_grad(() => m.parameters()["model.norm.weight"].fill_(0))
      print((m.logits(ids) - before).abs().max().item() > 0)
      """)
    #expect(run.error == nil)
    #expect(run.output == "0 0\ntrue 50 1050752\ntrue\n")
  }

  @Test func freezeCountsTheTensorsThatChangeState() throws {
    let run = try withModel("qwen2vl-tiny", """
      let all = m.num_parameters
      print(m.freeze("vision"), m.freeze("vision"), m.num_trainable < all)
      print(m.parameters()["visual.patch_embed.proj.weight"].requires_grad, m.parameters()["model.norm.weight"].requires_grad)
      print(m.copy().freeze("vision", false), m.freeze("embeddings"), m.unfreeze(), m.freeze(), m.num_trainable)
      """)
    #expect(run.error == nil)
    #expect(run.output == "31 0 true\nfalse true\n31 1 32 81 0\n")
  }

  @Test func logitsCanRecordGradientsOnRequest() throws {
    let run = try withModel("qwen2-tiny", """
      let logits = m.logits(ref.prompts[0].input_ids, grad: true)
      logits[-1, 0].backward()
      print(logits.requires_grad, m.parameters()["model.norm.weight"].grad.abs().sum().item() > 0)
      """)
    #expect(run.error == nil)
    #expect(run.output == "true true\n")
  }

  // MARK: - Errors and help

  static let errorCases: [(source: String, message: String)] = [
    ("load_model(\"no/such/dir\")", "load_model: no such directory '"),
    ("load_model(dir + \"/..\")", "has no config.json\n---> HINT: a model directory holds config.json"),
    ("load_model(dir + \"/config.json\")", "is a file, not a directory"),
    ("load_image(dir + \"/missing.png\")", "load_image: no such file '"),
    ("load_image(dir + \"/config.json\")", "load_image: "),
    ("load_tokenizer(dir + \"/..\")", "load_tokenizer: no such file '"),
    ("m.generate(3)", "bad argument 'prompt' to generate (token ids (list of integers or int tensor) expected, got number)"),
    ("m.generate([[1, 2], \"x\", 5])", "bad argument 'prompt[2]' to generate"),
    ("m.logits([1, 2.5])", "bad argument 'prompt' to logits (token ids (list of integers or int tensor) expected, got 2.5)"),
    ("m.logits([])", "bad argument 'prompt' to logits (non-empty prompt expected, got no token ids)"),
    ("m.logits([100000])", "token id 100000 is outside the model's vocabulary of 512"),
    ("m.logits({ids: [1]})", "bad argument 'prompt' to logits (prepared record with input_ids expected"),
    ("m.generate([1, 2], temperature: -1)", "generate: temperature must be ≥ 0, got -1"),
    ("m.generate([1, 2], max_tokens: \"many\")", "bad argument 'max_tokens' to generate (number expected, got string)"),
    ("m.generate([1, 2], seed: -3)", "bad argument 'seed' to generate"),
    ("m.freeze(\"visual\")", "bad argument 'part' to freeze (one of \"all\", \"vision\", \"language\", \"embeddings\" expected, got \"visual\")"),
    ("m.chat([{role: \"bot\", content: \"hi\"}])", "chat: message 0: role must be \"system\", \"user\" or \"assistant\", got \"bot\""),
    ("m.chat([{role: \"user\", content: [{kind: \"text\"}]}])", "chat: message 0: part 0 must be {type: \"text\", text: \"...\"} or {type: \"image\"}"),
    ("m.chat([{role: \"user\", content: [{type: \"image\"}]}])", "chat message 0: image or video part in a text-only chat format"),
    ("m.chat(5)", "bad argument 'messages' to chat (list of {role, content} records expected, got number)"),
    ("m.prepare(\"hi\", images: [3])", "bad argument 'images' to prepare (list of images or PNG paths expected, got number)"),
    ("m.logits({input_ids: [1, 2], pixel_values: zeros([4, 1176]), image_grid_thw: [[1, 2, 2]]})", "this qwen2 model takes no images"),
    ("tok.decode([100000])", "decode: unknown token id 100000 (the tokenizer has 512 tokens)"),
    ("m.parameters = 3", "no field 'parameters'"),
    ("m.save(dir + \"/config.json/copy\")", "save: cannot create directory '"),
  ]

  @Test(arguments: errorCases)
  func errorsNameTheArgumentAndTheProblem(source: String, message: String) throws {
    let run = try withModel("qwen2-tiny", source)
    #expect(run.error?.contains(message) == true, "\(source): \(run.error ?? "no error")")
  }

  @Test func visionPromptErrorsAreClear() throws {
    let run = try withModel("qwen2vl-tiny", """
      try { m.prepare([{role: "user", content: [{type: "image"}, {type: "text", text: "hi"}]}]) } catch e { print(e.message) }
      let p = m.prepare(ref.prompts[0].messages, images: [load_image(dir + "/image1.png")])
      p.image_grid_thw = [[1, 2, 2]]
      try { m.logits(p) } catch e { print(e.message) }
      """)
    #expect(run.error == nil)
    #expect(run.output.contains("prepare: image part 0 of the chat names no file; pass the images"))
    #expect(run.output.contains("bad argument 'prompt' to logits (pixel_values with one row per patch of image_grid_thw (4) expected, got 16 rows)"))
  }

  @Test func everyMemberHasHelp() throws {
    let run = try withModel("qwen2vl-tiny", """
      help(m)
      help(tok)
      help(load_image(dir + "/image1.png"))
      help(load_model)
      print(m, tok)
      """)
    #expect(run.error == nil)
    for name in ["chat", "prepare", "logits", "generate", "parameters", "save", "copy", "freeze", "unfreeze",
                 "encode", "decode", "tokenize", "id", "token", "tensor"] {
      #expect(run.output.contains(".\(name)("), "help lists \(name)")
    }
    #expect(run.output.contains("fields: architecture, config, num_parameters, num_trainable, path, tokenizer"))
    #expect(run.output.contains("load_model(dir)\nThe Qwen2 or Qwen2-VL model"))
    #expect(run.output.contains("<model qwen2_vl: 1.34M parameters from \"") && run.output.contains("<tokenizer: 600 tokens from \""))
  }
}
