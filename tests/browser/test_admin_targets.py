"""The Django admin's targets are at least 24 by 24 CSS pixels (WCAG 2.5.8), at 1280 and at
320 pixels wide, as the accessibility statement says."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.conftest import NARROW
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_TARGETS = """() => [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary"
    )].filter((e) => e.checkVisibility())
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([e, box]) => box.width < 23.5 || box.height < 23.5)
      .map(([e, box]) => `${e.outerHTML.slice(0, 80)} ${box.width}x${box.height}`)"""


@pytest.mark.parametrize("javascript", [True], ids=["with-js"])
def test_the_admin_screens_have_targets_of_24_pixels(page, live_server, sign_in):
    admin = UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)
    sign_in(page, admin)
    for path in ["/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{admin.pk}/change/"]:
        for size in [{"width": 1280, "height": 800}, NARROW]:
            page.set_viewport_size(size)
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("#content")).to_be_visible()
            small = page.evaluate(SMALL_TARGETS)
            assert small == [], f"{path} at {size['width']}px: {small}"
