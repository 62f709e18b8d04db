"""An officer representative's annual report as the committee's pack."""

from core.pdf import render_pdf

from .access import report_audience


def report_pdf_bytes(report, policy):
    """The report as the committee's pack. Renders without a request, so the sample command
    prints it the same way."""
    return render_pdf(
        "reviews/pdf/representative_report.html",
        {
            "policy": policy,
            "report": report,
            "partnership": report.partnership,
            "tier": policy.tier_label(report.partnership.tier),
            "audience": report_audience(policy, report.partnership),
        },
    )
