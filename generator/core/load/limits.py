"""Size limits checked before any parsing, so a huge or hostile file is refused
in bounded time and memory (a ``stat`` and, for workbooks, the zip directory).

The numbers are generous for real content: the largest hand-written Markdown
page we have seen is a few hundred kilobytes, and a catalogue workbook of
200,000 column rows is about 6 MB.
"""

from __future__ import annotations

MB = 1024 * 1024

#: A Markdown file (WID, ADR or docs page) larger than this is refused (FILE004).
MAX_MARKDOWN_BYTES = 5 * MB

#: An .xlsx workbook larger than this on disk is refused (SHEET009).
MAX_WORKBOOK_BYTES = 50 * MB

#: The parts of a workbook may expand to at most this many bytes when unzipped
#: (a zip bomb is refused before calamine inflates it) (SHEET009).
MAX_WORKBOOK_UNZIPPED_BYTES = 1024 * MB

#: A catalogue sheet may span at most this many cells (rows × columns from A1 to
#: the farthest cell): calamine allocates the whole rectangle (about 1 GB for 30
#: million cells), so a stray value in XFD1048576 would otherwise exhaust memory
#: and abort the process (SHEET009). Any sheet within columns A..Z fits, up to
#: Excel's 1,048,576 rows.
MAX_SHEET_CELLS = 30_000_000

#: A catalogue .csv file larger than this is refused (SHEET009).
MAX_CSV_BYTES = 50 * MB

#: At most this many diagnostics of one code are reported per sheet; the rest are
#: summed up in one final diagnostic, so a workbook full of formulas stays readable.
MAX_FINDINGS_PER_SHEET = 20


def human_size(size: int) -> str:
    """Bytes as people read them in a message: 5.0 MB, 812 KB, 12 bytes."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"
