"""A company's application and its documents: changed only while a draft, and only
between the call's opening and its deadline."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from delegations.enums import ApplicationStatus as S
from delegations.models import (
    MAX_DOCUMENTS,
    ApplicationDocument,
    DelegationApplication,
    DelegationProgramme,
    document_kind,
)
from delegations.services.common import (
    DelegationError,
    now_or_current,
    require_company,
    require_open,
    save,
)

APPLICATION_FIELDS = (
    "company_profile",
    "pipeline",
    "goals",
    "target_partners",
    "employees",
)


@transaction.atomic
def application_create(
    *, programme: DelegationProgramme, user: User, **fields: Any
) -> DelegationApplication:
    """A company's first application; a second one is refused (edit the first)."""
    if (
        user.organisation_id
        and DelegationApplication.objects.filter(
            programme=programme, organisation_id=user.organisation_id
        ).exists()
    ):
        raise DelegationError(_("Your company has already applied."))
    return application_save_draft(programme=programme, user=user, **fields)


def application_save_draft(
    *,
    programme: DelegationProgramme,
    user: User,
    application: DelegationApplication | None = None,
    now: dt.datetime | None = None,
    **fields: Any,
) -> DelegationApplication:
    """Create the company's draft or change it; only drafts, only before the deadline."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise DelegationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)), 400)
    require_open(programme, now_or_current(now))
    if application is None:
        if user.organisation_id is None:
            raise DelegationError(
                _("Add your company to your profile before applying."), 400
            )
        application = DelegationApplication.objects.filter(
            programme=programme, organisation_id=user.organisation_id
        ).first() or DelegationApplication(
            programme=programme, organisation_id=user.organisation_id, applicant=user
        )
    require_company(application, user)
    if application.status != S.DRAFT:
        raise DelegationError(_("Only a draft can be changed."))
    return save(application, **fields)


@transaction.atomic
def application_submit(
    *, application: DelegationApplication, user: User, now: dt.datetime | None = None
) -> DelegationApplication:
    now = now_or_current(now)
    require_company(application, user)
    require_open(application.programme, now)
    if application.status != S.DRAFT:
        raise DelegationError(_("This application has already been submitted."))
    return save(application, status=S.SUBMITTED, submitted_at=now)


@transaction.atomic
def document_add(
    *,
    application: DelegationApplication,
    user: User,
    upload,
    title: str = "",
    now: dt.datetime | None = None,
) -> ApplicationDocument:
    """Attach a PDF, DOCX or PPTX (recognised by its bytes) of at most 10 MB."""
    require_company(application, user)
    require_open(application.programme, now_or_current(now))
    if application.status != S.DRAFT:
        raise DelegationError(_("Documents can be added to drafts only."))
    if application.documents.count() >= MAX_DOCUMENTS:
        raise DelegationError(
            _("At most %(n)s documents per application.") % {"n": MAX_DOCUMENTS}, 400
        )
    try:
        kind = document_kind(upload)
    except ValidationError as exc:
        raise DelegationError(" ".join(exc.messages), 400) from exc
    document = ApplicationDocument(
        application=application,
        title=(title or upload.name)[:200],
        file=upload,
        kind=kind,
        size=upload.size,
    )
    return save(document)


@transaction.atomic
def document_remove(
    *, document: ApplicationDocument, user: User, now: dt.datetime | None = None
) -> None:
    application = document.application
    require_company(application, user)
    require_open(application.programme, now_or_current(now))
    if application.status != S.DRAFT:
        raise DelegationError(_("Documents can be removed from drafts only."))
    document.file.delete(save=False)
    document.delete()
