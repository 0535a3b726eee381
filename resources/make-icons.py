#!/usr/bin/env python3
"""Regenerates the app icons in resources/ from resources/icon.svg.

Needs only python3 (standard library) and rsvg-convert (Debian: `apt-get install librsvg2-bin`). The generated
files are committed: neither the app nor packaging needs these tools. Run from the repo root:

    python3 resources/make-icons.py

Outputs
  resources/icons/<N>x<N>.png   N = 16 24 32 48 64 128 256 512 1024 (Linux icon set, electron-builder linux.icon)
  resources/icon.png            512x512 (window icon at runtime, electron-builder fallback)
  resources/icon.ico            16-256 px; sizes below 256 as 32-bit BMP with alpha, 256 as PNG (what NSIS and
                                Windows Explorer both read)
  resources/icon.icns           16-1024 px PNG entries (macOS 10.7+)
"""
import os
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SVG = os.path.join(HERE, 'icon.svg')
SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
# (type, pixel size) of PNG-encoded ICNS entries.
ICNS_ENTRIES = [
    (b'icp4', 16), (b'icp5', 32), (b'icp6', 64), (b'ic07', 128), (b'ic08', 256), (b'ic09', 512), (b'ic10', 1024),
    (b'ic11', 32), (b'ic12', 64), (b'ic13', 256), (b'ic14', 512),
]


def render(size: int) -> bytes:
    return subprocess.run(['rsvg-convert', '-w', str(size), '-h', str(size), SVG], check=True, capture_output=True).stdout


def decode_rgba(png: bytes):
    """Decodes a non-interlaced 8-bit RGBA PNG (what rsvg-convert writes) into rows of RGBA bytes."""
    assert png[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, width, height = 8, b'', 0, 0
    while pos < len(png):
        length, kind = struct.unpack('>I4s', png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, color, _, _, interlace = struct.unpack('>IIBBBBB', data)
            assert depth == 8 and color == 6 and interlace == 0, 'expected 8-bit RGBA, not interlaced'
        elif kind == b'IDAT':
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride, bpp, rows, prev = width * 4, 4, [], bytearray(width * 4)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def bmp_entry(png: bytes) -> bytes:
    """A 32-bit BGRA DIB with AND mask, as stored inside .ico files."""
    width, height, rows = decode_rgba(png)
    header = struct.pack('<IiiHHIIiiII', 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = bytearray()
    for row in reversed(rows):
        for x in range(width):
            r, g, b, a = row[x * 4:x * 4 + 4]
            pixels += bytes((b, g, r, a))
    mask_stride = ((width + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + bytes(pixels) + bytes(mask)


def write_ico(path: str, pngs: dict) -> None:
    images = [(size, pngs[size] if size >= 256 else bmp_entry(pngs[size])) for size in ICO_SIZES]
    offset = 6 + 16 * len(images)
    out = struct.pack('<HHH', 0, 1, len(images))
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack('<BBBBHHII', dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    out += b''.join(data for _, data in images)
    with open(path, 'wb') as f:
        f.write(out)


def write_icns(path: str, pngs: dict) -> None:
    body = b''.join(kind + struct.pack('>I', 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_ENTRIES)
    with open(path, 'wb') as f:
        f.write(b'icns' + struct.pack('>I', 8 + len(body)) + body)


def main() -> int:
    pngs = {size: render(size) for size in SIZES}
    os.makedirs(os.path.join(HERE, 'icons'), exist_ok=True)
    for size, data in pngs.items():
        with open(os.path.join(HERE, 'icons', f'{size}x{size}.png'), 'wb') as f:
            f.write(data)
    with open(os.path.join(HERE, 'icon.png'), 'wb') as f:
        f.write(pngs[512])
    write_ico(os.path.join(HERE, 'icon.ico'), pngs)
    write_icns(os.path.join(HERE, 'icon.icns'), pngs)
    print('icons written to', HERE)
    return 0


if __name__ == '__main__':
    sys.exit(main())
