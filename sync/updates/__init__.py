"""The station's TUF client of signed releases (docs/updates.md): fetch and verify, never install.

Installing lives above, in station/updates/: this layer hands over a verified archive and the release's
signed rollout, nothing else."""
