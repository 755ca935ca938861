"""Our QR encoder (docs/assets/javascripts/qr-code.js, issue 27) makes standard symbols: bit for bit
what an independent encoder (the Python qrcode package) makes at every version, level and mask, the
smallest version that holds the data, and symbols a real decoder (zxing-cpp) reads back exactly.
Runs the encoder in Chromium on a blank page; needs no built site."""

from __future__ import annotations

import random

import pytest

from tests import qr_tools


@pytest.fixture(scope="module")
def qr_page(browser):
    context, page = qr_tools.encoder_page(browser)
    yield page
    context.close()


def full_payload(rng: random.Random, version: int, ecl: str) -> bytes:
    """Random bytes filling the symbol, less up to 4 (so padding codewords are exercised too)."""
    capacity = qr_tools.byte_capacity(version, ecl)
    return bytes(rng.randrange(256) for _ in range(rng.randint(max(0, capacity - 4), capacity)))


def test_every_version_and_level_matches_the_reference_encoder(qr_page):
    """160 symbols (versions 1-40 x levels L, M, Q, H), each nearly full, each mask in turn."""
    rng = random.Random(27)
    mismatched = []
    for version in range(1, 41):
        for ecl in qr_tools.LEVELS:
            mask = (version + qr_tools.LEVELS.index(ecl)) % 8
            data = full_payload(rng, version, ecl)
            got = qr_tools.ours(qr_page, data, ecl=ecl, version=version, mask=mask)
            diff = qr_tools.differences(got["rows"], qr_tools.reference(data, version, ecl, mask))
            if diff or got["version"] != version:
                mismatched.append(f"version {version} {ecl} mask {mask}: {len(diff)} modules differ, first {diff[:3]}")
    assert not mismatched, "qr-code.js differs from the reference encoder:\n" + "\n".join(mismatched)


@pytest.mark.parametrize("version", [1, 7, 10, 27])   # format only; version information (7+); 16-bit counts; many blocks
def test_every_mask_matches_the_reference_encoder(qr_page, version):
    rng = random.Random(version)
    for mask in range(8):
        data = full_payload(rng, version, "M")
        got = qr_tools.ours(qr_page, data, ecl="M", version=version, mask=mask)
        assert qr_tools.differences(got["rows"], qr_tools.reference(data, version, "M", mask)) == [], (version, mask)


@pytest.mark.parametrize("length", [0, 1, 14, 15, 16, 100, 213, 214, 1000, 2331])
def test_picks_the_smallest_version_that_holds_the_data(qr_page, length):
    """14/15 and 213/214 bytes sit either side of a version boundary at level M."""
    data = b"a" * length
    got = qr_tools.ours(qr_page, data, ecl="M")
    expected = next(v for v in range(1, 41) if qr_tools.byte_capacity(v, "M") >= length)
    assert got["version"] == expected, (length, got["version"], expected)


def test_too_long_is_an_error_not_a_bad_symbol(qr_page):
    too_long = qr_tools.byte_capacity(40, "M") + 1
    message = qr_page.evaluate(
        "n => { try { window.medrefQr.encode('a'.repeat(n), {ecl: 'M'}); return 'no error'; } "
        "catch (e) { return e.name + ': ' + e.message; } }", too_long)
    assert message == f"RangeError: too long for a QR code: {too_long} bytes"


LINKS = [
    "https://example.org/handouts/after-your-procedure/",
    "https://example.org/handouts/after-your-procedure/#v=1&w=2026-12-06&p=kp&l=T12%2CL1&d=2026-12-04&a=sed"
    "&pd=01184960000&pdw=Ward+7%2C+8am+to+6pm&m1=Apixaban&r1=2026-12-07&n1=evening+dose",
    "file:///home/ward/vertebroplasty-kyphoplasty/handouts/after-your-procedure.html#v=1&o=" + "x%3Cscript%3E" * 60,
    "Caf\u00e9 \u00a3 \u2014 \u201cquotes\u201d \U0001f3e5",   # UTF-8 bytes of several lengths
]


@pytest.mark.parametrize("text", LINKS, ids=["plain", "handout", "long", "utf-8"])
def test_a_real_decoder_reads_back_exactly_what_was_encoded(qr_page, text):
    """With the mask our encoder chooses, zxing-cpp reads the same bytes."""
    data = text.encode("utf-8")
    got = qr_tools.ours(qr_page, data)
    assert qr_tools.decode(qr_tools.picture(got["rows"])) == [data], (got["version"], got["mask"])


def test_random_payloads_decode_at_every_level(qr_page):
    rng = random.Random(6)
    failures = []
    for round_ in range(24):
        ecl = qr_tools.LEVELS[round_ % 4]
        data = bytes(rng.randrange(32, 127) for _ in range(rng.randint(1, 900)))
        got = qr_tools.ours(qr_page, data, ecl=ecl)
        if qr_tools.decode(qr_tools.picture(got["rows"], scale=2)) != [data]:
            failures.append(f"{len(data)} bytes, {ecl}, version {got['version']}, mask {got['mask']}")
    assert not failures, failures


# ------------------------------------------------------------------ the checks can fail

def test_comparison_reports_a_single_wrong_module(qr_page):
    data = b"https://example.org/"
    rows = qr_tools.ours(qr_page, data, ecl="M", version=2, mask=3)["rows"]
    broken = rows[:]
    broken[8] = broken[8][:2] + ("0" if broken[8][2] == "1" else "1") + broken[8][3:]   # a format bit
    assert qr_tools.differences(broken, qr_tools.reference(data, 2, "M", 3)) == [(2, 8)]


def test_decoder_rejects_a_damaged_symbol(qr_page):
    """Beyond what error correction repairs (a block of data modules inverted) nothing is read, so a
    passing decode means the symbol really is readable."""
    rows = qr_tools.ours(qr_page, b"https://example.org/handouts/", ecl="L", version=3)["rows"]
    damaged = [row[:9] + "".join("1" if c == "0" else "0" for c in row[9:-9]) + row[-9:] if 9 <= y < len(rows) - 9 else row
               for y, row in enumerate(rows)]
    assert qr_tools.decode(qr_tools.picture(damaged)) == []
