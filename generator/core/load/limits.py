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

#: An SVG published from docs/ or next to the ADRs larger than this is refused: it is
#: parsed and rebuilt in memory by the sanitiser (about 20 bytes of memory per byte of
#: SVG, 2.5 s of CPU for 35 MB), and a drawing for a page is a few hundred kilobytes.
MAX_SVG_BYTES = 5 * MB

#: A Markdown heading line longer than this refuses the file (FILE009): headings are
#: rendered for their anchors, in time that grows with the square of their length.
MAX_HEADING_CHARS = 500

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

#: A zip member of a workbook larger than 1 MB may be at most this many times larger
#: unzipped than zipped (SHEET009). Real sheets compress 10 to 30 times; a zip bomb
#: of repeated empty cells compresses a thousand times.
MAX_COMPRESSION_RATIO = 200

#: One cell (of a workbook or a CSV file) may hold at most this many characters:
#: Excel's own limit per cell (SHEET012). Shared strings count at each cell using them.
MAX_CELL_CHARS = 32_767

#: All the cells of one workbook together may hold at most this many characters,
#: a shared string counted once per cell that references it: calamine copies it into
#: every cell, so one long string used a million times would need gigabytes
#: (SHEET012). A catalogue of 800,000 column rows holds about 70 million.
MAX_WORKBOOK_TEXT_CHARS = 100_000_000

#: A catalogue CSV file may have at most this many columns in a row (Excel's own
#: limit, column XFD) (SHEET013).
MAX_CSV_COLUMNS = 16_384

#: A catalogue CSV file may have at most this many records (Excel's own limit)
#: (SHEET013).
MAX_CSV_ROWS = 1_048_576

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
