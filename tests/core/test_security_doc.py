"""docs/security.md names, for each ASVS requirement, the test that shows it. The names must be
real: a test renamed or removed would leave the table citing evidence that no longer exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"


def asvs_rows(text):
    """Each table row that starts with an ASVS id (or a regulation), with its test column."""
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"(V\d|\(UK GDPR)", cells[0]):
            yield cells[0], cells[3]


def cited_tests(test_column):
    """(file, function or None) for each test the column cites; `::name` alone continues the
    file cited before it."""
    cited = []
    current = None
    for ref in re.findall(r"`([^`]+)`", test_column):
        path, _, name = ref.partition("::")
        if path.endswith(".py"):
            current = path
        elif path or not name or current is None:
            continue
        cited.append((current, name or None))
    return cited


def test_it_cites_a_test_for_every_requirement_or_says_why_not():
    rows = list(asvs_rows(DOC.read_text()))
    assert len(rows) > 30
    untested = [asvs for asvs, tests in rows if not cited_tests(tests) and "*" not in tests]
    unexplained = [
        asvs
        for asvs, tests in rows
        if asvs in untested and "not tested here" not in tests and "see [" not in tests
    ]
    assert not unexplained, unexplained


def missing_tests(text):
    missing = []
    for asvs, tests in asvs_rows(text):
        for path, name in cited_tests(tests):
            source = ROOT / "tests" / path
            if not source.exists():
                missing.append(f"{asvs}: {path}")
            elif name and not re.search(rf"def {re.escape(name)}\(", source.read_text()):
                missing.append(f"{asvs}: {path}::{name}")
    return missing


def test_every_cited_test_exists():
    assert not missing_tests(DOC.read_text())


def test_it_would_notice_a_test_or_file_that_is_not_there():
    rows = (
        "| V9.9.9 | x | y | `core/test_security_doc.py::test_every_cited_test_exists`,"
        " `::test_it_was_never_written` |\n"
        "| V9.9.8 | x | y | `core/test_nothing_here.py` |"
    )
    assert missing_tests(rows) == [
        "V9.9.9: core/test_security_doc.py::test_it_was_never_written",
        "V9.9.8: core/test_nothing_here.py",
    ]
