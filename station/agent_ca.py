"""The agent CA's own validity, checked before anything it vouches for: a card's certificate (auth.py) or
the revocation list (revocation.py). An expired or not-yet-valid CA, or a station clock far off, would
otherwise keep accepting whatever the CA signed, including a list that no longer lists recent revocations.
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509

from .errors import AuthError
from .strings import message


def check_agent_ca(agent_ca: x509.Certificate, now: datetime) -> None:
    """Raise AuthError("auth.ca_invalid") unless `now` lies within the agent CA's validity period."""
    if not agent_ca.not_valid_before_utc <= now <= agent_ca.not_valid_after_utc:
        raise AuthError("auth.ca_invalid", message("auth.ca_invalid"))
