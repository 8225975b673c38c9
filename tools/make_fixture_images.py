#!/usr/bin/env python3
"""Draw the fixture images (a logo, two landscape "photos") as PNGs with the
standard library only, so the fixtures show real images. Run once; committed."""
import math, os, struct, zlib

def png(w, h, pixel):
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            row += bytes(pixel(x / w, y / h))
        rows.append(bytes(row))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))

def glacier(u, v):
    ridge = 0.35 + 0.12 * math.sin(u * 9) + 0.05 * math.sin(u * 23)
    if v < ridge:  # sky
        return (150 + int(80 * v), 190 + int(50 * v), 235)
    ice = 0.55 + 0.1 * math.sin(u * 4 + 1)
    if v < ice and abs(u - 0.5) < 0.3 * (v - ridge + 0.1) * 3:
        return (235, 242, 250)
    return (95 + int(40 * u), 90 + int(30 * v), 85)

def river(u, v):
    if v < 0.4:
        return (170, 180, 190)
    bank = 0.6 + 0.08 * math.sin(u * 6)
    if abs(v - bank) < 0.06:
        return (120, 110, 90)
    if v > bank:
        return (70, 110, 60)
    return (90, 110, 130)

def logo(u, v):
    if 0.15 < v < 0.85 and (0.03 < u < 0.1 or (0.1 < u < 0.18 and 0.65 < v < 0.85)):
        return (255, 200, 40)
    return (0, 51, 102)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "assets")
for name, (w, h, f) in {"glacier.png": (480, 270, glacier), "river.png": (480, 270, river), "logo.png": (300, 50, logo)}.items():
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(png(w, h, f))
