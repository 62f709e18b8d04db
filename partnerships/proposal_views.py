"""Proposing a partnership as GOV.UK question pages (P1)."""

from django.shortcuts import get_object_or_404, render

from .proposals import Proposal


def proposal(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("partnership"), pk=pk)
    return render(request, "partnerships/proposal.html", {"proposal": proposal})
