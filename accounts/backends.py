from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from accounts.selectors import user_by_session_id


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in made from a request. Without a
    request (the test client's `login()`, the shell) there is nobody's address to
    count, and Axes would refuse outright; the password backend decides alone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class PasswordBackend(ModelBackend):
    """Django's password backend, loading the signed-in person of every request
    by SQL compiled once per process (`accounts.selectors.user_by_session_id`)."""

    def get_user(self, user_id):
        user = user_by_session_id(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
