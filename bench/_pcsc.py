"""One private pcscd folder for every benchmark family of the process: libpcsclite reads its socket's path
once, at the process's first PC/SC context, so the families that start a pcscd all start it here."""

from devstation.pcsc import point_at_private_pcscd

PCSCD_FOLDER = point_at_private_pcscd()
