"""Paging for every list page, as the GOV.UK pagination component draws it."""


def page_links(page):
    """The numbered links of the GOV.UK pagination component, with gaps as ellipses."""
    if page.paginator.num_pages <= 1:
        return []
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        links.append(
            {"ellipsis": True}
            if number == page.paginator.ELLIPSIS
            else {"number": number, "current": number == page.number}
        )
    return links
