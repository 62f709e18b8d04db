"""Reading PDFs back in tests, with poppler's pdftotext (Debian's poppler-utils)."""

import shutil
import subprocess


def pdf_text(pdf):
    """The text of a PDF (bytes), page by page in reading order, pages split by a form feed."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise RuntimeError("pdftotext is missing: install poppler-utils to test PDFs")
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode()


def words(text):
    """Text with every run of spaces and line breaks made one space, so that a phrase
    wrapped across lines of a table cell still matches."""
    return " ".join(text.split())
