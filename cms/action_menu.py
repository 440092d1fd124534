"""The page editor's Publish button asks first.

Wagtail publishes on one click. Our Publish item opens a dialog (Wagtail's own
`{% dialog %}`, inside the edit form) that says what will happen: the page and
its address go live now, or on the scheduled day and time, on the event's clock
when the page belongs to an event ("2027-09-01 09:00 KST"); the real
`action-publish` button is in the dialog. Bulk publishing and unpublishing in
the page listings already ask on their own confirmation page (Wagtail's).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.action_menu import PublishMenuItem
from wagtail.models import Page

from events.localtime import local_text


def page_zone(page):
    """The clock of the event the page (or its nearest ancestor) is about, else
    the admin's own."""
    if page is not None and page.pk:
        ancestors = Page.objects.ancestor_of(page, inclusive=True).specific()
        for ancestor in reversed(list(ancestors)):
            event = getattr(ancestor, "event", None)
            if event is not None:
                return event
    return timezone.get_current_timezone()


def publish_question(page, *, parent_page=None) -> dict:
    """The dialog's title and lines for publishing `page` (new when unsaved)."""
    title = page.title if page is not None and page.title else _("this page")
    go_live = getattr(page, "go_live_at", None)
    expire = getattr(page, "expire_at", None)
    zone = page_zone(page if page is not None and page.pk else parent_page)
    lines = []
    if go_live and go_live > timezone.now():
        question = _("Schedule “%(title)s” to go live?") % {"title": title}
        lines.append(
            _("It goes live on %(when)s, for everyone to see.")
            % {"when": local_text(go_live, zone)}
        )
        if page.live:
            lines.append(_("Until then the version online now stays as it is."))
        confirm = _("Schedule to publish")
    else:
        question = _("Publish “%(title)s” now?") % {"title": title}
        url = page.full_url if page is not None and page.pk and page.live else ""
        if page is not None and page.live:
            lines.append(
                _("Your changes go online at once at %(url)s.") % {"url": url}
                if url
                else _("Your changes go online at once.")
            )
        else:
            lines.append(_("The page goes online at once, for everyone to see."))
        confirm = _("Publish now")
    if expire:
        lines.append(
            _("It goes offline on %(when)s.") % {"when": local_text(expire, zone)}
        )
    return {"question": question, "lines": lines, "confirm": confirm}


class ConfirmPublishMenuItem(PublishMenuItem):
    template_name = "cms/admin/publish_confirm.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["ask"] = publish_question(
            context.get("page"), parent_page=context.get("parent_page")
        )
        return context


def confirm_publish(menu_items, request, context) -> None:
    """`construct_page_action_menu`: Wagtail's Publish item becomes ours."""
    for index, item in enumerate(menu_items):
        if type(item) is PublishMenuItem:
            replacement = ConfirmPublishMenuItem(order=item.order)
            menu_items[index] = replacement
