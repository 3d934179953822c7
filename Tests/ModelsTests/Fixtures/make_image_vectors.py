#!/usr/bin/env python3
"""Generates the image test vectors of rlnb's ModelsTests from Pillow (and transformers).

The Swift image pipeline must reproduce what transformers' Qwen2-VL image processor (PIL
backend) computes: Pillow's PNG decoding and mode conversions, `convert_to_rgb` (alpha
composited onto white), `smart_resize`, Pillow's BICUBIC resampling on uint8, then rescale,
normalise and patch flattening. This script writes small seeded PNGs of every PNG colour
type and bit depth, and records what Pillow and transformers make of them:

    image_vectors/sources/*.png   the inputs (written byte by byte here, so every PNG colour
                                  type, bit depth, tRNS and interlacing can be covered)
    image_vectors/rgb/*.png       transformers' `convert_to_rgb` of each input (8-bit RGB)
    image_vectors/resized/*.png   Pillow `Image.resize(..., BICUBIC)` of those RGB images (a
                                  sweep of 378 more sizes is recorded as CRC-32s in vectors.json)
    image_vectors/configs/*.json  preprocessor configs for the processor cases
    image_vectors/vectors.json    the index, smart_resize cases and processor outputs

Processor outputs are recorded as the CRC-32 of the float32 little-endian bytes of
`pixel_values` (plus shape, grids, first values and sums), so a single flipped bit fails.

Only Pillow and numpy are required. When transformers is importable, the script also runs
transformers' own `convert_to_rgb`, `smart_resize` and `Qwen2VLImageProcessorPil` and asserts
they agree with the numpy re-derivation below; the outputs recorded are then transformers'.

Usage (rlnb itself never runs Python):
    python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow numpy [transformers]
    /tmp/imgvenv/bin/python Tests/ModelsTests/Fixtures/make_image_vectors.py
"""

import json
import math
import os
import shutil
import struct
import sys
import zlib

import numpy as np
import PIL
from PIL import Image

try:  # optional cross-check against the real thing
    import transformers
    from transformers.image_transforms import convert_to_rgb as hf_convert_to_rgb
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import smart_resize as hf_smart_resize
except ImportError:  # pragma: no cover
    transformers = None

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "image_vectors")
FIXTURE = os.path.join(HERE, "qwen2vl-tiny")


# MARK: - A byte-level PNG writer (Pillow cannot write 16-bit RGB, tRNS for L, or Adam7)

def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _pack_row(samples, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", int(v)) for v in samples)
    if depth == 8:
        return bytes(int(v) for v in samples)
    per_byte = 8 // depth
    out = bytearray()
    for i in range(0, len(samples), per_byte):
        byte = 0
        for j in range(per_byte):
            v = int(samples[i + j]) if i + j < len(samples) else 0
            byte |= v << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _filter_row(kind, row, previous, bpp):
    """PNG filter `kind` (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth) applied to one row of bytes."""
    out = bytearray([kind])
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = previous[i] if previous is not None else 0
        c = previous[i - bpp] if previous is not None and i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, _paeth(a, b, c)][kind]
        out.append((x - predictor) & 0xFF)
    return bytes(out)


# Adam7 passes: (x0, y0, dx, dy)
_ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def write_png(path, samples, depth, color_type, palette=None, trns=None, interlace=False):
    """Writes `samples` ([H, W, channels] integers) as a PNG with exactly the given header."""
    samples = np.asarray(samples)
    height, width, channels = samples.shape
    assert channels == {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    # Rows cycle through all five filter types, so the decoder's unfiltering is exercised too
    # (it matters for 16-bit gray, which rlnb re-labels as 8-bit gray + alpha: same bytes/pixel).
    bpp = max(1, channels * depth // 8)
    raw = bytearray()
    passes = _ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        previous = None
        for y in range(y0, height, dy):
            row = samples[y, x0::dx].reshape(-1)
            if row.size == 0:
                continue
            packed = _pack_row(row, depth)
            raw += _filter_row(y % 5, packed, previous, bpp)
            previous = packed
    data = b"\x89PNG\r\n\x1a\n"
    data += _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, int(interlace)))
    if palette is not None:
        data += _chunk(b"PLTE", bytes(int(v) for v in palette))
    if trns is not None:
        data += _chunk(b"tRNS", trns)
    data += _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    data += _chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


# MARK: - What transformers 5 does, re-derived with Pillow and numpy

def convert_to_rgb(image):
    """transformers 5's convert_to_rgb: anything with alpha or tRNS is composited onto white."""
    has_alpha = "A" in image.getbands() or image.info.get("transparency") is not None
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def smart_resize(height, width, factor, min_pixels, max_pixels):
    if max(height, width) / min(height, width) > 200:
        raise ValueError("aspect ratio")
    h_bar = round(height / factor) * factor  # Python's round: ties to even
    w_bar = round(width / factor) * factor
    if h_bar * w_bar > max_pixels:
        beta = math.sqrt((height * width) / max_pixels)
        h_bar = max(factor, math.floor(height / beta / factor) * factor)
        w_bar = max(factor, math.floor(width / beta / factor) * factor)
    elif h_bar * w_bar < min_pixels:
        beta = math.sqrt(min_pixels / (height * width))
        h_bar = math.ceil(height * beta / factor) * factor
        w_bar = math.ceil(width * beta / factor) * factor
    return h_bar, w_bar


def process(images, cfg):
    """numpy re-derivation of Qwen2VLImageProcessorPil for still images."""
    ps, tps, ms = cfg["patch_size"], cfg["temporal_patch_size"], cfg["merge_size"]
    rows, grids = [], []
    for image in images:
        rgb = convert_to_rgb(image)
        height, width = rgb.height, rgb.width
        h, w = smart_resize(height, width, ps * ms, cfg["min_pixels"], cfg["max_pixels"])
        if (w, h) != rgb.size:
            rgb = rgb.resize((w, h), Image.Resampling.BICUBIC)
        x = np.array(rgb).transpose(2, 0, 1)  # CHW uint8
        if cfg.get("do_rescale", True):
            x = (x.astype(np.float64) * cfg.get("rescale_factor", 1 / 255)).astype(np.float32)
        if cfg.get("do_normalize", True):
            x = x.astype(np.float32)
            mean = np.array(cfg["image_mean"], dtype=np.float32)
            std = np.array(cfg["image_std"], dtype=np.float32)
            x = ((x.T - mean) / std).T
        gh, gw = h // ps, w // ps
        p = x.reshape(3, gh // ms, ms, ps, gw // ms, ms, ps).transpose(1, 4, 2, 5, 0, 3, 6)
        p = np.repeat(p[:, :, :, :, :, None], tps, axis=5)  # still image: same frame for every t
        rows.append(p.reshape(gh * gw, 3 * tps * ps * ps))
        grids.append([1, gh, gw])
    return np.concatenate(rows, axis=0), grids


def summarize(pixel_values, grids):
    pv = np.ascontiguousarray(pixel_values, dtype="<f4")
    return {
        "shape": list(pv.shape),
        "image_grid_thw": [list(map(int, g)) for g in grids],
        "crc32": zlib.crc32(pv.tobytes()),
        "first16": [float(v) for v in pv.reshape(-1)[:16]],
        "sum": float(pv.astype(np.float64).sum()),
    }


def processor_outputs(image_files, cfg):
    images = [Image.open(path) for path in image_files]
    pixel_values, grids = process(images, cfg)
    if transformers is not None:
        hf = Qwen2VLImageProcessorPil.from_dict(cfg)
        out = hf(images=[Image.open(path) for path in image_files])
        assert out["pixel_values"].dtype == np.float32
        assert np.array_equal(out["pixel_values"].view(np.uint32), pixel_values.view(np.uint32)), image_files
        assert out["image_grid_thw"].tolist() == grids
    return summarize(pixel_values, grids)


# MARK: - The vectors

def make_sources(rng):
    """(name, samples [H, W, C], depth, color type, palette, trns, interlace)."""
    def noise(h, w, c, high=256):
        return rng.integers(0, high, size=(h, w, c))

    yy, xx = np.mgrid[0:96, 0:128]
    smooth = np.stack([
        127.5 + 120 * np.sin(xx / 9.0) * np.cos(yy / 13.0),
        127.5 + 120 * np.sin((xx + 2 * yy) / 17.0),
        255.0 * xx / 127,
    ], axis=-1) + rng.normal(0, 6, size=(96, 128, 3))
    smooth = np.clip(np.rint(smooth), 0, 255)

    rgba = noise(31, 29, 4)
    rgba[..., 3] = rng.choice([0, 255, -1], size=(31, 29), p=[0.25, 0.25, 0.5])
    rgba[..., 3] = np.where(rgba[..., 3] < 0, rng.integers(0, 256, size=(31, 29)), rgba[..., 3])

    gray16 = rng.integers(0, 65536, size=(11, 23, 1))
    gray16[::2] = rng.integers(0, 300, size=gray16[::2].shape)  # many below 256 (not saturated)
    gray16[0, 0, 0], gray16[0, 1, 0], gray16[0, 2, 0] = 7, 263, 0x0107 + 256

    rgb16 = rng.integers(0, 65536, size=(13, 19, 3))
    rgb16[1, 1] = [0x0401, 0x0502, 0x0603]  # high bytes (4, 5, 6) equal the tRNS low bytes

    palette = rng.integers(0, 256, size=48 * 3)
    return [
        ("rgb_noise_37x23", noise(23, 37, 3), 8, 2, None, None, False),
        ("rgb_smooth_128x96", smooth, 8, 2, None, None, False),
        ("rgb_70x126", noise(126, 70, 3), 8, 2, None, None, False),
        ("rgb_interlaced_31x17", noise(17, 31, 3), 8, 2, None, None, True),
        ("rgb_trns_15x9", rng.integers(3, 6, size=(9, 15, 3)), 8, 2, None, struct.pack(">HHH", 4, 5, 4), False),
        ("rgba_29x31", rgba, 8, 6, None, None, False),
        ("gray_17x40", noise(40, 17, 1), 8, 0, None, None, False),
        ("gray_trns_19x11", rng.integers(0, 4, size=(11, 19, 1)) * 60, 8, 0, None, struct.pack(">H", 0x0178), False),
        ("gray4_trns_16x9", noise(9, 16, 1, 16), 4, 0, None, struct.pack(">H", 0x0111), False),
        ("gray2_trns_12x5", noise(5, 12, 1, 4), 2, 0, None, struct.pack(">H", 2), False),
        ("gray1_trns_13x7", noise(7, 13, 1, 2), 1, 0, None, struct.pack(">H", 1), False),
        ("gray16_9x7", rng.integers(0, 65536, size=(7, 9, 1)), 16, 0, None, None, False),
        ("gray16_trns_23x11", gray16, 16, 0, None, struct.pack(">H", 0x0107), False),
        ("gray16_interlaced_13x11", rng.integers(0, 512, size=(11, 13, 1)), 16, 0, None, None, True),
        ("la_21x27", noise(27, 21, 2), 8, 4, None, None, False),
        ("la16_11x6", rng.integers(0, 65536, size=(6, 11, 2)), 16, 4, None, None, False),
        ("palette_trns_33x19", noise(19, 33, 1, 48), 8, 3, palette, bytes(int(v) for v in rng.integers(0, 256, size=40)), False),
        ("palette2_simple_trns_14x10", noise(10, 14, 1, 4), 2, 3, palette[:12], b"\xff\x00\xff", False),
        ("palette4_12x12", noise(12, 12, 1, 16), 4, 3, palette[:48], None, False),
        ("rgb16_trns_19x13", rgb16, 16, 2, None, struct.pack(">HHH", 0x1004, 0x2005, 0x3006), False),
        ("rgba16_10x8", rng.integers(0, 65536, size=(8, 10, 4)), 16, 6, None, None, False),
        ("rgb_1x1", noise(1, 1, 3), 8, 2, None, None, False),
    ]


def alpha_composite_table(path):
    """256x256 RGBA: every (colour, alpha) pair, colour = x in red (and 255 - x in green), alpha = y."""
    y, x = np.mgrid[0:256, 0:256]
    samples = np.stack([x, 255 - x, (x + y) & 255, y], axis=-1)
    write_png(path, samples, 8, 6)


# Output sizes (width, height) for the resampling vectors, per RGB source. They cover up- and
# downscaling, one axis only, 1-pixel edges, odd sizes and large downscale factors.
RESIZES = {
    "rgb_noise_37x23": [(1, 1), (1, 23), (37, 1), (74, 46), (100, 7), (13, 50), (5, 3), (36, 24), (37, 30),
                        (50, 23), (19, 12), (111, 69)],
    "rgb_smooth_128x96": [(3, 2), (7, 5), (140, 84), (56, 28), (127, 97), (64, 48), (33, 95), (255, 1)],
    "rgb_70x126": [(56, 112), (84, 140), (35, 63)],
    "rgba_29x31": [(56, 84), (28, 28), (58, 31)],
    "gray16_trns_23x11": [(46, 22), (11, 5)],
    "palette_trns_33x19": [(66, 38), (17, 9)],
    "rgb_1x1": [(3, 2), (1, 5)],
}


def resize_sweep(rng):
    """Pillow outputs for many random target sizes, recorded as CRC-32s of the RGB bytes.

    Pillow 13 runs the vertical pass first when the height loses more than twice as many
    pixels as the width, and the order changes results by a level or so; the sweep covers
    both orders and the boundary (exactly twice, which stays horizontal first)."""
    cases = []
    for name in ("rgb_noise_37x23", "rgb_smooth_128x96", "rgba_29x31"):
        rgb = Image.open(os.path.join(OUT, f"rgb/{name}.png"))
        W, H = rgb.size
        sizes = [(W - 4, H - 8), (W - 4, H - 9), (W - 1, H - 2), (W - 1, H - 3), (W + 5, H - 1), (W, H - 1)]
        sizes += [(int(rng.integers(1, 2 * W)), int(rng.integers(1, 2 * H))) for _ in range(120)]
        for w, h in sizes:
            out = np.ascontiguousarray(np.array(rgb.resize((w, h), Image.Resampling.BICUBIC)))
            vertical_first = (H - h) > 0 and (H - h) > 2 * (W - w)
            cases.append({"rgb": f"rgb/{name}.png", "width": w, "height": h, "crc32": zlib.crc32(out.tobytes()),
                          "vertical_first": bool(vertical_first)})
    return cases


def smart_resize_cases(rng):
    cases = [
        (126, 70, 28, 3136, 12544), (70, 126, 28, 3136, 12544), (42, 42, 28, 3136, 12845056),
        (14, 14, 28, 3136, 12845056), (98, 98, 28, 3136, 12544), (56, 56, 28, 3136, 12544),
        (112, 84, 28, 3136, 12544), (768, 1024, 28, 3136, 12845056), (1, 200, 28, 3136, 12544),
        (1, 201, 28, 3136, 12544), (5000, 25, 28, 3136, 12544), (4000, 3000, 28, 3136, 1003520),
        (10, 10, 14, 0, 1000), (33, 47, 14, 196, 784), (1000, 999, 28, 3136, 3136),
    ]
    for _ in range(150):
        h, w = (int(v) for v in rng.integers(1, 4000, size=2))
        factor = int(rng.choice([14, 28, 56]))
        lo = int(rng.choice([0, 3136, 200704]))
        hi = int(rng.choice([12544, 1003520, 12845056]))
        cases.append((h, w, factor, lo, hi))
    out = []
    for h, w, factor, lo, hi in cases:
        try:
            rh, rw = smart_resize(h, w, factor, lo, hi)
            result = {"resized_height": rh, "resized_width": rw}
        except ValueError:
            result = {"error": "aspect ratio"}
        if transformers is not None:
            try:
                assert list(hf_smart_resize(h, w, factor, lo, hi)) == [result["resized_height"], result["resized_width"]]
            except ValueError:
                assert "error" in result
        out.append({"height": h, "width": w, "factor": factor, "min_pixels": lo, "max_pixels": hi, **result})
    return out


def main():
    rng = np.random.default_rng(20250611)
    shutil.rmtree(OUT, ignore_errors=True)
    for sub in ("sources", "rgb", "resized", "configs"):
        os.makedirs(os.path.join(OUT, sub))
    index = {"pillow": PIL.__version__, "numpy": np.__version__,
             "transformers": transformers.__version__ if transformers else None,
             "sources": [], "resizes": []}

    for name, samples, depth, color_type, palette, trns, interlace in make_sources(rng):
        source = f"sources/{name}.png"
        write_png(os.path.join(OUT, source), samples, depth, color_type, palette, trns, interlace)
        image = Image.open(os.path.join(OUT, source))
        rgb = convert_to_rgb(image)
        if transformers is not None:
            assert np.array_equal(np.array(rgb), hf_convert_to_rgb(Image.open(os.path.join(OUT, source)),
                                                                   return_numpy=True)), name
        rgb.save(os.path.join(OUT, f"rgb/{name}.png"))
        index["sources"].append({"name": name, "file": source, "rgb": f"rgb/{name}.png", "pillow_mode": image.mode,
                                 "width": image.width, "height": image.height, "bit_depth": depth,
                                 "color_type": color_type, "has_trns": trns is not None, "interlaced": interlace})
        for width, height in RESIZES.get(name, []):
            out = f"resized/{name}_{width}x{height}.png"
            rgb.resize((width, height), Image.Resampling.BICUBIC).save(os.path.join(OUT, out))
            index["resizes"].append({"rgb": f"rgb/{name}.png", "width": width, "height": height, "file": out})

    alpha_composite_table(os.path.join(OUT, "sources/alpha_table_256x256.png"))
    rgb = convert_to_rgb(Image.open(os.path.join(OUT, "sources/alpha_table_256x256.png")))
    rgb.save(os.path.join(OUT, "rgb/alpha_table_256x256.png"))
    index["alpha_table"] = {"file": "sources/alpha_table_256x256.png", "rgb": "rgb/alpha_table_256x256.png"}

    index["smart_resize"] = smart_resize_cases(rng)
    index["resize_sweep"] = resize_sweep(rng)

    with open(os.path.join(FIXTURE, "preprocessor_config.json")) as f:
        tiny = json.load(f)
    configs = {
        "tiny": tiny,
        "max_branch": {**tiny, "min_pixels": 784, "max_pixels": 3136},
        "patch7_t3_no_normalize": {**tiny, "patch_size": 7, "temporal_patch_size": 3, "do_normalize": False,
                                   "min_pixels": 1000, "max_pixels": 4000},
        "no_rescale": {**tiny, "do_rescale": False},
    }
    cases = [
        ("tiny", ["rgb_70x126", "rgba_29x31", "gray16_trns_23x11", "palette_trns_33x19", "rgb_smooth_128x96"]),
        ("tiny", ["rgb_interlaced_31x17", "la16_11x6", "rgb16_trns_19x13", "gray1_trns_13x7"]),
        ("max_branch", ["rgb_smooth_128x96", "rgb_noise_37x23"]),
        ("patch7_t3_no_normalize", ["rgba_29x31", "rgb_noise_37x23"]),
        ("no_rescale", ["gray_17x40"]),
    ]
    index["processor"] = []
    for config_name, names in cases:
        cfg_path = os.path.join(OUT, f"configs/{config_name}.json")
        with open(cfg_path, "w") as f:
            json.dump(configs[config_name], f, indent=1)
        files = [os.path.join(OUT, f"sources/{n}.png") for n in names]
        index["processor"].append({"config": f"configs/{config_name}.json",
                                   "images": [f"sources/{n}.png" for n in names],
                                   **processor_outputs(files, configs[config_name])})

    # The fixture's own images, recorded bit for bit (its reference_outputs.json has sums only).
    files = [os.path.join(FIXTURE, n) for n in ("image1.png", "image2.png")]
    index["fixture_qwen2vl_tiny"] = [
        {"images": [f"../qwen2vl-tiny/{os.path.basename(p)}"],
         **processor_outputs([p], tiny)}
        for p in files
    ] + [{"images": ["../qwen2vl-tiny/image1.png", "../qwen2vl-tiny/image2.png"],
          **processor_outputs(files, tiny)}]

    with open(os.path.join(OUT, "vectors.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(f"wrote {len(index['sources'])} sources, {len(index['resizes'])} resizes, "
          f"{len(index['resize_sweep'])} resize CRCs, {len(index['smart_resize'])} smart_resize cases, "
          f"{len(index['processor'])} processor cases "
          f"(transformers cross-check: {'yes' if transformers else 'no'})", file=sys.stderr)


if __name__ == "__main__":
    main()
