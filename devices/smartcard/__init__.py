"""The agent smart card reader (log-in and signature of dossiers), over PC/SC.

"pcsc" is the only implementation: with a real reader, and in the demo and tests with the card emulator
that hw-mocks plugs into pcscd's vpcd virtual reader.
"""

from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, PinState, ReaderStatus
from devices.smartcard.observer import CardObserver
from devices.smartcard.pcsc import PcscSmartCardReader
from devices.smartcard.pkcs11_reader import Pkcs11SmartCardReader

IMPLEMENTATIONS = {
    "pcsc": PcscSmartCardReader.from_settings,
    "pkcs11": Pkcs11SmartCardReader.from_settings,
}

__all__ = [
    "IMPLEMENTATIONS", "CardCallback", "CardInfo", "CardObserver", "CardWatch", "PcscSmartCardReader",
    "PinState", "Pkcs11SmartCardReader", "ReaderStatus", "SmartCardReader",
]
