"""Fingerprints: quality (NFIQ 2), capture plan, templates and WSQ."""
