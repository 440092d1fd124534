"""Every error under /api/ is RFC 9457 `application/problem+json`: one builder."""

from django.http import JsonResponse


def problem(status: int, title: str, detail: str, **extra) -> JsonResponse:
    """`title` names the kind of error (English, stable for integrators);
    `detail` says in words, in the request's language, what to do about it."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JsonResponse(
        body | extra, status=status, content_type="application/problem+json"
    )
