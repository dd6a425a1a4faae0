"""Small, valid record files for the demo vault, made at run time: text PDFs (written by hand,
below) and PNG images (zlib + struct, drawn with a built-in 5×7 pixel font). Every file says on
its face that it is demo data. Output is byte-for-byte the same on every run.

The PDFs are written here rather than with pypdf: a one-page PDF of text in a standard font is a
few fixed objects and a table of their offsets, while importing pypdf (and the cryptography
package it loads) would cost the "Try the demo" button some 60 ms. The tests open every demo PDF
with pypdf and with QtPdf and compare the text with what the pypdf-made PDF gave."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

#: The first line of every demo document.
DEMO_BANNER = "DEMO — invented for trying Case Organizer. Not a real medical document."

_A4 = (595, 842)
_MARGIN = 56
_LEADING = 16


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding, with its special characters escaped."""
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _info_text(text: str) -> bytes:
    """A PDF text string for the document information: UTF-16BE with its byte order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF 1.4 file of ``objects`` (numbered from 1; the first is the catalog and the last the
    document information), with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # the comment marks the file as binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def demo_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF headed "DEMO — ``title``", then the demo banner and ``lines`` of text,
    in Helvetica (the standard Type 1 fonts every PDF reader has, so nothing is embedded)."""
    width, height = _A4
    top = height - _MARGIN
    parts = [
        b"BT",
        f"/F2 16 Tf {_MARGIN} {top} Td {_LEADING + 6} TL".encode(),
        b"(" + _pdf_text(f"DEMO — {title}") + b") Tj T*",
        f"/F2 11 Tf {_LEADING} TL".encode(),
        b"(" + _pdf_text(DEMO_BANNER) + b") Tj T* T*",
        b"/F1 11 Tf",
    ]
    parts.extend(b"(" + _pdf_text(line) + b") Tj T*" for line in lines)
    parts.append(b"ET")
    content = b"\n".join(parts)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
            % (width, height),
            font % b"Helvetica",
            font % b"Helvetica-Bold",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Title %s /Subject %s /Producer (Case Organizer demo) >>"
            % (_info_text(f"DEMO — {title}"), _info_text(DEMO_BANNER)),
        ]
    )


# --- PNG ---------------------------------------------------------------------------------------

# Each glyph: seven rows of five pixels, "#" for ink.
_GLYPHS: dict[str, str] = {
    "A": ".###. #...# #...# ##### #...# #...# #...#",
    "B": "####. #...# #...# ####. #...# #...# ####.",
    "C": ".###. #...# #.... #.... #.... #...# .###.",
    "D": "####. #...# #...# #...# #...# #...# ####.",
    "E": "##### #.... #.... ####. #.... #.... #####",
    "F": "##### #.... #.... ####. #.... #.... #....",
    "G": ".###. #...# #.... #.### #...# #...# .####",
    "H": "#...# #...# #...# ##### #...# #...# #...#",
    "I": ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
    "J": "..### ...#. ...#. ...#. ...#. #..#. .##..",
    "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    "L": "#.... #.... #.... #.... #.... #.... #####",
    "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
    "O": ".###. #...# #...# #...# #...# #...# .###.",
    "P": "####. #...# #...# ####. #.... #.... #....",
    "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
    "R": "####. #...# #...# ####. #.#.. #..#. #...#",
    "S": ".#### #.... #.... .###. ....# ....# ####.",
    "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    "U": "#...# #...# #...# #...# #...# #...# .###.",
    "V": "#...# #...# #...# #...# #...# .#.#. ..#..",
    "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    "Z": "##### ....# ...#. ..#.. .#... #.... #####",
    "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
    "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    "-": "..... ..... ..... ##### ..... ..... .....",
    ".": "..... ..... ..... ..... ..... .##.. .##..",
    ",": "..... ..... ..... ..... .##.. ..#.. .#...",
    ":": "..... .##.. .##.. ..... .##.. .##.. .....",
    "/": "..... ....# ...#. ..#.. .#... #.... .....",
    "(": "...#. ..#.. .#... .#... .#... ..#.. ...#.",
    ")": ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
    "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
    " ": "..... ..... ..... ..... ..... ..... .....",
}
_ROWS = {char: pattern.split() for char, pattern in _GLYPHS.items()}
_CELL_W, _CELL_H = 6, 9  # a glyph with one pixel of space beside it and two below


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def demo_png(lines: Sequence[str], scale: int = 2, dark: bool = False) -> bytes:
    """An 8-bit greyscale PNG showing ``lines`` (upper-cased; letters, digits and a little
    punctuation) in a pixel font, dark on light (or light on dark, like an X-ray)."""
    text = [line.upper() for line in lines]
    columns = max(len(line) for line in text)
    pad = 4 * scale
    width = columns * _CELL_W * scale + 2 * pad
    height = len(text) * _CELL_H * scale + 2 * pad
    paper, ink = (24, 235) if dark else (250, 20)
    pixels = [bytearray([paper]) * width for _ in range(height)]
    for row_index, line in enumerate(text):
        top = pad + row_index * _CELL_H * scale
        for col_index, char in enumerate(line):
            left = pad + col_index * _CELL_W * scale
            for y, bits in enumerate(_ROWS.get(char, _ROWS[" "])):
                for x, bit in enumerate(bits):
                    if bit != "#":
                        continue
                    for dy in range(scale):
                        start = left + x * scale
                        pixels[top + y * scale + dy][start : start + scale] = bytes([ink]) * scale
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"tEXt", b"Title\x00DEMO image"),
            _chunk(b"tEXt", b"Comment\x00" + DEMO_BANNER.replace("—", "-").encode("latin-1")),
            _chunk(b"IDAT", zlib.compress(raw)),  # the default level: level 9 took 5 ms more
            _chunk(b"IEND", b""),
        ]
    )
