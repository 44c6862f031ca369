"""The simulated flatbed scanner: control.py answers the link's scanner ops and draws the pages it scans."""
