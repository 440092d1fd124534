"""Print runs end to end: the task renders the PDF, the QR codes in it are read
back with zxing-cpp and checked in as the very people printed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from badges import services
from badges.enums import BatchStatus, SheetLayout
from badges.models import Badge, BadgeBatch
from badges.tokens import token_display
from registration.enums import RegistrationCategory, RegistrationStatus
from tests.badges.pdfs import page_texts, qr_texts
from tests.factories.badges import BadgeDesignFactory, RegistrationFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def people(event):
    BadgeDesignFactory(event=event, size="cr80")
    regular = TicketTypeFactory(event=event, name_en="Regular")
    names = [("Ahn", "안지수"), ("Baek", "백서연"), ("Cho", "조민호")]
    return [
        RegistrationFactory(
            event=event,
            ticket_type=regular,
            user__first_name="Jisu",
            user__last_name=last,
            user__name_ko=ko,
        )
        for last, ko in names
    ]


def run(event, organiser, django_capture_on_commit_callbacks, **filters):
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.badge_batch_start(
            event=event, actor=organiser, layout=SheetLayout.A4_SHEET, **filters
        )
    batch.refresh_from_db()
    with batch.file.open("rb") as handle:
        return batch, handle.read()


def test_batch_pdf_qr_codes_check_in_the_right_people(
    event, organiser, people, scanner, django_capture_on_commit_callbacks
):
    batch, pdf = run(event, organiser, django_capture_on_commit_callbacks)
    assert (batch.status, batch.total, batch.done, batch.percent) == ("done", 3, 3, 100)
    [tokens] = qr_texts(pdf)
    checked_in = [
        services.check_in(event=event, scanner=scanner, nonce=f"batch-{i:04d}", token=t)
        for i, t in enumerate(tokens)
    ]
    assert [o.result for o in checked_in] == ["ok", "ok", "ok"]
    assert [o.registration for o in checked_in] == people  # alphabetical, as printed
    text = page_texts(pdf)[0]
    assert all(name in text for name in ("안지수", "백서연", "조민호", "Jisu Ahn"))


def test_the_mobile_ticket_shows_the_printed_badges_code(
    event, organiser, people, django_capture_on_commit_callbacks
):
    _batch, pdf = run(event, organiser, django_capture_on_commit_callbacks)
    [tokens] = qr_texts(pdf)
    mobile = [services.registration_qr_token(registration=r) for r in people]
    assert mobile == tokens


def test_only_unprinted_skips_badges_printed_before(
    event, organiser, people, django_capture_on_commit_callbacks
):
    run(event, organiser, django_capture_on_commit_callbacks)
    newcomer = RegistrationFactory(event=event, user__last_name="Dong")
    batch, pdf = run(
        event, organiser, django_capture_on_commit_callbacks, only_unprinted=True
    )
    assert batch.total == 1
    assert qr_texts(pdf) == [
        [services.badge_token(badge=newcomer.badges.get(revoked_at__isnull=True))]
    ]


def test_reprinting_everyone_revokes_every_old_badge(
    event, organiser, people, scanner, django_capture_on_commit_callbacks
):
    _first, old_pdf = run(event, organiser, django_capture_on_commit_callbacks)
    run(event, organiser, django_capture_on_commit_callbacks, only_unprinted=False)
    [old_tokens] = qr_texts(old_pdf)
    outcome = services.check_in(
        event=event, scanner=scanner, nonce="old-card-01", token=old_tokens[0]
    )
    assert (outcome.result, outcome.reason) == ("invalid", "revoked")
    assert list(
        Badge.objects.filter(registration=people[0]).values_list("version", flat=True)
    ) == [1, 2]


def test_filters_by_ticket_and_category(
    event, organiser, people, django_capture_on_commit_callbacks
):
    vip = TicketTypeFactory(event=event, name_en="Speaker pass")
    speaker = RegistrationFactory(
        event=event, ticket_type=vip, category=RegistrationCategory.SPEAKER
    )
    by_ticket, _pdf = run(
        event, organiser, django_capture_on_commit_callbacks, ticket_type=vip
    )
    by_category, _pdf = run(
        event,
        organiser,
        django_capture_on_commit_callbacks,
        category=RegistrationCategory.ATTENDEE,
        only_unprinted=False,
    )
    assert by_ticket.total == 1
    assert speaker.badges.get().printed_at is not None
    assert by_category.total == 3


def test_pending_and_cancelled_registrations_get_no_badge(
    event, organiser, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    with pytest.raises(ValidationError, match="no badge left to print"):
        run(event, organiser, django_capture_on_commit_callbacks)
    assert not BadgeBatch.objects.exists()


def test_printing_with_nothing_left_says_so_instead_of_an_empty_pdf(
    client, event, organiser, people, django_capture_on_commit_callbacks
):
    run(event, organiser, django_capture_on_commit_callbacks)
    client.force_login(organiser)
    form = {"event": event.pk, "layout": SheetLayout.A4_SHEET, "only_unprinted": "on"}
    response = client.post("/admin/badges/print/", form)
    assert response.status_code == 200
    assert "There is no badge left to print" in response.content.decode()
    assert BadgeBatch.objects.count() == 1


def test_the_badge_prints_the_typed_code_under_the_qr(
    event, organiser, people, django_capture_on_commit_callbacks
):
    _batch, pdf = run(event, organiser, django_capture_on_commit_callbacks)
    [tokens] = qr_texts(pdf)
    text = " ".join(page_texts(pdf)[0].split())
    for token in tokens:
        payload, groups = token_display(token).split(" ", 1)
        assert payload in text
        assert groups.split(" ")[-1] in text


def test_check_in_staff_may_not_print(event, staff):
    with pytest.raises(PermissionDenied):
        services.badge_batch_start(event=event, actor=staff, layout="a4")


def test_a_failed_print_run_is_reported_and_leaves_the_printed_badges_valid(
    event, organiser, people, scanner, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection

    if not Collection.get_first_root_node():  # made by a migration, if they ran
        Collection.add_root(name="Root")

    _batch, pdf = run(event, organiser, django_capture_on_commit_callbacks)
    [tokens] = qr_texts(pdf)
    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    logo.file.storage.delete(logo.file.name)  # the logo file went missing
    design = event.badge_design
    design.logo = logo
    design.save()
    batch = BadgeBatch.objects.create(event=event, layout="a4", only_unprinted=False)
    with pytest.raises(FileNotFoundError):
        services.badge_batch_run(batch=batch)
    batch.refresh_from_db()
    assert (batch.status, bool(batch.error)) == (BatchStatus.FAILED, True)
    outcome = services.check_in(
        event=event, scanner=scanner, nonce="still-valid", token=tokens[0]
    )
    assert (outcome.result, outcome.registration) == ("ok", people[0])


def test_the_e_mailed_ticket_pdf_carries_the_badge_code(event, scanner, attendee):
    from badges.tickets import ticket_pdf

    [[code]] = qr_texts(ticket_pdf(registration=attendee), dpi=200)
    outcome = services.check_in(
        event=event, scanner=scanner, nonce="mailed-01", token=code
    )
    assert code == services.registration_qr_token(registration=attendee)
    assert (outcome.result, outcome.registration) == ("ok", attendee)


def test_the_ticket_pdf_prints_the_code_under_its_qr_as_the_badge_does(attendee):
    from badges.tickets import ticket_pdf
    from badges.tokens import token_display

    pdf = ticket_pdf(registration=attendee)
    token = services.registration_qr_token(registration=attendee)
    [text] = page_texts(pdf)
    printed = " ".join(text.split())
    assert token_display(token) in printed
    assert qr_texts(pdf, dpi=200) == [[token]]  # the code leaves the QR readable
