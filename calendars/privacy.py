"""What calendars hold about a person: their agenda and feeds. Both only serve
them, so deletion removes them (and the export leaves the feeds' secrets out)."""

from accounts.privacy import PersonalData


def _erase(user) -> None:
    user.bookmarks.all().delete()
    user.feeds.all().delete()


SECTION = PersonalData(erase=_erase)
