"""The public verification page on a phone: the verdict is read where the phone shows it (the
picture side of the page is hidden below 600 px), and nothing is wider than the screen."""

import pytest

from casework.choices import State
from casework.models import Document

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_verdict_reads_on_a_phone_and_a_desktop(fresh_world, page_for, shoot, width):
    case = fresh_world.case_in(State.ACCEPTED)
    notice = Document.objects.get(case=case)
    public = page_for(None, width=width)

    public.goto("/verify/ZZZZ-ZZZZ/")
    assert public.is_visible("[data-testid=verify-unknown]")
    assert public.locator("[data-testid=verify-badge]").count() == 0
    assert "verified" not in public.inner_text("body")
    shoot(public, f"verify-unknown-{width}")
    assert public.evaluate("document.documentElement.scrollWidth") <= width + 1

    public.goto(f"/verify/{notice.code}/")
    assert public.is_visible("[data-testid=verify-badge]")
    assert public.inner_text("[data-testid=verify-number]") == notice.number
    shoot(public, f"verify-issued-{width}")
    assert public.evaluate("document.documentElement.scrollWidth") <= width + 1
