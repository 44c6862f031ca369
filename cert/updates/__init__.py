"""Signed station updates: the CERT's TUF repository (docs/updates.md), its routes and its commands."""
