"""Small, valid record files for the demo vault, made at run time: text PDFs (pypdf) and PNG
images (zlib + struct, drawn with a built-in 5×7 pixel font). Every file says on its face that it
is demo data. Output is byte-for-byte the same on every run."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

#: The first line of every demo document.
DEMO_BANNER = "DEMO — invented for trying Case Organizer. Not a real medical document."

_A4 = (595, 842)
_MARGIN = 56
_LEADING = 16


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding, with its special characters escaped."""
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def demo_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A one-page PDF headed "DEMO — ``title``", then the demo banner and ``lines`` of text."""
    width, height = _A4
    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)
    fonts = DictionaryObject()
    for key, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold")):
        fonts[NameObject(key)] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
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
    content = ContentStream(None, None)
    content.set_data(b"\n".join(parts))
    page.replace_contents(content)
    writer.add_metadata({"/Title": f"DEMO — {title}", "/Subject": DEMO_BANNER})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
            _chunk(b"IDAT", zlib.compress(raw, 9)),
            _chunk(b"IEND", b""),
        ]
    )
