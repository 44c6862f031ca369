"""The CERT's data folder holds dossiers, faces, phone numbers and half-received packages: only the
service's own user may read it. Folders are 0700 and files 0600, whatever the caller's umask.

`cert-server` sets the process umask to 0077 before it opens anything, so every file SQLite (the
databases and their -wal/-shm), the partial uploads, the SMS file and `dump` create is private from its
first byte; there is no window in which a file exists with wider rights. `make_private` also narrows
what an older version, or an operator's copy, left wider.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600


def restrict_process() -> None:
    """Every file and folder this process creates from now on is its user's only."""
    os.umask(PRIVATE_UMASK)


def make_private(data_dir: Path) -> None:
    """Create `data_dir` (0700) or narrow it and everything under it (folders 0700, files 0600)."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    data_dir.chmod(DIR_MODE)
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            Path(root, name).chmod(DIR_MODE)
        for name in files:
            path = Path(root, name)
            if not path.is_symlink():  # never follow a link out of the folder to change another file
                path.chmod(FILE_MODE)
