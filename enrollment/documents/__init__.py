"""The applicant's supporting documents, checked by the domain (no Qt, no device I/O): `twoddoc` verifies
the signed 2D-Doc barcode a proof of address carries."""
