"""A spot check as a PDF (V6): the independent assessment for SMT, with everything needed
to draw the sample again and to follow the findings up."""

from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from core.pdf import pdf_filename, pdf_response, render_pdf

from .access import get_spot_check_for_user
from .views import describe_filters, spot_check_parts


def spot_check_pdf_context(spot_check, policy):
    """Everything the PDF shows. Needs no request, so that a script can print it."""
    sampled, findings = spot_check_parts(spot_check)
    return {
        "policy": policy,
        "spot_check": spot_check,
        "filters": describe_filters(spot_check.filters, policy),
        "sampled": sampled,
        "findings": findings,
        "today": timezone.localdate(),
        # Until it is completed, what it says may still change.
        "watermark": "" if spot_check.is_completed else "DRAFT",
    }


def spot_check_pdf_bytes(spot_check, policy):
    return render_pdf("audits/pdf/spot_check.html", spot_check_pdf_context(spot_check, policy))


@require_safe
def spot_check_pdf(request, pk):
    spot_check = get_spot_check_for_user(request, pk)
    policy = Policy.for_request(request)
    name = pdf_filename(policy.council_name, "internal audit spot check", spot_check.title)
    return pdf_response(spot_check_pdf_bytes(spot_check, policy), name)
