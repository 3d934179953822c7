"""Reference values for rlnb's AdamW, gradient clipping and cosine schedule, from PyTorch.

Run with a Python that has torch and transformers-free numpy: writes adamw_reference.json
beside this script. The Swift test feeds the same parameters and gradients and compares.
"""
import json
import math
import os

import torch

torch.manual_seed(0)
params = torch.randn(2, 5, dtype=torch.float32)
grads = [torch.randn(2, 5, dtype=torch.float32) * s for s in (1.0, 3.0, 0.2)]
p = params.clone().requires_grad_(True)
optimizer = torch.optim.AdamW([p], lr=0.1, betas=(0.9, 0.95), eps=1e-5, weight_decay=0.01)
after = []
for g in grads:
    p.grad = g.clone()
    optimizer.step()
    after.append(p.detach().flatten().tolist())

clip = torch.randn(7) * 2
clipped = clip.clone().requires_grad_(True)
clipped.grad = clip.clone()
norm = torch.nn.utils.clip_grad_norm_([clipped], 1.0)


def cosine(step, warmup, total):
    if step < warmup:
        return step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * progress)))


out = {
    "params": params.flatten().tolist(),
    "grads": [g.flatten().tolist() for g in grads],
    "after_each_step": after,
    "clip_input": clip.tolist(),
    "clip_norm": float(norm),
    "clipped": clipped.grad.tolist(),
    "cosine_10_100": [cosine(s, 10, 100) for s in (0, 5, 10, 55, 100, 120)],
    "torch": torch.__version__,
}
with open(os.path.join(os.path.dirname(__file__), "adamw_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
