"""Every page a person can reach, at 360 px, in English and Korean: no sideways scroll
and no serious or critical axe-core violation.

On the seeded demo (`load_demo`), a visitor and then each demo role start from the
front pages and follow the links the site shows (never a typed URL), with every page
of the sitemap added for the visitor. Pages are told apart by their shape (ids become
N, query values are dropped), so the hundred session pages count once. The forms are
also checked in their error state. axe-core comes from npm (`package.json`, installed
by `make install`); Debian's Chromium runs it.
"""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from events.demo.common import DEMO_PASSWORD
from tests.browser import BROWSER_TEST, chromium

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    *BROWSER_TEST,
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: make install"),
]

PHONE = {"width": 360, "height": 740}
# Downloads, admin and staff tools (their own tests), and links that change state.
NOT_PAGES = re.compile(
    r"^/(admin|django-admin|api|media|static)/|/(organise|organiser|checkin|badges)/"
    r"|logout|/export|\.(ics|pdf|csv|xlsx|json|png|svg|xml)$|^/sitemap"
)
ROLES = ["attendee", "investor", "biotech", "delegate", "applicant"]
# Reached from the header and the pages by someone, or the walk has lost its way.
MUST_REACH = [
    "/en/me/registrations/",
    "/en/me/calendar/",
    "/en/partnering/kbif-N/meetings/",
    "/en/partnering/kbif-N/notifications/",
    "/en/partnering/kbif-N/requests/",
    "/en/partnering/kbif-N/people/N/",
    "/en/register/kic-N/",
    "/ko/me/registrations/",
]

# Sideways scroll of the page, or of a box that is not a labelled scroll region.
OVERFLOW_JS = """() => {
  const doc = document.documentElement, out = [];
  if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth}px`);
  for (const el of document.body.querySelectorAll('*')) {
    const x = getComputedStyle(el).overflowX;
    if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1
        && !(el.getAttribute('role') === 'region' && el.hasAttribute('aria-label')))
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}px`);
  }
  return out;
}"""
AXE_JS = """async () => {
  const found = await axe.run(document, {resultTypes: ['violations']});
  return found.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`);
}"""


def shape(path: str) -> str:
    """/en/kbif-2027/agenda/session/104/?day=1 → /en/kbif-N/agenda/session/N/?day"""
    parts = urlsplit(path)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


class Walk:
    def __init__(self, page, base: str, checked: set[str], skip=None):
        """`checked`: shapes already checked (by this walk or an earlier one);
        `skip`: shapes not worth walking through again (another role's agenda)."""
        self.page, self.base, self.checked = page, base, checked
        self.skip = skip or (lambda shape: False)
        self.problems: list[str] = []
        self.visited: list[str] = []

    def check(self, path: str, status: int | None) -> None:
        if status is None or status >= 400:
            self.problems.append(f"{path}: HTTP {status}")
        for box in self.page.evaluate(OVERFLOW_JS):
            self.problems.append(f"{path}: sideways scroll, {box}")
        self.page.evaluate(AXE.read_text())
        for violation in self.page.evaluate(AXE_JS):
            self.problems.append(f"{path}: axe {violation}")

    def crawl(self, starts: list[str], limit: int = 160) -> None:
        """Breadth first; a page already checked in another walk is passed
        through (for its links) but not checked again."""
        queue, walked = list(starts), set()
        while queue and len(walked) < limit:
            path = queue.pop(0)
            if shape(path) in walked or (walked and self.skip(shape(path))):
                continue
            walked.add(shape(path))
            response = self.page.goto(self.base + path)
            if shape(path) not in self.checked:
                self.checked.add(shape(path))
                self.visited.append(path)
                self.check(path, response.status if response else None)
            queue += [p for p in self.links() if shape(p) not in walked]

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        own = [urlsplit(h) for h in hrefs if h.startswith(self.base)]
        paths = [u.path + (f"?{u.query}" if u.query else "") for u in own]
        return [p for p in paths if not NOT_PAGES.search(urlsplit(p).path)]

    def submit_empty(self, path: str, form: str = "main form:has([type=password])"):
        """A form sent empty shows its errors (past the browser's own checks, as
        a browser without them would); those pages are checked too."""
        self.page.goto(self.base + path)
        self.page.eval_on_selector(form, "f => { f.noValidate = true; }")
        with self.page.expect_navigation():
            self.page.locator(f"{form} [type=submit]").last.click()
        self.check(f"{path} (sent empty)", 200)


def public_detail(public: set[str], personal: set[str]):
    """Agenda, speaker and itinerary pages a visitor has seen and a role has
    checked: nothing personal lies beyond them."""
    detail = re.compile(r"/(agenda|itinerary|speakers)/.")
    return lambda s: s in public and s in personal and bool(detail.search(s))


def sitemap_paths(page, base: str) -> list[str]:
    page.goto(f"{base}/sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", page.content())
    return [urlsplit(loc).path for loc in locs]


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    call_command("load_demo", stdout=io.StringIO())


def test_every_page_fits_a_phone_and_passes_axe_in_both_languages(live_server, demo):
    base = live_server.url
    problems, counted = [], {}
    public: set[str] = set()
    personal: set[str] = set()
    with chromium() as browser:
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        sitemap = sitemap_paths(page, base)
        visitor = Walk(page, base, public)
        visitor.crawl(["/en/", "/ko/", *sitemap])
        for lang in ("en", "ko"):
            visitor.submit_empty(f"/{lang}/accounts/signup/")
            visitor.submit_empty(f"/{lang}/accounts/login/")
        problems += visitor.problems
        counted["visitor"] = len(visitor.visited)
        assert not set(sitemap) - set(visitor.visited), "sitemap pages not visited"
        context.close()

        reached: set[str] = set()
        for role in ROLES:
            context = browser.new_context(viewport=PHONE, bypass_csp=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            sign_in(page, base, f"{role}@convene.test")
            # The first role checks the public pages signed in; the others go
            # through them only to reach their own.
            walk = Walk(page, base, personal, skip=public_detail(public, personal))
            walk.crawl(["/en/", "/ko/"])
            problems += walk.problems
            counted[role] = len(walk.visited)
            reached |= set(personal)
            context.close()
    total = sum(counted.values())
    print(f"pages checked at 360 px and by axe: {counted}, {total} in all")  # noqa: T201
    assert not [m for m in MUST_REACH if m not in reached], "not reachable by links"
    assert not problems, "\n".join(problems)


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").last.click()
