"""Reading text files safely: size limit, binary, encoding, BOM and line endings.

Every text loader (Markdown, CSV) goes through ``read_text`` so a bad file gives
the same located diagnostic whatever its kind, and CRLF files behave exactly
like LF files (line numbers included).
"""

from __future__ import annotations

import re
from pathlib import Path

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.limits import human_size

#: Characters that change what a terminal, a CI log or an editor shows rather than
#: being shown: C0 and C1 controls (ESC starts colour, cursor, title and hyperlink
#: sequences; CR and BS overwrite; BEL rings), DEL, bidirectional-text controls
#: (U+202E shows 'invoice\u202emd.exe' as 'invoiceexe.md'), line and paragraph
#: separators, and lone surrogates (undecodable bytes of a file name).
UNSAFE_CHARACTER = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(
    file: Path, rel: str, *, max_bytes: int, size_code: str = "FILE004"
) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with LF line endings and no BOM, or ``None`` and an error.

    A UTF-8 byte-order mark is accepted and stripped, with a FILE006 warning
    (editors on Windows add it; MkDocs ignores it, but diff tools and some YAML
    readers show it as a stray character).
    """
    top = Location(rel, line=1, column=1)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return None, [
                diagnostic(
                    size_code,
                    Location(rel),
                    f"the file is {human_size(size)}, over the limit of "
                    f"{human_size(max_bytes)}; it was not read",
                )
            ]
        data = file.read_bytes()
    except OSError as error:
        return None, [diagnostic("FILE005", Location(rel), f"cannot read the file: {error}")]
    return decode_text(data, rel, top)


def decode_text(data: bytes, rel: str, top: Location) -> tuple[str | None, list[Diagnostic]]:
    """Bytes → normalised text, or ``None`` with FILE001/FILE002/FILE003."""
    found: list[Diagnostic] = []
    if data.startswith(_UTF16_BOMS):
        # Notepad's "Unicode" and Excel's "Unicode Text" save UTF-16: its NUL bytes
        # would otherwise be reported as a binary file, which misleads.
        return None, [
            diagnostic(
                "FILE001",
                top,
                "the file is saved as UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8",
            )
        ]
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return None, [
            diagnostic(
                "FILE002",
                _byte_location(data, offset, rel),
                f"the file holds NUL bytes (first at byte {offset}), so it is a binary "
                "file, not text",
            )
        ]
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        found.append(
            diagnostic("FILE006", top, "the file starts with a UTF-8 byte-order mark (BOM)")
        )
    if not data.strip():
        return None, [
            *found,
            diagnostic("FILE003", top, "the file is empty (or holds only white space)"),
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        return None, [
            *found,
            diagnostic(
                "FILE001",
                _byte_location(data, error.start, rel),
                f"the file is not valid UTF-8: byte 0x{bad} at byte offset {error.start} "
                f"({error.reason}); it was probably saved as Latin-1 or Windows-1252",
            ),
        ]
    return normalise_newlines(text), found


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so positions count lines the way editors do."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_location(data: bytes, offset: int, rel: str) -> Location:
    """Line and column (in characters, as far as the line decodes) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return Location(rel, line=line, column=len(prefix) + 1)
