"""Child process of the cold-start benchmark: open the station up to its login screen as `station` does
(station/app.py), print the time; then wait for the biometric engines the window loads in the background
(station/ui/engines_warmup.py), print the time."""

import os
import sys
import time


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from devstation.login_probe import open_to_painted_login
    from station import config
    from station.ui import engines_warmup

    app, ctx, window = open_to_painted_login(config.load(config.resolve_path(sys.argv[1])))
    print(time.time(), flush=True)
    deadline = time.monotonic() + 60
    while not all(name in sys.modules for name in engines_warmup.ENGINES) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    print(time.time(), flush=True)
    window.close()
    ctx.close()


if __name__ == "__main__":
    main()
