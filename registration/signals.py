"""What later apps add to registration's e-mails, without registration importing
them: badges attach each ticket's PDF, calendars the event's .ics."""

from django.dispatch import Signal

# Sent while a ticket e-mail is written, with `order` and `registrations`; each
# receiver returns a list of (filename, content, mimetype) to attach.
ticket_attachments = Signal()
