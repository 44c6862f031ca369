"""The domain: the dossier, its validation and workflow, and the encrypted store. No Qt, no device I/O."""
