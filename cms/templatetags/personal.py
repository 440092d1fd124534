"""`{% personal "template.html" name=value %}`: a part of a public page drawn
for the person looking at it (the account menu, a session's "My agenda" box).

On a page the shared page cache keeps (cms/page_cache.py) it leaves a hole that
is filled per request; elsewhere it draws the part at once. Either way the part
sees only its arguments and the request (user, messages, language, CSRF token),
never the page's context, so both ways draw the same. Arguments must be plain
values (numbers, strings): they are kept with the cached page.
"""

from django import template
from django.utils.safestring import mark_safe

from cms import page_cache

register = template.Library()

PLAIN = (int, str, float, bool, type(None))


@register.simple_tag(takes_context=True)
def personal(context, template_name: str, **arguments) -> str:
    bad = [name for name, value in arguments.items() if not isinstance(value, PLAIN)]
    if bad:
        raise template.TemplateSyntaxError(
            f"{{% personal %}} takes plain values; {', '.join(bad)} is not one"
        )
    request = context.get("request")
    holes = getattr(request, "page_cache_holes", None)
    if holes is not None:
        return mark_safe(holes.add(template_name, arguments))  # noqa: S308 (a comment)
    # A rendered template: escaped by the template engine.
    html = page_cache.render_hole(request, template_name, arguments)
    return mark_safe(html)  # noqa: S308
