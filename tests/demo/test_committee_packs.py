"""The sample committee packs (docs/samples/): one per council whose policy sends something to
a committee, printed from its demo, leaving the demo as it was."""

from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import CompletedForm
from register_review.models import RegisterReview
from reviews.models import RepresentativeReport, Review, ReviewState
from tests.pdf import ends_with_a_blank_page, pdf_text, words

pytestmark = pytest.mark.django_db

# What each council's pack is and words it must carry, from its own framework.
PACKS = {
    "south-derbyshire": (
        ["register-review-pack.pdf", "review-pack.pdf"],
        ["Report to SMT and Leading Members", "Partnership Assessment"],
    ),
    "chorley": (["cabinet-report-pack.pdf"], ["Key partnership performance report"]),
    "melton": (["review-pack.pdf"], ["Partnership Evaluation Toolkit"]),
    "northamptonshire": (
        ["representative-report-pack.pdf"],
        ["Officer representative's annual report to Corporate Management Team (CMT)"],
    ),
}


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the demo's accounts load only in development


def packs(council, folder):
    call_command("load_demo", "--council", council, stdout=StringIO())
    before = (
        RegisterReview.objects.open().count(),
        Review.objects.filter(state=ReviewState.COMPLETED).count(),
        CompletedForm.objects.count(),
        RepresentativeReport.objects.count(),
    )
    out = StringIO()
    call_command("committee_pack_samples", output=str(folder), stdout=out)
    after = (
        RegisterReview.objects.open().count(),
        Review.objects.filter(state=ReviewState.COMPLETED).count(),
        CompletedForm.objects.count(),
        RepresentativeReport.objects.count(),
    )
    assert after == before, "printing the pack left data behind"
    return sorted(path.name for path in folder.iterdir()), out.getvalue()


@pytest.mark.parametrize("council", sorted(PACKS))
def test_it_prints_the_councils_committee_pack_from_its_demo(council, tmp_path):
    names, headings = PACKS[council]
    written, _out = packs(council, tmp_path)
    assert written == [f"{council}-{name}" for name in names]
    for name, heading in zip(written, headings, strict=True):
        pdf = (tmp_path / name).read_bytes()
        assert heading in words(pdf_text(pdf)), name
        assert not ends_with_a_blank_page(pdf)


@pytest.mark.parametrize("council", ["nottinghamshire"])
def test_it_prints_none_where_nothing_goes_to_a_committee(council, tmp_path):
    written, out = packs(council, tmp_path)
    assert written == []
    assert "sends nothing to a committee" in out
