from django.core.paginator import Paginator
from django.shortcuts import render

from .access import get_partnership_for_user, partnerships_for_user

PAGE_SIZE = 25


def register(request):
    query = request.GET.get("q", "").strip()[:200]
    partnerships = partnerships_for_user(request.user).search(query).in_register_order()
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/register.html",
        {"page": page, "query": query, "page_links": page_links(page)},
    )


def detail(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return render(request, "partnerships/detail.html", {"partnership": partnership})


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
