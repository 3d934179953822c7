"""Reference tables for rlnb's tokenizer tests, computed with Hugging Face `tokenizers`.

Run from this folder (rlnb itself never needs Python):

    python3 -m venv /tmp/tokvenv && /tmp/tokvenv/bin/pip install tokenizers==0.23.3
    /tmp/tokvenv/bin/python make_tokenizer_vectors.py

It reads ../qwen2-tiny/tokenizer.json and ../qwen2vl-tiny/tokenizer.json and writes, next to
this script:

- variants/*.json: the fixture tokenizers with one setting changed each (merges as "a b"
  strings, normalizer null / NFD / Sequence, added tokens with lstrip/rstrip/single_word/
  normalized flags and a wrong id, ignore_merges, unknown token with and without fuse_unk).
  Each is checked to load in `tokenizers`, and the string-merges variant to encode exactly like
  the original.
- vectors.json: for every tokenizer, text -> ids (`Tokenizer.encode(text).ids`) on a fixed list
  of tricky strings plus seeded random ones, and ids -> text decodes (random id sequences and
  invalid UTF-8 byte sequences, with and without skip_special_tokens).
- normalization.txt: Unicode normalization probes, one per line, as
  `input<TAB>NFC<TAB>NFD`, each field written as space-separated hex code points, computed by
  `tokenizers`' NFC and NFD normalizers.
- classes.json: the scalars that `\\p{L}`, `\\p{N}` and `\\s` match in `tokenizers`' regex
  engine, as inclusive [first, last] ranges.

Everything is seeded, so running it again gives identical files.
"""
import copy
import json
import os
import random
import unicodedata

import tokenizers
from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261121

# --- the strings -------------------------------------------------------------------------

TRICKY = [
    "", " ", "  ", "a", "Hello world", "hello  world", "hello   world", " leading", "trailing ",
    "  two leading", "trailing two  ", "\t", "\ttab", "a\tb", "a \tb", "a\t b",
    "\n", "\n\n", "a\nb", "a\n\nb", "a \n b", "a  \n  b", "  \n  x", "\r\n", "a\r\nb",
    "a\r\n\r\nb", "\r", "x\ry", " \n", "\n ", "end.\n", "end.\n\n", "end!\r\n", ". \n",
    "a\u00a0b", "a\u00a0\u00a0b", "a\u3000b", "a\u2028b", "a\u2029b", "a\u0085b",
    "a\u000bb\u000cc", "a\u200bb", "a\u2003b", "\u00a0leading nbsp", "a\u1680b",
    "don't", "DON'T", "Don'T", "it's", "IT'S", "It'S", "we're", "WE'RE", "We'Re",
    "I've", "I'VE", "I'm", "I'M", "you'll", "YOU'LL", "You'Ll", "he'd", "HE'D",
    "'s", "'S", "'ſ", "'ſx", "'sx", "''s", "'", "''", "'x", "y'all", "rock'n'roll",
    "'re'", "'ll'll", "'LL", "'Ll", "it's'", "o'clock", "'tis", "'T",
    "12345", "1,234.56", "3.14e-10", "-42", "+7", "0x1F", "v1.2.3", "2024-11-21",
    "٣٤٥", "१२३", "²³", "½ ¼", "Ⅻ", "①②", "１２３", "𝟙𝟚", "a1b2c3", "x²+y²",
    "naïve café — déjà vu; straße", "Ångström", "ﬁnance ﬂow", "Æsir œuvre", "İstanbul ıi",
    "ΑΒΓ αβγ", "Привет, мир!", "Ελληνικά", "ǅungla ǈ ǋ",
    "日本語のテキスト", "中文，标点。", "한국어 텍스트", "ภาษาไทย", "हिन्दी", "தமிழ்",
    "مرحبا بالعالم", "שָׁלוֹם", "ქართული", "Ꭰꭰ", "ᠮᠣᠩᠭᠣᠯ",
    "🤖", "👍🏽", "👨‍👩‍👧‍👦", "🇯🇵🇫🇷", "❤️", "1️⃣", "🏳️‍🌈", "emoji🤖glued", "😀😃😄",
    "e\u0301", "cafe\u0301", "n\u0303o", "A\u030a", "\u212b", "\u2126", "\u1100\u1161\u11a8",
    "\uac00\u11a8", "a\u0323\u0302", "a\u0302\u0323", "e\u0327\u0301", "q\u0307\u0323",
    "\u0301leading mark", "a\u1df6\u0301", "a\u0316\u0f73", "\U00011935\U00011930",
    "\U00011382\U000113c9", "\U00016d67\U00016d67", "\U00010041\u0301", "Z\u0351\u0315\u034f",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫg̳̹̈́o", "\u0c95\u0cd5", "\u0cca\u0cd5", "\u0b47\u0b3e",
    "...", "!!!???", " ---\n\n", "(a+b)*c", "[1, 2, 3]", "{\"key\": \"value\"}", "#include",
    "def f(x):\n    return x ** 2\n", "    indented", "if (a && b) { c(); }", "a->b", "x := y",
    "https://example.com/a?b=c&d=e#f", "user@example.com", "C:\\Users\\me", "~/path/to",
    "∑_{i=1}^{n} x_i² ≤ ∞", "\\frac{1}{2}", "$x^2$", "α=0.5, β=0.9", "±1 × 2 ÷ 3",
    "<|endoftext|>", "<|im_start|>user\nhi<|im_end|>", "hello<|endoftext|>world",
    "<|im_start|><|im_end|>", "<|im_start", "<|im_start|>>", "<<|im_end|>", "<|im_end|im_start|>",
    "word<|im_end|>\u0301", " <|im_start|> ", "<|im_end|>\n<|im_start|>assistant\n",
    "<|vision_start|><|image_pad|><|image_pad|><|vision_end|>", "<|image_pad|>x",
    "<|box_start|>(1,2)<|box_end|>", "<|ENDOFTEXT|>", "< |im_start|>",
    "<mask>", "a <mask> b", "a<mask>b", " <mask> ", "\t<mask>\t", "[SEP] x", "x [SEP]  y",
    "x  [CLS]", "[CLS][SEP]", "café", "cafe\u0301", "the cat", "Hello there", "sayHello",
    "Hello_world", "the", "\ue000", "\uffff", "\ufffd", "\U0010ffff", "\u0378", "\u088f",
    "\U0001e030", "a\u0600b", "\u00ad", "x\u034fy", "\u2066rtl\u2069", "\ufeffbom",
    "a" * 300, "ab" * 150, " " * 40, "\n" * 20, "1" * 50, "!" * 60, "z" + "\u0301" * 30,
]


def random_strings(rng: random.Random, count: int) -> list:
    words = ("the model policy reward token gradient batch is a of and to in swift tensor "
             "Hello World THE Model KL PPO GRPO value cache layer").split()
    pools = [
        words, ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'LL", "'ſ", "'"],
        list("0123456789"), ["12", "345", "2024", "3.14", "1e-5", "٣", "²", "Ⅻ", "１"],
        [" ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "\n ", "\u00a0", "\u3000", "\u2028"],
        list(".,;:!?()[]{}<>-_=+*/\\|\"'`~@#$%^&"), ["...", "--", "->", "=>", "!=", "**"],
        ["日本語", "中文", "模型", "注意力", "한국어", "テキスト", "ภาษา", "हिन्दी", "مرحبا",
         "Привет", "αβγ", "Ελλάδα", "straße", "naïve", "façade"],
        ["🤖", "👍🏽", "❤️", "🚀", "👨‍👩‍👧", "🇯🇵", "✨", "1️⃣"],
        ["e\u0301", "a\u0308", "o\u0302\u0323", "\u0301", "\u0323", "\u1df6", "\u0f73",
         "\u1100\u1161", "\u212b", "\u2126", "\u0345", "\u0316\u0301", "\U0001e4ec"],
        ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|im_", "|>", "<|vision_start|>",
         "<|image_pad|>", "<mask>", "[SEP]", "[CLS]", "café", "Hello"],
    ]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.08:
                cp = rng.randint(0x20, 0x10FFFF)
                while 0xD800 <= cp <= 0xDFFF:
                    cp = rng.randint(0x20, 0x10FFFF)
                parts.append(chr(cp))
            else:
                parts.append(rng.choice(rng.choice(pools)))
        out.append("".join(parts))
    return out


# --- tokenizer variants ------------------------------------------------------------------

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save_variant(name, document):
    """Writes a variant as tokenizers would (via Tokenizer.from_str(...).save) and returns it."""
    tok = Tokenizer.from_str(json.dumps(document, ensure_ascii=False))
    path = os.path.join(HERE, "variants", name + ".json")
    if name.endswith("string-merges"):
        # tokenizers 0.23 always saves pairs, so keep this one as written (like the hub files).
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, indent=1)
    else:
        tok.save(path)
    return Tokenizer.from_file(path)


def make_variants(vl_doc, q2_doc):
    variants = {}
    d = copy.deepcopy(vl_doc)
    d["model"]["merges"] = [a + " " + b for a, b in d["model"]["merges"]]
    variants["qwen2vl-string-merges"] = d

    for name, normalizer in [("qwen2vl-no-normalizer", None),
                             ("qwen2vl-nfd", {"type": "NFD"}),
                             ("qwen2vl-sequence-normalizer",
                              {"type": "Sequence", "normalizers": [{"type": "NFC"}]})]:
        d = copy.deepcopy(vl_doc)
        d["normalizer"] = normalizer
        variants[name] = d

    d = copy.deepcopy(vl_doc)
    d["model"]["ignore_merges"] = True
    variants["qwen2vl-ignore-merges"] = d

    d = copy.deepcopy(vl_doc)
    def token(content, id_, special, normalized, lstrip=False, rstrip=False, single=False):
        return {"id": id_, "content": content, "single_word": single, "lstrip": lstrip,
                "rstrip": rstrip, "normalized": normalized, "special": special}
    d["added_tokens"] += [
        token("<mask>", 600, False, False, lstrip=True, rstrip=True, single=True),
        token("[SEP]", 601, True, False, rstrip=True),
        token("[CLS]", 602, True, False, lstrip=True),
        token("cafe\u0301", 603, False, True),  # matched in NFC text, so "café" in any form
        token("the", 604, False, True),  # not in the vocabulary ("Ġthe" is)
        token("Ġthe", 605, False, False),  # already a vocabulary entry: keeps that id
        token("Hello", 9999, False, False, single=True),  # wrong id on purpose: gets 605
    ]
    variants["qwen2vl-added-flags"] = d

    # Unknown token: drop byte symbols that no merge uses, reuse one slot for "<unk>".
    used = set()
    for a, b in q2_doc["model"]["merges"]:
        used.update(a)
        used.update(b)
    unused = [t for t, i in sorted(q2_doc["model"]["vocab"].items(), key=lambda kv: kv[1])
              if len(t) == 1 and t not in used and i < 256]
    # Continuation bytes, so that multi-byte characters in the test strings hit <unk>.
    byte_of = {ch: b for b, ch in bytes_to_unicode().items()}
    continuation = [t for t in unused if 0x80 <= byte_of[t] <= 0xBF]
    dropped = continuation[::max(1, len(continuation) // 6)][:6]
    for fuse in (False, True):
        d = copy.deepcopy(q2_doc)
        vocab = d["model"]["vocab"]
        unk_id = vocab[dropped[0]]
        for t in dropped:
            del vocab[t]
        vocab["<unk>"] = unk_id
        d["model"]["unk_token"] = "<unk>"
        d["model"]["fuse_unk"] = fuse
        variants["qwen2-unk" + ("-fused" if fuse else "")] = d
    return variants, dropped


# --- decode cases ------------------------------------------------------------------------

def decode_cases(tok, rng):
    size = tok.get_vocab_size(with_added_tokens=True)
    byte_ids = {b: tok.token_to_id(ch) for b, ch in bytes_to_unicode().items()}
    cases = []
    crafted = [[0xE6], [0xE6, 0x97], [0xE6, 0x97, 0xA5, 0xE6], [0xC0, 0x80], [0xED, 0xA0, 0x80],
               [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x61], [0x80, 0x80], [0xFE], [0xFF],
               [0x61, 0xE2, 0x82], [0xE2, 0x82, 0x61, 0xE2], [0xF0, 0x9F, 0xA4, 0x96],
               [0xEF, 0xBF, 0xBD], [0xC3], [0xC3, 0xA9, 0xA9], [0xE0, 0x80, 0x80], [0xF8, 0x88]]
    for seq in crafted:
        ids = [byte_ids[b] for b in seq]
        cases.append(ids)
    specials = [t.content for t in tok.get_added_tokens_decoder().values()]
    for _ in range(120):
        ids = [rng.randrange(size) for _ in range(rng.randint(1, 20))]
        if rng.random() < 0.5:
            ids.insert(rng.randrange(len(ids) + 1), tok.token_to_id(rng.choice(specials)))
        cases.append(ids)
    out = []
    for ids in cases:
        for skip in (False, True):
            out.append({"ids": ids, "skip_special_tokens": skip,
                        "text": tok.decode(ids, skip_special_tokens=skip)})
    return out


def bytes_to_unicode():
    bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


# --- normalization probes and character classes -------------------------------------------

# Scalars with a combining class that Python's Unicode 14 tables do not know (Unicode 15-17,
# listed from Swift 6.3's tables): tokenizers must treat them as class 0.
LATER_MARKS = [0x897, *range(0x1ACF, 0x1ADE), *range(0x1AE0, 0x1AEC), *range(0x10D69, 0x10D6E),
               0x10EFA, 0x10EFB, 0x10EFD, 0x10EFE, 0x10EFF, 0x113CE, 0x113CF, 0x113D0, 0x11F41,
               0x11F42, 0x1612F, 0x1E08F, *range(0x1E4EC, 0x1E4F0), 0x1E5EE, 0x1E5EF, 0x1E6E3,
               0x1E6E6, 0x1E6EE, 0x1E6EF, 0x1E6F5]


def normalization_probes():
    candidates = set(LATER_MARKS)
    pairs = []
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        if unicodedata.combining(ch):
            candidates.add(c)
        d = unicodedata.decomposition(ch)
        if d and not d.startswith("<"):
            candidates.add(c)
            parts = [int(x, 16) for x in d.split()]
            pairs.append("".join(chr(p) for p in parts))
    probes = []
    for c in sorted(candidates):
        ch = chr(c)
        probes += [ch, "a" + ch + "\u0334", "a\u0316" + ch, "a\u0301" + ch, ch + "\u0301"]
    probes += pairs
    probes += ["\u1100\u1161", "\u1100\u1161\u11a8", "\uac00\u11a8", "\U00011382\U000113c9",
               "\U00016d67\U00016d67", "\U00010041\u0301", "\U00011935\U00011930"]
    nfc, nfd = normalizers.NFC(), normalizers.NFD()
    hexes = lambda s: " ".join("%x" % ord(x) for x in s)
    return ["%s\t%s\t%s" % (hexes(p), hexes(nfc.normalize_str(p)), hexes(nfd.normalize_str(p)))
            for p in probes]


def character_classes():
    cps = [c for c in range(0x110000) if not (0xD800 <= c <= 0xDFFF)]
    text = "".join(chr(c) for c in cps)
    out = {}
    for name, pattern in [("letter", r"\p{L}+"), ("number", r"\p{N}+"), ("whitespace", r"\s+")]:
        split = pre_tokenizers.Split(Regex(pattern), behavior="removed")
        kept = {ord(ch) for piece, _ in split.pre_tokenize_str(text) for ch in piece}
        ranges = []
        for c in cps:
            if c in kept:
                continue
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
        out[name] = ranges
    return out


def main():
    rng = random.Random(SEED)
    q2_path = os.path.join(HERE, "..", "qwen2-tiny", "tokenizer.json")
    vl_path = os.path.join(HERE, "..", "qwen2vl-tiny", "tokenizer.json")
    texts = TRICKY + random_strings(rng, 300)
    os.makedirs(os.path.join(HERE, "variants"), exist_ok=True)
    variants, dropped = make_variants(load_json(vl_path), load_json(q2_path))
    tokenizers_by_name = {"qwen2-tiny": Tokenizer.from_file(q2_path),
                          "qwen2vl-tiny": Tokenizer.from_file(vl_path)}
    for name, document in variants.items():
        tokenizers_by_name[name] = save_variant(name, document)
    base_vl = tokenizers_by_name["qwen2vl-tiny"]
    for text in texts:  # pair and string merges must give identical ids
        assert tokenizers_by_name["qwen2vl-string-merges"].encode(text).ids == \
            base_vl.encode(text).ids
    subset = TRICKY + texts[len(TRICKY):len(TRICKY) + 80]
    encode = {}
    for name, tok in tokenizers_by_name.items():
        chosen = texts if name in ("qwen2-tiny", "qwen2vl-tiny") else subset
        encode[name] = [{"text": t, "ids": tok.encode(t).ids} for t in chosen]
    decode = {name: decode_cases(tokenizers_by_name[name], rng)
              for name in ("qwen2-tiny", "qwen2vl-tiny", "qwen2vl-added-flags")}
    added_ids = {t.content: i for i, t in
                 tokenizers_by_name["qwen2vl-added-flags"].get_added_tokens_decoder().items()}
    vectors = {"tokenizers_version": tokenizers.__version__, "seed": SEED,
               "unk_dropped_bytes": dropped, "added_flags_ids": added_ids,
               "encode": encode, "decode": decode}
    with open(os.path.join(HERE, "vectors.json"), "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(vectors)
        for k, key in enumerate(keys):
            value = vectors[key]
            f.write(json.dumps(key) + ": ")
            if key in ("encode", "decode"):
                f.write("{\n")
                names = list(value)
                for n, name in enumerate(names):
                    f.write("  " + json.dumps(name) + ": [\n")
                    rows = value[name]
                    for r, row in enumerate(rows):
                        f.write("    " + json.dumps(row, ensure_ascii=False))
                        f.write(",\n" if r + 1 < len(rows) else "\n")
                    f.write("  ]" + (",\n" if n + 1 < len(names) else "\n"))
                f.write("}")
            else:
                f.write(json.dumps(value, ensure_ascii=False))
            f.write(",\n" if k + 1 < len(keys) else "\n")
        f.write("}\n")
    with open(os.path.join(HERE, "normalization.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(normalization_probes()) + "\n")
    with open(os.path.join(HERE, "classes.json"), "w", encoding="utf-8") as f:
        json.dump(character_classes(), f, separators=(",", ":"))
        f.write("\n")
    print(json.dumps({"tokenizers": tokenizers.__version__, "texts": len(texts),
                      "tokenizers_checked": list(tokenizers_by_name),
                      "encode_rows": sum(len(v) for v in encode.values()),
                      "decode_rows": sum(len(v) for v in decode.values())}))


if __name__ == "__main__":
    main()
