"""The agent smart card reader (log-in and signature of dossiers), through the card's PKCS#11 module.

"pkcs11" is the only implementation: OpenSC's module (PIV, IAS-ECC and many national cards) or the card
vendor's, over PC/SC; in the demo and tests, OpenSC reads the PIV card that hw-mocks plugs into pcscd's
vpcd virtual reader.
"""

from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardCallback, CardInfo, CardWatch, PinState, ReaderStatus
from devices.smartcard.observer import CardObserver
from devices.smartcard.pkcs11_reader import Pkcs11SmartCardReader

IMPLEMENTATIONS = {
    "pkcs11": Pkcs11SmartCardReader.from_settings,
}

__all__ = [
    "IMPLEMENTATIONS", "CardCallback", "CardInfo", "CardObserver", "CardWatch", "PinState",
    "Pkcs11SmartCardReader", "ReaderStatus", "SmartCardReader",
]
