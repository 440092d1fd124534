"""Wagtail snippets scoped to the organiser's events, through `events.authority`.

`EventScopedViewSet` is the base of every organiser snippet. It narrows, by the
same rule and path:
- the list (and its CSV/XLSX export) to rows of the user's events;
- every view of one object (edit, delete, copy, history, usage, inspect,
  revisions…) to those rows: another event's object is a 404;
- the chooser (choose, search, chosen) the same way;
- every choice field of the form (the event, a room, a ticket type…) to the
  user's events, so a crafted post cannot move a row to another event;
- bulk actions and Wagtail's URL finder, through a permission policy that asks
  the same question per object.
"""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import authority


class EventScopedPolicy(ModelPermissionPolicy):
    """Django's model permissions, and the object must be of the user's events."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and authority.may_manage(
            user=user, obj=instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return authority.scope(self.model._default_manager.all(), user=user)


def _media_policy(model):
    """Wagtail's permission policy of images or documents, else None: those
    belong to collections, each event's own (cms.access), not to an event."""
    if model in (get_image_model(), get_document_model()):
        return policy_registry.get_by_type(model)
    return None


def scope_form_choices(form: forms.BaseForm, user) -> None:
    """Narrow every model choice of `form` that an event owns to `user`'s events,
    and every image or document (a badge's logo) to those `user` may choose, so
    a crafted post cannot borrow another event's image."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        policy = _media_policy(queryset.model)
        if policy is not None:
            choosable = policy.instances_user_has_any_permission_for(user, ["choose"])
            field.queryset = queryset.filter(pk__in=choosable.values("pk"))
        elif authority.event_path(queryset.model) is not None:
            field.queryset = authority.scope(queryset, user=user)


class EventScopedAdminForm(WagtailAdminModelForm):
    """The base form of every scoped snippet: choices only from the user's events."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            scope_form_choices(self, self.for_user)


class _ScopedObjectViews:
    """Mixed into each view of a scoped viewset: one object, one check."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not authority.may_manage(
            user=self.request.user, obj=obj
        ):
            raise Http404
        return obj

    def get_object_list(self):
        return authority.scope(super().get_object_list(), user=self.request.user)

    def get_objects(self, pks):
        return authority.scope(super().get_objects(pks), user=self.request.user)

    @cached_property
    def filters(self):
        """The list's filters (an event, a session…) offer only the user's events:
        Wagtail fills them from the whole table, which named other events."""
        filterset = getattr(super(), "filters", None)
        if filterset is not None:
            scope_form_choices(filterset.form, self.request.user)
        return filterset


def _scoped(view_class):
    """`view_class` with `_ScopedObjectViews` in front of it (once)."""
    if issubclass(view_class, _ScopedObjectViews):
        return view_class
    return type(f"Scoped{view_class.__name__}", (_ScopedObjectViews, view_class), {})


class EventScopedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_scoped(view_class), **kwargs)


class EventScopedViewSet(SnippetViewSet):
    """A snippet of one event; the model says how it reaches its event
    (`events.authority.event_path`)."""

    chooser_viewset_class = EventScopedChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        register_permission_policy(
            self.model, EventScopedPolicy(self.model), exact_class=True
        )

    def get_queryset(self, request):
        return authority.scope(self.model._default_manager.all(), user=request.user)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_scoped(view_class), **kwargs)

    def get_edit_handler(self):
        edit_handler = super().get_edit_handler()
        form_class = edit_handler.base_form_class or WagtailAdminModelForm
        if not issubclass(form_class, EventScopedAdminForm):
            edit_handler.base_form_class = type(
                f"Scoped{form_class.__name__}", (EventScopedAdminForm, form_class), {}
            )
        return edit_handler
