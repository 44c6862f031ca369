"""The emulated USB fingerprint scanner and the applicants who put their fingers on it.

scanner.py answers our command set on the emulated USB bus; control.py carries the applicant's gestures on
the link; persons.py, synth.py and impressions.py make the prints they present; cli.py is `hw-mocks finger`.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    # Lazy: `hw-mocks finger ...` imports cli.py from here and needs neither numpy nor OpenCV.
    if name == "FingerprintSim":
        from hw_mocks.fingerprint.control import FingerprintSim

        return FingerprintSim
    raise AttributeError(name)


__all__ = ["FingerprintSim"]
