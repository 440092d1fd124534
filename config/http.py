"""Small HTTP helpers shared by the apps' views."""

import hashlib


def etag(content: bytes) -> str:
    """A strong ETag for these exact bytes."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
