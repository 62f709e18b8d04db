from io import StringIO

from demo import register_review as demo
from register_review.models import RegisterReview


def test_it_opens_this_years_review_once(people, register):
    demo.load({"keeper": people["keeper"]}, StringIO())
    demo.load({"keeper": people["keeper"]}, StringIO())
    review = RegisterReview.objects.get()
    assert review.entries.count() == 5
