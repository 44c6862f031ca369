"""The development station: what runs a whole Recueil station on a developer's machine, for the demo, the
tests and the benchmarks, and never on a mairie's station.

It holds the stand-ins the station talks to and how to start them (the reference CERT service, the
simulated devices behind a private pcscd, a private software TPM), the scripted enrollment that drives
the window like an agent, fictitious dossiers, and the demo itself (`python -m devstation.demo`, which
`make demo` runs). It sits above everything it drives and may import any of it; nothing of the product
(station, sync, enrollment, devices) imports it, and the wheel `pyproject.toml` builds leaves it out:
the dev checkout finds it because `uv sync` installs the project editable, from the checkout's root.
pytest fixtures stay in tests/fixtures and wrap what is here."""
