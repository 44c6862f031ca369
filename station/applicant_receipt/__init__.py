"""What the station prints for the applicant: the récépissé when an application is sealed, the attestation
when a title is handed over. One renderer (pdf.py) for both; the content (content.py) holds only what the
applicant needs to recognise the paper: their name, no birth date, no address, no biometrics."""

from station.applicant_receipt.content import Receipt, TitleLine, handover_receipt, recepisse
from station.applicant_receipt.pdf import render_pdf

__all__ = ["Receipt", "TitleLine", "handover_receipt", "recepisse", "render_pdf"]
