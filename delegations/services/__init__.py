"""Writes for delegation programmes: keyword-only, validated, transactional.

The application state machine lives here (`delegations.enums.DECISIONS`):
a company edits its draft and submits it before the deadline; organisers
shortlist, accept, wait-list or reject; an accepted company confirms and names its
delegates, who then hold a delegation registration in the programme's event.
"""

from delegations.services.applications import (
    application_create,
    application_save_draft,
    application_submit,
    document_add,
    document_remove,
)
from delegations.services.common import DelegationError
from delegations.services.decisions import (
    application_decide,
    decisions_send_enqueue,
    decisions_send_pending,
)
from delegations.services.delegates import (
    DelegateIn,
    application_confirm,
    delegate_add,
    delegate_invited_send,
)
from delegations.services.programme import programme_upsert
from delegations.services.reports import (
    meeting_outcome_report,
    programme_report_save,
    trial_remove,
    trial_save,
)
from delegations.services.reviews import (
    review_assign,
    review_assigned_send,
    review_score,
)

__all__ = [
    "DelegateIn",
    "DelegationError",
    "application_confirm",
    "application_create",
    "application_decide",
    "application_save_draft",
    "application_submit",
    "decisions_send_enqueue",
    "decisions_send_pending",
    "delegate_add",
    "delegate_invited_send",
    "document_add",
    "document_remove",
    "meeting_outcome_report",
    "programme_report_save",
    "programme_upsert",
    "review_assign",
    "review_assigned_send",
    "review_score",
    "trial_remove",
    "trial_save",
]
