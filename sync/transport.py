"""HTTPS to the CERT with the station's client certificate; every failure becomes a `SyncError` here.

The server is checked against our own trust anchor only (the CERT root), never the system store. The
session ignores the environment (`trust_env = False`): requests would otherwise let REQUESTS_CA_BUNDLE
override the trust anchor and pick up proxies, and the station's network settings must come from its
configuration alone.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from enrollment.store import OutboxItem

from .receipts import SignedReceipt
from .replies import error_code, json_body, map_request_exception, map_status
from .settings import TransportSettings
from .upload import upload

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


class CertClient:
    """One keep-alive session to the CERT. Not thread-safe: the outbox worker is its only user."""

    def __init__(self, settings: TransportSettings) -> None:
        self.settings = settings
        self._base = settings.base_url.rstrip("/")
        self._http: requests.Session | None = None

    @property
    def _session(self) -> requests.Session:
        """Made at the first call: requests and urllib3 are a sixth of the station's start-up time, and a
        station shows its login screen before it talks to the CERT."""
        if self._http is None:
            import requests

            self._http = requests.Session()
            self._http.trust_env = False
            self._http.cert = (str(self.settings.client_cert), str(self.settings.client_key))
            self._http.verify = str(self.settings.trust_anchor)
        return self._http

    @property
    def _timeout(self) -> tuple[float, float]:
        return (self.settings.connect_timeout_s, self.settings.read_timeout_s)

    def send(self, item: OutboxItem) -> SignedReceipt:
        """Upload the package in resumable chunks under its idempotency key (sync/upload.py); the reply
        is returned unverified."""
        return upload(self, item, self.settings.chunk_bytes).receipt

    def fetch_agent_crl(self) -> bytes:
        """The agent revocation list the CERT distributes (DER), unverified: the caller checks its signature."""
        response = self.request("GET", "/v1/agent-crl")
        if response.status_code != 200:
            raise map_status(response.status_code, error_code(response))
        return response.content

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        """Any other call on the same mutual-TLS session (sync/ephoto.py); transport failures are mapped
        like the outbox's, the status is left to the caller."""
        import requests

        try:
            return self._session.request(method, f"{self._base}{path}", timeout=self._timeout, **kwargs)
        except requests.RequestException as exc:
            raise map_request_exception(exc) from exc

    def stream(self, url: str) -> requests.Response:
        """GET an absolute URL on the CERT, the body left to stream (signed update files, sync/updates/);
        transport failures are mapped like the outbox's, the status is left to the caller."""
        import requests

        if not url.startswith(self._base + "/"):
            raise ValueError("only the CERT's own URLs are fetched on its session")
        try:
            return self._session.get(url, stream=True, timeout=self._timeout)
        except requests.RequestException as exc:
            raise map_request_exception(exc) from exc

    def health(self) -> bool:
        import requests

        try:
            response = self._session.get(f"{self._base}/v1/health", timeout=self._timeout)
            return response.status_code == 200 and json_body(response).get("status") == "ok"
        except (requests.RequestException, ValueError, AttributeError):
            return False

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
