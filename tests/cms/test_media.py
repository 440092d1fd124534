"""Organisers upload and choose images and documents in their events'
collections (the badge logo's chooser): each sees their events' files only."""

import gc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from badges.models import BadgeDesign
from cms import access
from tests.factories.admin import admin_organiser
from tests.factories.badges import BadgeDesignFactory
from tests.factories.documents import pdf_bytes
from tests.factories.events import EventFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    # Wagtail draws each image's thumbnail (a rendition) through a
    # SpooledTemporaryFile it never closes, found later by the garbage collector.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

Image = get_image_model()


@pytest.fixture(autouse=True)
def _collect_wagtails_files():
    """Collect those files inside the test, not in a later one."""
    yield
    gc.collect()


@pytest.fixture
def alpha(db):
    return EventFactory(slug="alpha", name_en="Alpha Summit")


@pytest.fixture
def beta(db):
    return EventFactory(slug="beta", name_en="Beta Forum")


def _client(event, email):
    client = Client()
    client.force_login(admin_organiser(event, email=email))
    return client


@pytest.fixture
def client_a(alpha):
    return _client(alpha, "olivia@example.org")


@pytest.fixture
def client_b(beta):
    return _client(beta, "bruno@example.org")


def _upload(client, event, title):
    collection = access.event_collection(event)
    return client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": title,
            "image-chooser-upload-file": SimpleUploadedFile(
                "logo.png", get_test_image_file().file.getvalue(), "image/png"
            ),
            "image-chooser-upload-collection": collection.pk,
            "image-chooser-upload-tags": "",
        },
    )


def test_an_organiser_uploads_a_logo_from_the_chooser_into_their_collection(
    client_a, client_b, alpha
):
    response = _upload(client_a, alpha, "Alpha logo")
    assert response.status_code == 200
    image = Image.objects.get(title="Alpha logo")
    assert image.collection == access.event_collection(alpha)
    assert "Alpha logo" in client_a.get("/admin/images/chooser/").json()["html"]
    assert "Alpha logo" not in client_b.get("/admin/images/chooser/").json()["html"]
    assert client_b.get(f"/admin/images/{image.pk}/").status_code in (302, 403, 404)


def test_an_organiser_cannot_upload_into_another_events_collection(
    client_a, alpha, beta
):
    """One whose only collection is their event's gets no choice: the upload
    lands there, whatever collection the post names."""
    _upload(client_a, beta, "Into beta")
    image = Image.objects.get(title="Into beta")
    assert image.collection == access.event_collection(alpha)


def test_an_organiser_uploads_a_document(client_a, alpha):
    response = client_a.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Floor plan",
            "document-chooser-upload-file": SimpleUploadedFile(
                "plan.pdf", pdf_bytes(), content_type="application/pdf"
            ),
            "document-chooser-upload-collection": access.event_collection(alpha).pk,
            "document-chooser-upload-tags": "",
        },
    )
    assert response.status_code == 200
    assert get_document_model().objects.get(title="Floor plan").collection == (
        access.event_collection(alpha)
    )


def test_a_badge_design_cannot_take_another_events_image(client_a, alpha, beta):
    theirs = Image.objects.create(
        title="Beta logo",
        file=get_test_image_file(),
        collection=access.event_collection(beta),
    )
    mine = Image.objects.create(
        title="Alpha logo",
        file=get_test_image_file(),
        collection=access.event_collection(alpha),
    )
    design = BadgeDesignFactory(event=alpha)
    url = f"/admin/snippets/badges/badgedesign/edit/{design.pk}/"
    form = {
        "event": alpha.pk,
        "size": design.size,
        "show_name_ko": "on",
        "show_organisation": "on",
        "show_ticket": "on",
        "show_category": "on",
        **{
            f"colour_{c}": "#1f6feb"
            for c in (
                "attendee",
                "speaker",
                "investor",
                "exhibitor",
                "press",
                "staff",
                "delegation",
            )
        },
    }
    refused = client_a.post(url, {**form, "logo": theirs.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert BadgeDesign.objects.get(pk=design.pk).logo is None
    assert client_a.post(url, {**form, "logo": mine.pk}).status_code == 302
    assert BadgeDesign.objects.get(pk=design.pk).logo == mine
