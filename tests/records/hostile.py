"""Hostile and damaged PDFs, built in memory by the tests (none is stored in the repository).

``build_pdf`` writes a PDF from numbered object bodies with a correct cross-reference table, so a
file is hostile only in the way it means to be.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def build_pdf(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF holding ``objects`` (number → body), with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, filters: bytes = b"") -> bytes:
    extra = b" /Filter " + filters if filters else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(lines_per_page: list[list[str]]) -> bytes:
    """A plain PDF whose pages show the given lines (Helvetica, uncompressed)."""
    objects: dict[int, bytes] = {3: FONT}
    kids = []
    number = 4
    for lines in lines_per_page:
        ops = [b"BT /F1 11 Tf 60 780 Td 14 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + escaped.encode("latin-1") + b") '")
        ops.append(b"ET")
        objects[number + 1] = _stream(b"\n".join(ops))
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (number + 1)
        )
        kids.append(b"%d 0 R" % number)
        number += 2
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return build_pdf(objects)


def many_pages(count: int, marker: str) -> bytes:
    """A ``count``-page PDF; every page says its number and ``marker``."""
    return text_pdf(
        [[f"{marker} page {n} of {count}", "Result within range."] for n in range(1, count + 1)]
    )


def deflate_zeros(total: int, block: int = 1024 * 1024) -> bytes:
    """A zlib stream of ``total`` zero bytes (a multiple of ``block``), made without ever
    deflating them: after a full flush, every block of zeros compresses to the same bytes, and
    the Adler-32 checksum of zeros has a closed form."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate; the zlib framing is added
    zeros = bytes(block)
    piece = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH) == piece
    end = packer.flush(zlib.Z_FINISH)
    adler = ((total % 65521) << 16) | 1  # a stays 1, b grows by 1 per zero byte
    return b"\x78\xda" + piece * (total // block) + end + adler.to_bytes(4, "big")


def decompression_bomb(inflated_bytes: int = 8 * 1024**3) -> bytes:
    """A one-page PDF whose content stream is small in the file and inflates to
    ``inflated_bytes`` (8 GiB by default): deflated twice, so the file stays a few kilobytes."""
    twice = zlib.compress(deflate_zeros(inflated_bytes), 9)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: _stream(twice, b"[/FlateDecode /FlateDecode]"),
        5: FONT,
    }
    return build_pdf(objects)


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids (and a second node pointing back)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
    }
    return build_pdf(objects)


def deep_nesting(depth: int = 100_000) -> bytes:
    """Arrays nested ``depth`` deep, in the page's own dictionary and in its content stream."""
    nested = b"[" * depth + b"]" * depth
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep "
        + nested
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: _stream(b"BT /F1 11 Tf 60 780 Td (Deep) Tj ET " + nested),
        5: FONT,
    }
    return build_pdf(objects)


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def garbage(size: int = 64 * 1024, seed: int = 7) -> bytes:
    """Bytes that start like a PDF and then are noise (a fixed seed: the same every run)."""
    import random

    rng = random.Random(seed)
    return b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(size))


def scanned_pdf() -> bytes:
    """One page holding only an image: no text at all."""
    pixels = bytes(range(256)) * 64  # 128 x 128 grey
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        4: _stream(b"q 400 0 0 400 100 300 cm /Im1 Do Q"),
        5: b"<< /Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
    }
    return build_pdf(objects)


def iter_hostile() -> Iterator[tuple[str, bytes]]:
    yield "page tree loop", page_tree_loop()
    yield "deep nesting", deep_nesting()
    yield "garbage", garbage()
