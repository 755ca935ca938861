"""Helpers for checking QR codes in tests: run our encoder (docs/assets/javascripts/qr-code.js) in
Chromium, build the same symbol with an independent encoder (the Python qrcode package), decode a
picture with a real decoder (zxing-cpp), and read a Chromium screenshot (PNG) into grey pixels.
Standard library plus those two test packages; no image library."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENCODER = ROOT / "docs" / "assets" / "javascripts" / "qr-code.js"
LEVELS = "LMQH"


def encoder_page(browser):
    """A blank page with our encoder loaded (window.medrefQr); close its context when done."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang=en><title>qr</title><body></body></html>")
    page.add_script_tag(path=str(ENCODER))
    return context, page


def ours(page, data: bytes, **options) -> dict:
    """Our encoder's symbol for `data`: {version, size, ecl, mask, rows: ["0101...", ...]}."""
    return page.evaluate(
        """([bytes, options]) => { const q = window.medrefQr.encode(new Uint8Array(bytes), options);
             return {version: q.version, size: q.size, ecl: q.ecl, mask: q.mask,
                     rows: q.modules.map(r => r.map(b => b ? "1" : "0").join(""))}; }""",
        [list(data), options])


def reference(data: bytes, version: int | None, ecl: str, mask: int | None) -> list[str]:
    """The same symbol from the Python qrcode package (byte mode forced, no quiet zone)."""
    import qrcode
    from qrcode import constants
    from qrcode.util import MODE_8BIT_BYTE, QRData

    level = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
             "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[ecl]
    code = qrcode.QRCode(version=version, error_correction=level, mask_pattern=mask, border=0)
    code.add_data(QRData(data, mode=MODE_8BIT_BYTE))
    code.make(fit=version is None)
    return ["".join("1" if dark else "0" for dark in row) for row in code.modules]


def byte_capacity(version: int, ecl: str) -> int:
    """The most bytes a symbol holds in byte mode (the reference package's block table)."""
    import qrcode.base
    from qrcode import constants

    level = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
             "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[ecl]
    codewords = sum(block.data_count for block in qrcode.base.rs_blocks(version, level))
    return codewords - (2 if version <= 9 else 3)   # mode and count: 12 bits, or 20 from version 10


def differences(rows: list[str], expected: list[str]) -> list[tuple[int, int]]:
    """(x, y) of every module that differs; a size mismatch counts every row."""
    if len(rows) != len(expected):
        return [(0, y) for y in range(max(len(rows), len(expected)))]
    return [(x, y) for y, (a, b) in enumerate(zip(rows, expected)) for x, (p, q) in enumerate(zip(a, b)) if p != q]


def picture(rows: list[str], scale: int = 4, border: int = 4) -> memoryview:
    """Grey pixels (0 dark, 255 light) of a symbol with its quiet zone, shaped (height, width)."""
    size = (len(rows) + 2 * border) * scale
    out = bytearray([255]) * (size * size)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark == "1":
                for dy in range(scale):
                    start = ((y + border) * scale + dy) * size + (x + border) * scale
                    out[start:start + scale] = bytes(scale)
    return memoryview(bytes(out)).cast("B", (size, size))


def decode(pixels: memoryview) -> list[bytes]:
    """What zxing-cpp reads from grey pixels: the raw bytes of every QR code it finds."""
    import zxingcpp

    return [bytes(found.bytes) for found in zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)]


def png_grey(png: bytes) -> memoryview:
    """A Chromium screenshot (8-bit RGB or RGBA PNG, not interlaced) as grey pixels (height, width)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    grey = bytearray(width * height)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            corner = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        for x in range(width):
            r, g, b = line[x * channels:x * channels + 3]
            grey[y * width + x] = (r * 299 + g * 587 + b * 114) // 1000
        prev = line
    return memoryview(bytes(grey)).cast("B", (height, width))
