"""The SMT summary pack and the Cabinet report as PDFs (A8, V4, V5). Both render without a
request, so the sample command and a background task can make them too."""

from accounts.policy import Policy
from core.pdf import pdf_filename, render_pdf

from .charts import bars
from .models import CabinetEntry


def summary_charts(summary):
    return {
        "status_chart": bars(summary.by_status),
        "kind_chart": bars(summary.by_kind),
        "tier_chart": bars(summary.by_tier),
        "service_chart": bars(summary.by_service),
        "feature_chart": bars(
            [(g["name"], g["percent"]) for g in summary.assessment_groups], maximum=100, unit="%"
        ),
    }


def smt_summary_pdf(summary):
    return render_pdf(
        "reports/pdf/smt_summary.html",
        {"policy": Policy.current(), "summary": summary, **summary_charts(summary)},
    )


def smt_summary_filename(policy, summary):
    return pdf_filename(policy.council_name, "smt-partnerships-summary", summary.year.label)


def cabinet_entries(report):
    return list(
        CabinetEntry.objects.filter(report=report).select_related(
            "partnership__lead_service", "partnership__lead_officer", "written_by"
        )
    )


def cabinet_report_pdf(report):
    return render_pdf(
        "reports/pdf/cabinet_report.html",
        {"policy": Policy.current(), "report": report, "entries": cabinet_entries(report)},
    )


def cabinet_report_filename(policy, report):
    return pdf_filename(
        policy.council_name, "key-partnerships-report", report.period_start, report.period_end
    )
