"""Reference output of `tokenizers`' BpeTrainer for rlnb's BPETrainer tests.

Run from this folder with the venv described in make_tokenizer_vectors.py:

    /tmp/tokvenv/bin/python make_trainer_reference.py            # writes the references
    /tmp/tokvenv/bin/python make_trainer_reference.py FILE...     # checks tokenizer.json files

Writing: makes a seeded corpus (trainer/corpus.json), trains a Qwen2-style byte-level BPE on
it with `tokenizers` for each configuration in CONFIGS, and saves the result as
trainer/<name>.json exactly as `Tokenizer.save` writes it (the decoder's flags are set to
false/false/false as in Qwen2's files; `decoders.ByteLevel()` cannot take them, so the JSON is
round-tripped through `Tokenizer.from_str`). rlnb's test trains on the same corpus and must
produce these files byte for byte.

Checking: loads each FILE (for example a tokenizer.json written by rlnb's BPETrainer) with
`tokenizers`, and checks that it encodes the corpus exactly like the reference of the same
name, and decodes every line back.
"""
import json
import os
import random
import sys

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, \
    processors, trainers

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trainer")
QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}|"
                 r" ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CONFIGS = {
    "vocab400-min2-specials": dict(vocab_size=400, min_frequency=2, special_tokens=SPECIALS),
    "vocab1200-min0": dict(vocab_size=1200, min_frequency=0, special_tokens=[]),
    "vocab5000-min3-exhausted": dict(vocab_size=5000, min_frequency=3, special_tokens=["!"]),
}


def make_corpus(seed=7, lines=1200):
    rng = random.Random(seed)
    words = ("the a of to and in is it that for on with as was at by this from or have not are "
             "but they which one you all were we when there can been has more if will their so "
             "model token layer weight attention cache reward policy gradient sample train "
             "value learn vector matrix swift tensor batch kernel aaa aaaa abab abcabc").split()
    extras = ["naïve", "café", "cafe\u0301", "straße", "Привет", "мир", "日本語", "中文",
              "한국어", "🤖", "👍🏽", "❤️", "'s", "'re", "'LL", "don't", "123", "3.14", "٣",
              "  ", "\t", "\r\n", "...", "--", "<|im_start|>", "<|endoftext|>", "x²"]
    out = []
    for _ in range(lines):
        parts = []
        for _ in range(rng.randint(3, 16)):
            r = rng.random()
            if r < 0.80:
                w = rng.choice(words)
                parts.append(w.capitalize() if rng.random() < 0.1 else w)
            elif r < 0.88:
                parts.append(str(rng.randint(0, 10 ** rng.randint(1, 4))))
            else:
                parts.append(rng.choice(extras))
        line = " ".join(parts) + rng.choice([".", "!", "?", ",", ""])
        out.append(line + ("\n" if rng.random() < 0.7 else ""))
    return out


def build(corpus, vocab_size, min_frequency, special_tokens):
    tok = Tokenizer(models.BPE(unk_token=None, byte_fallback=False))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(add_prefix_space=False, trim_offsets=False,
                                              use_regex=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                  special_tokens=special_tokens, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus, trainer=trainer, length=len(corpus))
    document = json.loads(tok.to_str())
    document["decoder"] = {"type": "ByteLevel", "add_prefix_space": False,
                           "trim_offsets": False, "use_regex": False}
    return Tokenizer.from_str(json.dumps(document, ensure_ascii=False))


def check(path, corpus):
    name = os.path.splitext(os.path.basename(path))[0]
    reference = Tokenizer.from_file(os.path.join(HERE, name + ".json"))
    candidate = Tokenizer.from_file(path)
    assert candidate.get_vocab() == reference.get_vocab(), name
    for line in corpus:
        ids = candidate.encode(line).ids
        assert ids == reference.encode(line).ids, (name, line)
        assert candidate.decode(ids, skip_special_tokens=False) == line or "\u0301" in line, \
            (name, line)
    return {"file": path, "lines": len(corpus), "vocab": candidate.get_vocab_size()}


def main():
    corpus_path = os.path.join(HERE, "corpus.json")
    if len(sys.argv) > 1:
        with open(corpus_path, encoding="utf-8") as f:
            corpus = json.load(f)
        for path in sys.argv[1:]:
            print(json.dumps(check(path, corpus)))
        return
    os.makedirs(HERE, exist_ok=True)
    corpus = make_corpus()
    with open(corpus_path, "w", encoding="utf-8") as f:
        json.dump(corpus, f, ensure_ascii=False, indent=0)
        f.write("\n")
    for name, config in CONFIGS.items():
        tok = build(corpus, **config)
        path = os.path.join(HERE, name + ".json")
        tok.save(path)
        print(json.dumps({"name": name, "tokenizers": tokenizers.__version__,
                          "vocab": tok.get_vocab_size(), **check(path, corpus)}))


if __name__ == "__main__":
    main()
