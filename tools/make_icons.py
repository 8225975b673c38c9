#!/usr/bin/env python3
"""Draw the toolbar icons (an open book; grey when off, blue when reader mode is on)
as PNGs with the standard library only. Run once; the PNGs are committed."""
import os, struct, zlib

def png(size, rgb):
    px = []
    for y in range(size):
        row = []
        for x in range(size):
            u, v = (x + 0.5) / size, (y + 0.5) / size
            a = 0
            # two pages with a spine gap, rounded by a margin
            if 0.12 < v < 0.86 and (0.08 < u < 0.47 or 0.53 < u < 0.92):
                a = 255
                # text lines cut into the pages
                if size >= 32 and 0.26 < v < 0.74 and ((v - 0.26) * 10) % 1.2 < 0.45 and (0.16 < u < 0.41 or 0.59 < u < 0.84):
                    a = 0
            row += [*rgb, a]
        px.append(bytes([0] + row))
    raw = zlib.compress(b"".join(px), 9)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extension", "icons")
for name, rgb in (("off", (90, 90, 90)), ("on", (26, 115, 232))):
    for s in (16, 32, 48, 128):
        with open(os.path.join(out, f"{name}-{s}.png"), "wb") as f:
            f.write(png(s, rgb))
