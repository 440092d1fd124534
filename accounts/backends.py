from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in made from a request. Without a
    request (the test client's `login()`, the shell) there is nobody's address to
    count, and Axes would refuse outright; the password backend decides alone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
