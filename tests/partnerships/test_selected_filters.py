"""The register's filters in force are shown as tags that each remove one (MoJ "filter a
list"); inbox tags have one colour per kind of task."""

import re

from accounts.inbox import TAG_COLOURS, Task


def test_it_shows_each_filter_in_force_as_a_tag_that_removes_it(signed_in, keeper):
    page = (
        signed_in(keeper)
        .get("/register/?q=waste&kind=partnership&statutory=yes&sort=name")
        .content.decode()
    )
    assert "Selected filters" in page
    tags = re.findall(r'<a class="app-filter-tag" href="([^"]*)">(.*?)</a>', page)
    shown = {re.sub(r"<[^>]+>", "", text): href.replace("&amp;", "&") for href, text in tags}
    assert set(shown) == {
        "Remove this filter: Search: waste",
        "Remove this filter: Kind of arrangement: Partnership",
        "Remove this filter: Statutory: Statutory",
    }
    assert shown["Remove this filter: Kind of arrangement: Partnership"] == (
        "/register/?q=waste&statutory=yes&sort=name"
    )


def test_it_shows_no_tags_for_the_default_view(signed_in, keeper):
    assert "Selected filters" not in signed_in(keeper).get("/register/").content.decode()


def test_distinct_kinds_of_task_have_distinct_tag_colours():
    apart = ["Overdue review", "Review due", "Audit action", "Decision", "Draft"]
    assert len({TAG_COLOURS[kind] for kind in apart}) == len(apart)
    assert Task(kind="Review due", title="", url="", since=None).colour == "yellow"
