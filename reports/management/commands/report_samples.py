from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.models import CabinetReport, CabinetReportState
from reports.pdf import cabinet_report_pdf, smt_summary_pdf
from reports.periods import FinancialYear
from reports.summary import smt_summary


class Command(BaseCommand):
    help = (
        "Write the sample SMT summary and Cabinet report PDFs (docs/samples/) from the demo "
        "data: run load_demo first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "samples"))

    def handle(self, *args, output, **options):
        report = CabinetReport.objects.filter(state=CabinetReportState.CLOSED).first()
        if report is None:
            raise CommandError("No closed Cabinet report: run load_demo first.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        summary = smt_summary(FinancialYear.of(report.period_end))
        (folder / "smt-summary.pdf").write_bytes(smt_summary_pdf(summary))
        (folder / "cabinet-report.pdf").write_bytes(cabinet_report_pdf(report))
        self.stdout.write(f"Wrote smt-summary.pdf and cabinet-report.pdf to {folder}")
