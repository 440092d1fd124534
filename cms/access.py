"""Wagtail access follows the event team: a role on an event is the only grant.

Adding someone to an event's team (`EventTeamMember`) as organiser or editor is
all an agency does; this module turns the roles into Wagtail's own machinery,
so that the page explorer, editor, search, choosers, image and document
libraries and moderation all enforce them natively:

- the *Organisers* group opens the Wagtail admin and holds the model
  permissions of the organiser snippets (each snippet is further scoped to the
  user's events by `events.admin_scope`); *Page editors* only opens the admin;
- each event has two groups, "<slug> organisers" and "<slug> editors", with page
  permissions on the event's own pages (both languages) and collection
  permissions on the event's collection; organisers publish, editors submit;
- each event's pages have a workflow whose approvers are its organisers.

Nobody in these groups may edit users, groups or permissions: those stay with
superusers (see README "Security").
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.models import User
from events.enums import TeamRole
from events.models import Event, EventTeamMember

ORGANISERS = "Organisers"
PAGE_EDITORS = "Page editors"
HOME_DEPTH = 2  # the root is 1, each language's home page 2, events below

# What the Organisers group may do with the organiser snippets: Django model
# permissions, narrowed to the user's events by events.admin_scope. No user,
# group or permission models, and no adding or deleting of events themselves.
ORGANISER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "events.change_event",
    *(
        f"events.{action}_{model}"
        for model in (
            "session",
            "sessionspeaker",
            "speaker",
            "room",
            "track",
            "sponsor",
            "eventteammember",
        )
        for action in ("add", "change", "delete", "view")
    ),
    *(
        f"registration.{action}_{model}"
        for model in ("tickettype", "voucher", "eventbilling")
        for action in ("add", "change", "delete", "view")
    ),
    *(f"badges.{action}_badgedesign" for action in ("add", "change", "delete", "view")),
    *(
        f"matchmaking.{action}_{model}"
        for model in ("partneringsetup", "table", "meetingblock")
        for action in ("add", "change", "delete", "view")
    ),
]

_PAGE_PERMISSIONS = {
    TeamRole.ORGANISER: ["add_page", "change_page", "publish_page", "lock_page"],
    TeamRole.EDITOR: ["add_page", "change_page"],
}
_COLLECTION_PERMISSIONS = {
    TeamRole.ORGANISER: [
        f"{action}_{kind}"
        for kind in ("image", "document")
        for action in ("add", "change", "delete", "choose")
    ],
    TeamRole.EDITOR: [
        f"{action}_{kind}"
        for kind in ("image", "document")
        for action in ("add", "choose")
    ],
}


def _permissions(names: list[str]) -> list[Permission]:
    """The permissions named "app_label.codename", in one query (a model not
    installed yet, during the first migrate, is left out)."""
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(wanted))


def organisers_group() -> Group:
    """The Organisers group, holding exactly ORGANISER_PERMISSIONS."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS)
    group.permissions.set(_permissions(ORGANISER_PERMISSIONS))
    group.page_permissions.all().delete()
    group.collection_permissions.all().delete()
    return group


def page_editors_group() -> Group:
    group, _created = Group.objects.get_or_create(name=PAGE_EDITORS)
    group.permissions.set(_permissions(["wagtailadmin.access_admin"]))
    return group


def event_pages(event: Event) -> list[Page]:
    """The event's top pages in every language (landing, forum, programme)."""
    from cms.models import DelegationProgrammePage, EventPage, ForumPage

    pages: list[Page] = []
    for model in (EventPage, ForumPage, DelegationProgrammePage):
        pages.extend(model.objects.filter(event=event))
    return pages


def event_collection(event: Event) -> Collection:
    name = f"{event.name_en} ({event.slug})"
    existing = Collection.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=name)


def _event_group(event: Event, role: str, pages: list[Page], collection) -> Group:
    group, _created = Group.objects.get_or_create(name=f"{event.slug} {role}s")
    group.page_permissions.all().delete()
    page_rights = _permissions([f"wagtailcore.{c}" for c in _PAGE_PERMISSIONS[role]])
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=page, permission=permission)
        for page in pages
        for permission in page_rights
    )
    group.collection_permissions.all().delete()
    media_rights = _permissions(
        [
            f"{'wagtailimages' if c.endswith('image') else 'wagtaildocs'}.{c}"
            for c in _COLLECTION_PERMISSIONS[role]
        ]
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=p)
        for p in media_rights
    )
    members = User.objects.filter(event_roles__event=event, event_roles__role=role)
    group.user_set.set(members)
    return group


def _workflow(event: Event, approvers: Group, pages: list[Page]) -> None:
    """The event's pages are approved by the event's own organisers."""
    name = f"{event.slug}: approval"
    workflow, _created = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.groups.set([approvers])
    for page in pages:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )


@transaction.atomic
def event_access_sync(*, event: Event) -> None:
    """Groups, page and collection permissions and workflow of one event, from
    its team. Idempotent; run on every team change and new event page."""
    pages, collection = event_pages(event), event_collection(event)
    organisers = _event_group(event, TeamRole.ORGANISER, pages, collection)
    _event_group(event, TeamRole.EDITOR, pages, collection)
    _workflow(event, organisers, pages)


def user_access_sync(*, user: User) -> None:
    """Membership of the global groups follows the user's roles on any event."""
    roles = set(
        EventTeamMember.objects.filter(user=user).values_list("role", flat=True)
    )
    for name, role, build in (
        (ORGANISERS, TeamRole.ORGANISER, organisers_group),
        (PAGE_EDITORS, TeamRole.EDITOR, page_editors_group),
    ):
        if role in roles:
            user.groups.add(build())
        else:
            user.groups.remove(*Group.objects.filter(name=name))


def _editable(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )


def choosable_pages(user):
    """The pages the editor may edit and the way down to them (the tree's root
    and the site's home page in each language): another event's pages, drafts
    or live, stay out of every chooser."""
    editable = _editable(user).values("pk")
    return Page.objects.filter(Q(pk__in=editable) | Q(depth__lte=HOME_DEPTH))
