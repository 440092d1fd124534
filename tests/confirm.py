"""Driving the confirmation step (`config.confirm`) as a person does: the first
request shows the page, its Confirm form is posted back as it stands."""

from html.parser import HTMLParser


class _ConfirmForm(HTMLParser):
    """The hidden fields of the form that carries `confirm=yes`."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif tag == "input" and attrs.get("type") == "hidden" and self.forms:
            self.forms[-1].append((attrs["name"], attrs.get("value") or ""))


def confirm_fields(html: str, marker=("confirm", "yes")) -> dict[str, list[str]]:
    """The Confirm form's fields, as `client.post` takes them (lists for names
    that repeat). The Django admin's bulk actions mark theirs `post=yes`
    (`admin_fields`)."""
    parser = _ConfirmForm()
    parser.feed(html)
    form = next(f for f in parser.forms if marker in f)
    fields: dict[str, list[str]] = {}
    for name, value in form:
        if name != "csrfmiddlewaretoken":
            fields.setdefault(name, []).append(value)
    return fields


def confirm_post(client, url: str, data=None, **kwargs):
    """POST `data` to `url`, then confirm on the page that answers."""
    step = client.post(url, data or {})
    assert step.status_code == 200, step.status_code
    return client.post(url, confirm_fields(step.content.decode()), **kwargs)


def admin_fields(html: str) -> dict[str, list[str]]:
    """The fields of a Django admin action's confirmation (`events.admin_confirm`)."""
    return confirm_fields(html, ("post", "yes"))
