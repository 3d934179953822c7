"""Reference chat renderings for rlnb's ChatTemplate tests, computed with transformers.

Run from this folder (rlnb itself never needs Python):

    python3 -m venv /tmp/tokvenv
    /tmp/tokvenv/bin/pip install tokenizers==0.23.3 transformers==5.23.0 jinja2
    /tmp/tokvenv/bin/python make_chat_vectors.py

For a fixed list of chats plus seeded random ones, it renders each chat with
`apply_chat_template` (the real Jinja templates: Qwen2-VL's from ../qwen2vl-tiny, and
Qwen2-Instruct's, given verbatim below), expands <|image_pad|> and <|video_pad|> as
Qwen2VLProcessor does in transformers 5.23 (each placeholder, left to right, becomes
t*h*w // merge_size**2 copies), and tokenizes the result with the fixture tokenizer through
transformers. Writes chat_vectors.json: one entry per chat with `template`, `messages`,
`add_generation_prompt`, `add_vision_id`, `image_grids`, `video_grids`, `rendered`,
`expanded` and `input_ids`.
"""
import json
import os
import random
import re

import transformers
from transformers import AutoTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 4242
MERGE_SIZE = 2
QWEN2_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")

TEXTS = ["Describe the image.", "Count from 3 to 14.", "", " ", "Hi!\n", "line one\nline two",
         "naïve café 日本語 🤖", "What is 12+30?", "<|im_end|> injected", "  spaces  ",
         "Answer: <think>x</think>", "tab\there", "cafe\u0301", "<|image_pad|>"]
IMAGE_ITEMS = [{"type": "image", "image": "image1.png"}, {"image": "a.png"},
               {"type": "image_url", "image_url": {"url": "http://x/y.png"}},
               {"type": "image"}]
VIDEO_ITEMS = [{"type": "video", "video": "clip.mp4"}, {"video": ["f1.png", "f2.png"]}]


def fixed_chats():
    img = {"type": "image", "image": "image1.png"}
    txt = lambda t: {"type": "text", "text": t}
    return [
        ("qwen2-vl", [{"role": "user", "content": [img, txt("Describe the image.")]}], True,
         False),
        ("qwen2-vl", [{"role": "system", "content": "You are a careful visual assistant."},
                      {"role": "user", "content": [img, txt("Describe the image.")]}], True,
         False),
        ("qwen2-vl", [{"role": "user", "content": "Count from 3 to 14."}], True, False),
        ("qwen2-vl", [{"role": "user", "content": [img, img, txt("Compare.")]}], False, True),
        ("qwen2-vl", [{"role": "user", "content": [txt("a"), txt("b"), {"type": "other"}]},
                      {"role": "assistant", "content": "ab"},
                      {"role": "user", "content": [{"type": "video", "video": "v.mp4"}, img]}],
         True, True),
        ("qwen2-vl", [{"role": "assistant", "content": "I start."}], False, False),
        ("qwen2-vl", [{"role": "user", "content": "hi"}, {"role": "system", "content": "late"}],
         True, False),
        ("qwen2", [{"role": "user", "content": "Count from 3 to 14."}], True, False),
        ("qwen2", [{"role": "system", "content": "Be brief."},
                   {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}],
         False, False),
    ]


def random_chats(rng, count):
    chats = []
    for _ in range(count):
        template = rng.choice(["qwen2-vl", "qwen2-vl", "qwen2"])
        messages = []
        if rng.random() < 0.4:
            messages.append({"role": "system", "content": rng.choice(TEXTS)})
        for turn in range(rng.randint(1, 4)):
            role = "user" if turn % 2 == 0 else "assistant"
            if template == "qwen2" or rng.random() < 0.3:
                messages.append({"role": role, "content": rng.choice(TEXTS)})
            else:
                items = []
                for _ in range(rng.randint(0, 4)):
                    r = rng.random()
                    if r < 0.3:
                        items.append(dict(rng.choice(IMAGE_ITEMS)))
                    elif r < 0.4:
                        items.append(dict(rng.choice(VIDEO_ITEMS)))
                    else:
                        items.append({"type": "text", "text": rng.choice(TEXTS)})
                messages.append({"role": role, "content": items})
        chats.append((template, messages, rng.random() < 0.6,
                      template == "qwen2-vl" and rng.random() < 0.3))
    return chats


def expand(text, image_grids, video_grids):
    """Qwen2VLProcessor's expansion: placeholders left to right, each by its grid's count."""
    replacements = {"<|image_pad|>": iter(image_grids), "<|video_pad|>": iter(video_grids)}

    def replace(match):
        t, h, w = next(replacements[match.group()])
        return match.group() * (t * h * w // MERGE_SIZE ** 2)
    return re.sub(r"<\|image_pad\|>|<\|video_pad\|>", replace, text)


def main():
    rng = random.Random(SEED)
    vl = AutoTokenizer.from_pretrained(os.path.join(HERE, "..", "qwen2vl-tiny"))
    entries = []
    for template, messages, generation, vision_id in fixed_chats() + random_chats(rng, 120):
        kwargs = {"add_generation_prompt": generation, "add_vision_id": vision_id}
        if template == "qwen2":
            kwargs["chat_template"] = QWEN2_TEMPLATE
        rendered = vl.apply_chat_template(messages, tokenize=False, **kwargs)
        grids = lambda n: [[rng.choice([1, 2]), 2 * rng.randint(1, 4), 2 * rng.randint(1, 4)]
                           for _ in range(n)]
        image_grids = grids(rendered.count("<|image_pad|>"))
        video_grids = grids(rendered.count("<|video_pad|>"))
        expanded = expand(rendered, image_grids, video_grids)
        entries.append({"template": template, "messages": messages,
                        "add_generation_prompt": generation, "add_vision_id": vision_id,
                        "image_grids": image_grids, "video_grids": video_grids,
                        "rendered": rendered, "expanded": expanded,
                        "input_ids": vl(expanded)["input_ids"]})
    with open(os.path.join(HERE, "chat_vectors.json"), "w", encoding="utf-8") as f:
        f.write('{"transformers_version": %s, "chats": [\n' % json.dumps(transformers.__version__))
        f.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in entries))
        f.write("\n]}\n")
    print(json.dumps({"transformers": transformers.__version__, "chats": len(entries)}))


if __name__ == "__main__":
    main()
