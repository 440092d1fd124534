"""Uploads: an over-large body is refused before it is read; Wagtail takes only
safe image and document types."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.forms import get_document_form
from wagtail.documents.models import Document

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_over_large_form_post_is_413(client, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * (2 * 1024 * 1024))
    body = {"file": big}
    response = client.post("/en/accounts/login/", body)
    assert response.status_code == 413
    assert '<p class="notice">The upload is too large: at most 1 MB.</p>' in (
        response.text
    )


def test_an_over_large_api_post_is_413_problem_json(client, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(
        "/api/account/delete", "x" * (2 * 1024 * 1024), content_type="application/json"
    )
    assert (response.status_code, response["Content-Type"]) == (
        413,
        "application/problem+json",
    )
    assert response.json()["detail"] == "The upload is too large: at most 1 MB."


def test_a_small_post_passes(client):
    response = client.post(
        "/en/accounts/login/", {"username": "a@b.c", "password": "x"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "accepted"),
    [("agenda.pdf", True), ("page.html", False), ("logo.svg", False)],
)
def test_wagtail_documents_take_only_safe_types(name, accepted):
    form_class = get_document_form(Document)
    form = form_class(
        data={"title": name},
        files={"file": SimpleUploadedFile(name, b"%PDF-1.4 test")},
    )
    assert form.is_valid() is accepted
