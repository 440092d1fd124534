"""The scanner reads a badge through the camera: Chromium's fake camera plays a
video of the badge's QR code, jsQR decodes it on the page, and the person is
checked in, once however many frames show the code."""

from pathlib import Path

import pytest
import segno

from badges import services
from badges.models import CheckIn
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.browser import BROWSER_TEST, chromium, signed_in
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory
from tests.factories.events import EventFactory

pytestmark = BROWSER_TEST

WIDTH, HEIGHT = 640, 480


def qr_video(text: str, path: Path, frames: int = 10) -> Path:
    """A Y4M video (the format Chromium's fake camera reads) of ``text`` as a QR
    code, dark on white with its quiet zone, each module 8 pixels."""
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    quiet, module = 4, 8
    size = (len(matrix) + 2 * quiet) * module
    assert size <= HEIGHT, "the code must fit the frame"
    top, left = (HEIGHT - size) // 2, (WIDTH - size) // 2
    luma = bytearray(b"\xff" * (WIDTH * HEIGHT))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if not dark:
                continue
            y0 = top + (r + quiet) * module
            x0 = left + (c + quiet) * module
            for y in range(y0, y0 + module):
                luma[y * WIDTH + x0 : y * WIDTH + x0 + module] = b"\x00" * module
    chroma = b"\x80" * (WIDTH * HEIGHT // 2)
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + (b"FRAME\n" + bytes(luma) + chroma) * frames)
    return path


@pytest.fixture
def door(transactional_db, django_db_serialized_rollback):
    event = EventFactory(slug="kic-camera", name_en="KIC Camera")
    staff = UserFactory(email="camera.staff@example.org")
    EventTeamMember.objects.create(event=event, user=staff, role=TeamRole.CHECKIN)
    attendee = RegistrationFactory(
        event=event, user__first_name="Jiho", user__last_name="Park"
    )
    token = services.badge_token(badge=services.badge_current(registration=attendee))
    return event, staff, attendee, token


def test_the_camera_reads_a_badge_and_checks_the_person_in_once(
    live_server, door, tmp_path
):
    event, staff, attendee, token = door
    video = qr_video(token, tmp_path / "badge.y4m")
    flags = (
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    with chromium(*flags) as browser:
        page = signed_in(browser, live_server.url, staff.email)
        page.context.grant_permissions(["camera"], origin=live_server.url)
        page.goto(f"{live_server.url}/en/checkin/{event.slug}/")
        page.get_by_role("button", name="Start the camera").click()
        page.locator("#result.ok").wait_for()
        assert page.locator("#result-message").inner_text() == "Checked in"
        assert "Jiho Park" in page.locator("#result-person").inner_text()
        page.wait_for_timeout(1500)  # more frames of the same code arrive
        page.get_by_role("button", name="Stop the camera").click()
    assert CheckIn.objects.filter(registration=attendee).count() == 1
