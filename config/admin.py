"""The Django admin is the agency's technical back office: superusers only.

Organisers work in the Wagtail admin and the organiser pages, where every view
is scoped to their events (events.authority). Closing this admin to everyone
else, rather than scoping each of its model admins (ours and those django-axes,
django-otp, django-auditlog and RQ register), means a new model admin cannot
leak another event's data: `tests/config/test_admin_authority.py` checks it.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.is_superuser


class ConveneAdminConfig(AdminConfig):
    default_site = "config.admin.SuperuserAdminSite"
