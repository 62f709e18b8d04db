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


def structure(pdf):
    """A tagged PDF's structure and XMP metadata, read with pikepdf: the structure types in
    document order, the table rows that pair a header cell with a data cell (a question and
    its answer), and the XMP title, language and authors."""
    import io

    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf))
    types, paired_rows = [], 0

    def elements(kids):
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]

    def walk(node):
        nonlocal paired_rows
        types.append(str(node.S))
        children = elements(node.get("/K", pikepdf.Array()))
        if str(node.S) == "/TR" and [str(c.S) for c in children] == ["/TH", "/TD"]:
            paired_rows += 1
        for child in children:
            walk(child)

    for top in elements(document.Root.StructTreeRoot.K):
        walk(top)
    meta = document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    dc = "{http://purl.org/dc/elements/1.1/}"
    return {
        "types": types,
        "question_rows": paired_rows,
        "title": meta.get(f"{dc}title"),
        "language": meta.get(f"{dc}language"),
        "authors": meta.get(f"{dc}creator"),
        "marked": bool(document.Root.MarkInfo.Marked),
    }


def page_texts(pdf):
    """The text of each page of a PDF (bytes): exactly as many as it has pages."""
    import io

    import pikepdf

    count = len(pikepdf.open(io.BytesIO(pdf)).pages)
    return (pdf_text(pdf).split("\f") + [""] * count)[:count]


def ends_with_a_blank_page(pdf):
    """Whether the last page holds nothing, or nothing the page before does not have too (the
    running header): what a page break after the last content, or content a hair too tall
    for the page, leaves at the end of a committee paper."""
    pages = [
        {line.strip() for line in text.splitlines() if line.strip()} for text in page_texts(pdf)
    ]
    before = pages[-2] if len(pages) > 1 else set()
    return not (pages[-1] - before)


def with_a_blank_page_added(pdf):
    """The PDF with an empty page after its last, to show a check can tell."""
    import io

    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf))
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
