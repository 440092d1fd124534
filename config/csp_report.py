"""Where browsers report what the Content Security Policy refused: logged as one
warning each (the page's path without its query, the directive, the blocked
origin), so a page that breaks under the policy shows up in the logs."""

import json
import logging
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

log = logging.getLogger("convene.csp")
MAX_REPORT_BYTES = 16 * 1024


def _where(url: str) -> str:
    """Origin and path, never the query (it may carry a token)."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    return parts.scheme or url[:40]  # "inline", "eval", "data"…


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    if len(request.body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    log.warning(
        "CSP refused %s on %s (%s)",
        _where(str(report.get("blocked-uri", ""))),
        _where(str(report.get("document-uri", ""))),
        str(report.get("effective-directive") or report.get("violated-directive", ""))[
            :80
        ],
    )
    return HttpResponse(status=204)
