"""The API's one pagination: `limit` and `offset`, both bounded.

Every `@paginate` in the project uses this class (`NINJA_PAGINATION_CLASS`).
Ninja's own leaves `offset` unbounded, and PostgreSQL refuses an OFFSET past
2^63 − 1 ("bigint out of range") with a 500; a bound in the schema makes any
offset past it a 422 with the rule in words, and the OpenAPI document says so.
"""

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# No list in Convene comes near a million rows; a page past it is a client's bug.
MAX_OFFSET = 1_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_LIMIT,
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
