"""Every admin, enumerated: an organiser of event B gets nothing of event A.

The lists below are not written by hand: the Django admin's registry, every
Wagtail snippet viewset (with its chooser), every page type, the image and
document libraries and every other Wagtail admin URL are walked, so a new
model admin, snippet or admin view is requested here the day it is added. A
model that event A has no object of fails the test until the world below gets
one (and thereby a scoped admin is proved for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from cms import access
from cms.models import AgendaPage, EventPage, SpeakerIndexPage, StandardPage
from events import authority, services
from events.admin_scope import EventScopedViewSet
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking.models import MeetingBlock, Table
from registration.models import EventBilling
from tests.cms.conftest import build_site, publish_child
from tests.factories.accounts import UserFactory
from tests.factories.badges import (
    BadgeDesignFactory,
    RegistrationFactory,
    ScannerTokenFactory,
)
from tests.factories.events import (
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    SponsorFactory,
    TrackFactory,
)
from tests.factories.matchmaking import partnering_event
from tests.factories.registration import TicketTypeFactory, VoucherFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "Alphasecret"  # in every name of event A's objects
REFUSED = {302, 403, 404, 405}
# Wagtail admin URLs that take an id but are not about an object of an event:
# the user's own account, notifications, the task chooser… Requested with id 1.
NO_EVENT_OBJECT = {"wagtailadmin_account", "wagtailadmin_home"}


@dataclass
class World:
    a_pages: list[Page]
    a_objects: dict[type, object]
    bea: object
    markers: list[str] = field(default_factory=list)


def _event_a_objects(event) -> dict[type, object]:
    room = RoomFactory(event=event, name_en=f"{SECRET} hall")
    session = SessionFactory(event=event, room=room, title_en=f"{SECRET} keynote")
    speaker = SpeakerFactory(event=event, user__last_name=SECRET)
    ticket = TicketTypeFactory(event=event, name_en=f"{SECRET} pass")
    objects = [
        event,
        room,
        session,
        speaker,
        ticket,
        TrackFactory(event=event, name_en=f"{SECRET} track"),
        SessionSpeakerFactory(session=session, speaker=speaker),
        # Organisations are the public directory, not an event's: no secret.
        SponsorFactory(event=event, organisation__name_en="Shared pharma"),
        VoucherFactory(event=event, code=f"{SECRET.upper()}10"),
        EventBilling.objects.create(event=event, issuer_name=f"{SECRET} Agency"),
        EventTeamMember.objects.create(
            event=event,
            user=UserFactory(last_name=SECRET),
            role=TeamRole.CHECKIN,
        ),
        BadgeDesignFactory(event=event),
        ScannerTokenFactory(event=event, name=f"{SECRET} door"),
        RegistrationFactory(event=event, ticket_type=ticket, user__last_name=SECRET),
        MeetingBlock.objects.filter(event=event).first(),
        Table.objects.filter(event=event).first(),
        event.partnering,
    ]
    return {type(obj): obj for obj in objects}


def _event_a_pages(event) -> list[Page]:
    home = build_site()
    landing = publish_child(
        home, EventPage(title=f"{SECRET} landing", slug="alpha", event=event)
    )
    pages = [landing]
    for page in (
        AgendaPage(title=f"{SECRET} agenda", slug="agenda", event=event),
        SpeakerIndexPage(title=f"{SECRET} speakers", slug="speakers", event=event),
        StandardPage(title=f"{SECRET} practical", slug="practical"),
    ):
        pages.append(publish_child(landing, page))
    draft = StandardPage(title=f"{SECRET} draft", slug="draft", live=False)
    landing.add_child(instance=draft)
    draft.save_revision()
    return [*pages, draft]


def _media(event) -> dict[type, object]:
    collection = access.event_collection(event)
    image = get_image_model().objects.create(
        title=f"{SECRET} logo", file=get_test_image_file(), collection=collection
    )
    document = get_document_model().objects.create(
        title=f"{SECRET} brochure",
        file=ContentFile(b"%PDF-1.4 test", name="brochure.pdf"),
        collection=collection,
    )
    return {type(image): image, type(document): document}


@pytest.fixture
def world(db) -> World:
    partnering = partnering_event(
        event__name_en=f"{SECRET} Congress", event__slug="alpha"
    )
    event_a = partnering.event
    organiser_a = UserFactory()
    services.team_member_add(event=event_a, user=organiser_a, role=TeamRole.ORGANISER)
    objects = {**_event_a_objects(event_a), **_media(event_a)}
    pages = _event_a_pages(event_a)
    event_b = partnering_event(event__slug="beta").event
    # Bea organises B, and is even staff: neither opens A to her.
    bea = UserFactory(email="bea@example.org", is_staff=True)
    services.team_member_add(event=event_b, user=bea, role=TeamRole.ORGANISER)
    return World(a_pages=pages, a_objects=objects, bea=bea)


def _refused_or_blind(client, url: str) -> tuple[int, bool]:
    response = client.get(url)
    body = b"".join(response) if response.streaming else response.content
    leaked = SECRET.encode() in body or SECRET.upper().encode() in body
    return response.status_code, response.status_code in REFUSED or not leaked


def _check(client, urls: list[str]) -> list[str]:
    failures = []
    for url in urls:
        status, ok = _refused_or_blind(client, url)
        if not ok:
            failures.append(f"{status} {url}")
    return failures


def _patterns(resolver: URLResolver, namespace: str = ""):
    """Every (url name, kwargs names) under `resolver`, names namespaced."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, list(entry.pattern.converters)


def _admin_patterns():
    for name, kwargs in _patterns(get_resolver()):
        try:
            url = reverse(name, kwargs=dict.fromkeys(kwargs, 1))
        except Exception:  # noqa: BLE001 (a non-int converter: filled below)
            url = None
        if url is None or url.startswith("/admin/"):
            yield name, kwargs


def _fill(name: str, kwargs: list[str], world: World) -> list[dict]:
    """Kwargs pointing at each of event A's objects the URL could be about."""
    by_namespace = {
        "wagtailimages": get_image_model(),
        "wagtaildocs": get_document_model(),
    }
    ids: list[int] = [1]
    namespace = name.split(":")[0]
    if namespace in by_namespace:
        ids = [world.a_objects[by_namespace[namespace]].pk]
    elif namespace == "wagtailadmin_pages" or "page" in "".join(kwargs):
        ids = [page.pk for page in world.a_pages]
    elif namespace == "badges_admin":
        ids = [obj.pk for obj in world.a_objects.values()]
    return [{k: (i if k != "app_label" else "events") for k in kwargs} for i in ids]


def test_the_django_admin_is_closed_to_organisers_of_any_event(client, world):
    client.force_login(world.bea)
    urls = [
        "/django-admin/",
        "/django-admin/autocomplete/?app_label=events&model_name=user&field_name=user",
    ]
    for model, _model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.first() if model._meta.managed else None
        for view in ("change", "delete", "history"):
            pk = obj.pk if obj is not None else 1
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[pk]))
    statuses = {client.get(url).status_code for url in urls}
    assert statuses == {302}, "the Django admin answered an organiser"
    assert len(urls) > 150  # every model admin, ours and the libraries'


def test_every_snippet_is_scoped_and_shows_nothing_of_another_event(client, world):
    client.force_login(world.bea)
    urls, unscoped, missing = [], [], []
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        if not isinstance(viewset, EventScopedViewSet):
            unscoped.append(model.__name__)
            continue
        obj = world.a_objects.get(model)
        if obj is None or not authority.event_path(model):
            missing.append(model.__name__)
            continue
        for inner in (viewset, viewset.chooser_viewset):
            for pattern in inner.get_urlpatterns():
                kwargs = dict.fromkeys(pattern.pattern.converters, obj.pk)
                urls.append(reverse(inner.get_url_name(pattern.name), kwargs=kwargs))
        listing = reverse(viewset.get_url_name("list"))
        urls += [
            f"{listing}?export=csv",
            f"{listing}?export=xlsx",
            f"{listing}?q=lphasecre",
        ]
        urls.append(
            f"/admin/bulk/{model._meta.app_label}/{model._meta.model_name}/delete/?id={obj.pk}"
        )
    assert unscoped == [], "snippets without EventScopedViewSet"
    assert missing == [], "give event A an object of these in the world fixture"
    failures = _check(client, urls)
    assert failures == []
    assert len(urls) > 100


def test_every_page_type_and_page_view_of_another_event_is_refused(client, world):
    client.force_login(world.bea)
    page_types = {type(page.specific) for page in world.a_pages}
    event_page_types = {
        m for m in get_page_models() if m is not Page and m.__module__ == "cms.models"
    }
    urls = []
    for name, kwargs in _admin_patterns():
        if name.split(":")[0] in NO_EVENT_OBJECT:
            continue
        for filled in _fill(name, kwargs, world):
            try:
                urls.append(reverse(name, kwargs=filled))
            except Exception:  # noqa: BLE001, S112 (a str converter given an int)
                continue
    urls += [
        "/admin/pages/search/?q=lphasecre",
        "/admin/choose-page/search/?q=lphasecre",
        "/admin/choose-page/",
        "/admin/images/?q=lphasecre",
        "/admin/documents/?q=lphasecre",
    ]
    failures = _check(client, urls)
    assert failures == []
    assert page_types >= event_page_types - {type(Page)} - _homes(), "page types"
    assert len(urls) > 300


def _homes() -> set[type]:
    from cms.models import DelegationProgrammePage, ForumPage, HomePage

    return {HomePage, ForumPage, DelegationProgrammePage}


def test_the_organiser_of_the_event_does_see_it(client, world):
    """The same URLs are not refused to everyone: A's organiser sees A."""
    organiser = (
        EventTeamMember.objects.filter(event__slug="alpha", role=TeamRole.ORGANISER)
        .first()
        .user
    )
    client.force_login(organiser)
    listing = client.get("/admin/snippets/events/session/").content.decode()
    landing = world.a_pages[0]
    edit = client.get(f"/admin/pages/{landing.pk}/edit/")
    assert f"{SECRET} keynote" in listing
    assert edit.status_code == 200


def test_an_organiser_cannot_grant_themselves_more(client, world):
    client.force_login(world.bea)
    own_form = reverse("admin:accounts_user_change", args=[world.bea.pk])
    posted = client.post(
        own_form, {"email": world.bea.email, "is_superuser": "on", "is_staff": "on"}
    )
    assert posted.status_code == 302
    assert posted["Location"].startswith("/django-admin/login/")
    me = reverse("wagtailusers_users:edit", args=[world.bea.pk])
    response = client.post(
        me, {"email": world.bea.email, "is_superuser": "on", "is_active": "on"}
    )
    world.bea.refresh_from_db()
    assert response.status_code in REFUSED
    assert (
        world.bea.is_superuser,
        world.bea.groups.filter(name__startswith="alpha").exists(),
    ) == (False, False)
