"""Reference resizes with Pillow (Debian's python3-pil), as the FastVLM training pipeline does them.

Usage: pillow-resize.py JOBS.json
Each job: {"raw": RGB bytes, "width", "height", "size": S, "mode": "pad" | "crop", "background": [r, g, b], "out": path}.
  pad:  LLaVA's expand2square onto the background colour, then resize to S x S with BICUBIC.
  crop: CLIPImageProcessor's shortest-edge resize to S with BICUBIC, then the centre S x S crop.
Writes S x S x 3 RGB bytes to "out" and prints the Pillow version.
"""
import json
import sys

import PIL
from PIL import Image


def expand2square(image, background):
    width, height = image.size
    if width == height:
        return image
    side = max(width, height)
    canvas = Image.new(image.mode, (side, side), background)
    canvas.paste(image, ((side - width) // 2, (side - height) // 2))
    return canvas


def shortest_edge_crop(image, size):
    width, height = image.size
    short, long = (width, height) if width <= height else (height, width)
    new_long = int(size * long / short)
    new_size = (size, new_long) if width <= height else (new_long, size)
    resized = image.resize(new_size, Image.BICUBIC)
    left = (resized.width - size) // 2
    top = (resized.height - size) // 2
    return resized.crop((left, top, left + size, top + size))


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    for job in jobs:
        with open(job["raw"], "rb") as f:
            image = Image.frombytes("RGB", (job["width"], job["height"]), f.read())
        size = job["size"]
        if job["mode"] == "pad":
            result = expand2square(image, tuple(job["background"])).resize((size, size), Image.BICUBIC)
        elif job["mode"] == "crop":
            result = shortest_edge_crop(image, size)
        else:
            raise ValueError(f"unknown mode {job['mode']!r}")
        with open(job["out"], "wb") as f:
            f.write(result.tobytes())
    print(PIL.__version__)


if __name__ == "__main__":
    main()
