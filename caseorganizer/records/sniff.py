"""What kind of file a record is, from its first bytes (never from its name alone)."""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
OCTET = "application/octet-stream"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)


def media_type(data: bytes) -> str:
    """The media type of a record's bytes; a PDF may have up to 1 KiB of junk before its header."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"%PDF-" in data[:1024]:
        return PDF
    return OCTET
