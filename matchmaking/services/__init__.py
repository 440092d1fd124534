"""Partnering writes: keyword-only, transactional, `full_clean` before `save`."""

from matchmaking.services.common import (
    PartneringError,
    notify,
    participant_of,
    require_organiser,
)
from matchmaking.services.requests import (
    meeting_check_in,
    meeting_colleague_add,
    meeting_create_by_organiser,
    meeting_feedback_record,
    meeting_no_show,
    meeting_request_accept,
    meeting_request_cancel,
    meeting_request_decline,
    meeting_request_propose,
    meeting_request_send,
)
from matchmaking.services.scheduling import (
    schedule_import,
    schedule_publish,
    schedule_run,
    schedule_run_start,
)
from matchmaking.services.setup import (
    availability_set,
    block_upsert,
    grid_build,
    participant_join,
    participant_leave,
    participant_update,
    setup_upsert,
    table_host_set,
    tables_ensure,
    tag_upsert,
)

__all__ = [
    "PartneringError",
    "availability_set",
    "block_upsert",
    "grid_build",
    "meeting_check_in",
    "meeting_colleague_add",
    "meeting_create_by_organiser",
    "meeting_feedback_record",
    "meeting_no_show",
    "meeting_request_accept",
    "meeting_request_cancel",
    "meeting_request_decline",
    "meeting_request_propose",
    "meeting_request_send",
    "notify",
    "participant_join",
    "participant_leave",
    "participant_of",
    "participant_update",
    "require_organiser",
    "schedule_import",
    "schedule_publish",
    "schedule_run",
    "schedule_run_start",
    "setup_upsert",
    "table_host_set",
    "tables_ensure",
    "tag_upsert",
]
