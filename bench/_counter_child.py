"""Child process of the counter-effort benchmark: a station with its simulated devices and the reference
CERT (devstation.demo.station_services), the agent logged in, then the two counter scenarios of
devstation/counter_effort.py played through the real window offscreen; one JSON line per scenario."""

import json
import os
import sys
from pathlib import Path


def main() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from mrz.generator.td3 import TD3CodeGenerator
    from PySide6.QtWidgets import QApplication

    from devstation import counter_effort, scenario
    from devstation.demo import DEMO_PIN, station_services
    from devstation.services import cert_server_command, hw_mocks_command
    from station import config as config_mod
    from station import context
    from station.ui.main_window import MainWindow

    with station_services(Path(sys.argv[1])) as (config_path, sim_port):
        app = QApplication.instance() or QApplication(sys.argv[:1])
        ctx = context.build(config_mod.load(config_path))
        window = MainWindow(ctx)
        window.show()
        try:
            scenario.login(window, lambda: hw_mocks_command(sim_port, "card", "insert", "agent"), DEMO_PIN,
                           lambda _: None)
            scan = lambda text: hw_mocks_command(sim_port, "barcode", "scan", text)  # noqa: E731
            zone = str(TD3CodeGenerator("P", "FRA", "DUPONT", "JEANNE", "17AB12345", "FRA", "900517", "F",
                                        "270319", ""))
            # The adult's stamp is the seeded one; the minor's passport gets its own (42 €), sold now.
            stamp = cert_server_command("stamp", "issue", "--amount", "42", "--data-dir",
                                        str(Path(sys.argv[1]).resolve() / "cert-data")).split()[0]
            for name, play in (("adult_renewal", lambda e: counter_effort.adult_renewal(window, e, scan, zone)),
                               ("minor_couplee_14", lambda e: counter_effort.minor_couplee_14(window, e, stamp))):
                effort = counter_effort.start_counting(window)
                play(effort)
                effort.unwatch()
                print(json.dumps({"scenario": name, "keystrokes": effort.keystrokes, "clicks": effort.clicks,
                                  "scans": effort.scans, "screens": effort.screens, "seconds": effort.seconds}),
                      flush=True)
                scenario.click(window.transmissions.home_button)  # the next applicant
        finally:
            window.close()
            ctx.close()
            del app


if __name__ == "__main__":
    main()
