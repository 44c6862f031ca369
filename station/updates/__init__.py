"""Installing signed releases on the station (docs/updates.md): the layout, safe unpacking, the self-test,
the switch and the rollback, and the background worker the window drives. Fetching and verifying is below,
in sync/updates/."""
