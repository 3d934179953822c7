"""The PyTorch side of rlnb's benchmarks: the same work, timed the same way (best of rounds).

Called by `swift run -c release Benchmarks --python PYTHON`; prints one JSON object whose keys
match the rlnb side. Needs torch (see bench/README.md). Threads are pinned to 2 (this machine).
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)


def seconds_per_call(fn, minimum_seconds=0.25):
    calls, start = 0, time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= minimum_seconds:
            return elapsed / calls


def best(fn, rounds):
    fn()
    return min(seconds_per_call(fn) for _ in range(rounds))


def elementwise(rounds):
    results = {}
    for count in (1 << 20, 1 << 24):
        a, b = torch.randn(count), torch.randn(count)
        cases = [
            ("add", 12, lambda: a + b),
            ("exp", 8, lambda: torch.exp(a)),
            ("silu", 8, lambda: F.silu(a)),
            ("gelu (tanh)", 8, lambda: F.gelu(a, approximate="tanh")),
            ("softmax rows of 1024", 8, lambda: torch.softmax(a.view(-1, 1024), dim=-1)),
        ]
        for name, bytes_per_element, fn in cases:
            results[f"{name}/{count}"] = bytes_per_element * count / best(fn, rounds) / 1e9
    return results


SIZES = {"S": (128, 4, 2, 512), "M": (256, 8, 4, 1024)}


def rms_norm(x, weight, eps=1e-6):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def block(rounds, batch, length):
    results = {}
    for name, (hidden, heads, kv_heads, intermediate) in SIZES.items():
        torch.manual_seed(2)
        d = hidden // heads
        p = {
            "ln1": torch.ones(hidden), "ln2": torch.ones(hidden),
            "wq": torch.randn(hidden, hidden) * 0.02, "bq": torch.randn(hidden) * 0.02,
            "wk": torch.randn(kv_heads * d, hidden) * 0.02, "bk": torch.randn(kv_heads * d) * 0.02,
            "wv": torch.randn(kv_heads * d, hidden) * 0.02, "bv": torch.randn(kv_heads * d) * 0.02,
            "wo": torch.randn(hidden, hidden) * 0.02,
            "wg": torch.randn(intermediate, hidden) * 0.02, "wu": torch.randn(intermediate, hidden) * 0.02,
            "wd": torch.randn(hidden, intermediate) * 0.02,
        }
        for tensor in p.values():
            tensor.requires_grad_(True)
        positions = torch.arange(length, dtype=torch.float64)
        inv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
        angles = torch.outer(positions, inv_freq)
        angles = torch.cat((angles, angles), dim=-1)
        cos, sin = angles.cos().float(), angles.sin().float()
        x = torch.randn(batch, length, hidden, requires_grad=True)

        def forward():
            h = rms_norm(x, p["ln1"])
            q = F.linear(h, p["wq"], p["bq"]).view(batch, length, heads, d).transpose(1, 2)
            k = F.linear(h, p["wk"], p["bk"]).view(batch, length, kv_heads, d).transpose(1, 2)
            v = F.linear(h, p["wv"], p["bv"]).view(batch, length, kv_heads, d).transpose(1, 2)
            q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
            k = k.repeat_interleave(heads // kv_heads, dim=1)  # transformers' repeat_kv
            v = v.repeat_interleave(heads // kv_heads, dim=1)
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            r = x + F.linear(a.transpose(1, 2).reshape(batch, length, hidden), p["wo"])
            h2 = rms_norm(r, p["ln2"])
            return r + F.linear(F.silu(F.linear(h2, p["wg"])) * F.linear(h2, p["wu"]), p["wd"])

        def step():
            for tensor in list(p.values()) + [x]:
                tensor.grad = None
            forward().pow(2).mean().backward()

        results[name] = best(step, rounds) * 1000
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("group", choices=["elementwise", "block"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--length", type=int, default=128)
    args = parser.parse_args()
    result = elementwise(args.rounds) if args.group == "elementwise" else block(args.rounds, args.batch, args.length)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
