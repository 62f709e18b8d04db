"""What the browser tests checked with axe, written where the accessibility statement reads it
(settings.ACCESSIBILITY_TEST_RESULTS; accounts.accessibility adds it up).

Each test's entry is replaced when that test runs again, so running one journey refreshes
that journey's figures and leaves the others as they last ran; a test that no longer exists
takes its figures with it. The file is committed with the code, as the last run left it.
"""

import fcntl
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ABOUT = (
    "Written by the browser tests (tests/browser/results.py): what each test checked with "
    "axe when it last ran. The accessibility statement cites these figures."
)


def page_address(url):
    """The page's path with each record's number as <id>, so that one page is one address
    whichever records a run happened to make."""
    return re.sub(r"/\d+(?=/|$)", "/<id>", urlsplit(url).path)


def _still_there(test_id, root):
    """Whether the test named by this pytest node id is still in its file."""
    path, _, name = test_id.partition("::")
    name = name.split("[")[0].split("::")[-1]
    file = root / path
    return file.exists() and re.search(rf"^\s*def {re.escape(name)}\(", file.read_text(), re.M)


def merge(path, ran, root):
    """Writes the tests that ran over what the file held; returns what was written.

    The suite's processes (pytest -n) each merge what they ran as they finish: the lock makes
    each read and write whole, so that no process writes over another's tests."""
    path = Path(path)
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            held = json.loads(path.read_text())["tests"]
        except (FileNotFoundError, KeyError, ValueError):
            held = {}
        tests = {**held, **ran}
        kept = [test_id for test_id in sorted(tests) if _still_there(test_id, root)]
        tests = {test_id: tests[test_id] for test_id in kept}
        path.write_text(_as_lines(tests))
    return tests


def _as_lines(tests):
    """JSON with a line for each page checked, so that a refreshed run reads well as a diff."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    written = []
    for test_id, test in tests.items():
        about = dump({name: value for name, value in test.items() if name != "pages"})
        pages = ",\n".join(f"    {dump(page)}" for page in test["pages"])
        written.append(f'  {dump(test_id)}: {about[:-1]}, "pages": [\n{pages}\n  ]}}')
    return f'{{\n "about": {dump(ABOUT)},\n "tests": {{\n' + ",\n".join(written) + "\n }\n}\n"


def entry(journey, javascript, passed, pages, axe_version=None):
    return {
        "journey": journey,
        "run_on": date.today().isoformat(),
        "javascript": javascript,
        "passed": passed,
        "axe_version": axe_version,
        "pages": pages,
    }
