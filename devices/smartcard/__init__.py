"""The agent smart card reader (log-in and signature of dossiers)."""

from devices.smartcard.driver import SmartCardReader
from devices.smartcard.model import CardInfo
from devices.smartcard.simulated import SimulatedSmartCardReader

IMPLEMENTATIONS = {"simulated": SimulatedSmartCardReader.from_settings}

__all__ = ["IMPLEMENTATIONS", "CardInfo", "SimulatedSmartCardReader", "SmartCardReader"]
