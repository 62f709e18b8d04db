from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.policy import Policy

from .access import can_maintain_register, get_partnership_for_user, partnerships_for_user
from .filters import RegisterFilter

PAGE_SIZE = 25


def register_filter(request):
    """The register as this user asked for it: used by the list and by its exports."""
    policy = Policy.for_request(request)
    return RegisterFilter(request.GET, queryset=partnerships_for_user(request.user), policy=policy)


def register(request):
    filterset = register_filter(request)
    partnerships = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "partnerships/register.html",
        {
            "page": page,
            "filter": filterset,
            "form": filterset.form,
            "query": filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else "",
            "query_string": query_string.urlencode(),
            "page_links": page_links(page),
            "can_maintain": can_maintain_register(request.user),
        },
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
