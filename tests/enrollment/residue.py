"""Searching a SQLCipher store's files for what should be gone: every page of the main file and every frame
of the WAL, as raw bytes and decrypted with the store's key, page by page, so free pages and stale WAL
frames are searched too (an SQL export would show only the live rows).

The page layout is SQLCipher 4's default, which enrollment/store/database.py keeps: 4096-byte pages, each
ending with an 80-byte reserve whose first 16 bytes are the AES-256-CBC IV; page 1 starts with the 16-byte
salt in clear. With a raw key (`x'...'`), the key is the AES key itself.
"""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from enrollment.model import Dossier

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24
SLICE = 24  # bytes of a capture searched for: long enough never to occur by chance


def capture_markers(dossier: Dossier) -> dict[str, list[bytes]]:
    """For each capture of the dossier (photo, each print's image and template, signature, documents), byte
    strings found only in it: a slice of its bytes, and a slice of their base64 as the stored JSON holds
    them. Every marker is checked against the dossier's own JSON, so a search can never pass vacuously."""
    captures: dict[str, bytes] = {}
    if dossier.photo is not None:
        captures["photo"] = dossier.photo.jpeg
    for f in dossier.fingerprints:
        if f.wsq:
            captures[f"fingerprint {f.position.value} image"] = f.wsq
        if f.template:
            captures[f"fingerprint {f.position.value} template"] = f.template
    if dossier.signature is not None:
        for name in ("png", "iso_19794_7"):
            value = getattr(dossier.signature, name)
            if value:
                captures[f"signature {name}"] = value
    for i, doc in enumerate(dossier.documents, start=1):
        captures[f"document {i}"] = doc.png
    stored = dossier.to_json()
    markers = {}
    for name, data in captures.items():
        encoded = base64.urlsafe_b64encode(data)
        # Several places in each capture: a stored value spans pages, and one slice may straddle two.
        raw = [data[len(data) * k // 5:][:SLICE] for k in range(1, 5)]
        b64 = [encoded[len(encoded) * k // 5:][:2 * SLICE] for k in range(1, 5)]
        assert all(m in stored for m in b64), f"{name}: the store's JSON does not hold it as this search expects"
        markers[name] = raw + b64
    return markers


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    if len(page) != PAGE:
        return b""
    start = SALT if first else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + IV]
    body = page[start:PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def store_pages(db_path: Path, key: bytes) -> list[tuple[str, bytes]]:
    """Every page of the main file and of the WAL frames, raw and decrypted, labelled for messages."""
    out: list[tuple[str, bytes]] = []
    main = db_path.read_bytes() if db_path.exists() else b""
    for n in range(0, len(main), PAGE):
        page = main[n:n + PAGE]
        out += [(f"main page {n // PAGE + 1} raw", page),
                (f"main page {n // PAGE + 1} decrypted", _decrypt(page, key, first=n == 0))]
    wal_path = db_path.with_name(db_path.name + "-wal")
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    out.append(("WAL header", wal[:WAL_HEADER]))
    for n in range(WAL_HEADER, len(wal), FRAME_HEADER + PAGE):
        frame = wal[n:n + FRAME_HEADER + PAGE]
        number = int.from_bytes(frame[:4], "big")
        page = frame[FRAME_HEADER:]
        out += [(f"WAL frame of page {number} raw", frame),
                (f"WAL frame of page {number} decrypted", _decrypt(page, key, first=number == 1))]
    return out


def residue(db_path: Path, key: bytes, markers: dict[str, list[bytes]]) -> list[str]:
    """'<capture> in <where>' for each capture still found in the store's files; empty when none is."""
    pages = store_pages(db_path, key)
    found = []
    for name, needles in markers.items():
        where = next((label for label, data in pages for needle in needles if needle in data), None)
        if where is not None:
            found.append(f"{name} in {where}")
    return found


def looks_decrypted(db_path: Path, key: bytes) -> bool:
    """Page 1 decrypted with `key` is an SQLite header: the decryption the search relies on does work."""
    page = db_path.read_bytes()[:PAGE]
    plain = _decrypt(page, key, first=True)
    # Offsets in the SQLite header, shifted by the salt: page size (16) and the reserve size (20).
    return int.from_bytes(plain[0:2], "big") == PAGE and plain[4] == RESERVE
