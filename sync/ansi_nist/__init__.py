"""The biometric part of the sealed package: an ANSI/NIST-ITL 1-2011 transaction in traditional encoding
(NIST SP 500-290). Profile and Type-2 tags: docs/ansi-nist.md."""

from .encode import encode
from .parse import parse
from .records import AnsiNistError, Record, Transaction
from .transaction import transaction_from_dossier

__all__ = ["AnsiNistError", "Record", "Transaction", "encode", "parse", "transaction_from_dossier"]
