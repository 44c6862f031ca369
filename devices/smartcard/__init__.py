"""The agent smart card reader (log-in and signature of dossiers), over PC/SC.

"pcsc" is the only implementation: with a real reader, and in the demo and tests with the card emulator
that hw-mocks plugs into pcscd's vpcd virtual reader.
"""

from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, ReaderStatus
from devices.smartcard.observer import CardObserver
from devices.smartcard.pcsc import PcscSmartCardReader

IMPLEMENTATIONS = {
    "pcsc": PcscSmartCardReader.from_settings,
}

__all__ = [
    "IMPLEMENTATIONS", "CardCallback", "CardInfo", "CardObserver", "CardWatch", "PcscSmartCardReader",
    "ReaderStatus", "SmartCardReader",
]
