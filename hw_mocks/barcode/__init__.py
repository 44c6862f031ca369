"""The simulated barcode reader: control.py answers the link's barcode ops (codes queued to be scanned)."""
