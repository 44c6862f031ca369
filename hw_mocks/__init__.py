"""Simulated devices of the station, served over the "simulated device link" (see docs/simulated-devices.md).

This package shares nothing with `devices/` but the published protocol: it must not import the station's
packages, so a driver and its simulator can only agree through the document.
"""
