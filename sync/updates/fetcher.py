"""TUF's downloads over the station's mutual-TLS session to the CERT (the one sync/transport.py makes):
the repository is behind the CERT's client-certificate check, like every other route."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tuf.api.exceptions import DownloadHTTPError
from tuf.ngclient import FetcherInterface

if TYPE_CHECKING:
    from ..transport import CertClient

CHUNK_BYTES = 256 * 1024


class CertFetcher(FetcherInterface):
    def __init__(self, client: CertClient) -> None:
        self.client = client

    def _fetch(self, url: str) -> Iterator[bytes]:
        # The client's session carries the station certificate and trusts the CERT root only; a SyncError
        # (network down) becomes TUF's DownloadError in FetcherInterface.fetch.
        response = self.client.stream(url)
        if response.status_code != 200:
            response.close()
            raise DownloadHTTPError(f"GET {url} answered {response.status_code}", response.status_code)
        return self._chunks(response)

    @staticmethod
    def _chunks(response) -> Iterator[bytes]:  # type: ignore[no-untyped-def]
        try:
            yield from response.iter_content(CHUNK_BYTES)
        finally:
            response.close()
