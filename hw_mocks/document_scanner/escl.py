"""The simulated scanner's network face: eSCL (Mopria's "AirScan"), the HTTP protocol most office scanners
of the last decade speak, so the station reaches it through the real SANE library and its `escl` backend.

    GET    /eSCL/ScannerCapabilities          what the scanner can do (flatbed, feeder, modes, resolutions)
    GET    /eSCL/ScannerStatus                Idle / Processing, and the feeder's state (loaded, empty, jam)
    POST   /eSCL/ScanJobs                     ScanSettings XML -> 201, Location: the job
    GET    /eSCL/ScanJobs/<id>/NextDocument   the next page as JPEG; 404 when the job has no more
    DELETE /eSCL/ScanJobs/<id>                the job cancelled

Sizes in eSCL are in 1/300 inch. The page's pixels are rendered at the resolution the job asks for.
"""

from __future__ import annotations

import logging
import threading
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hw_mocks.document_scanner.control import DocumentScannerSim

log = logging.getLogger(__name__)

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"
RESOLUTIONS = (150, 200, 300, 600)
GLASS_300THS = (2550, 3600)  # 8.5 in x 12 in: an A4 or US Letter page fits with room around it
MAX_BODY = 64 * 1024


def _input_caps(tag: str) -> str:
    resolutions = "".join(
        f"<scan:DiscreteResolution><scan:XResolution>{r}</scan:XResolution>"
        f"<scan:YResolution>{r}</scan:YResolution></scan:DiscreteResolution>" for r in RESOLUTIONS)
    return (
        f"<scan:{tag}><scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>{GLASS_300THS[0]}</scan:MaxWidth>"
        f"<scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>{GLASS_300THS[1]}</scan:MaxHeight>"
        "<scan:MaxScanRegions>1</scan:MaxScanRegions><scan:SettingProfiles><scan:SettingProfile>"
        "<scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode>"
        "</scan:ColorModes><scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>"
        "<scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>"
        f"<scan:SupportedResolutions><scan:DiscreteResolutions>{resolutions}</scan:DiscreteResolutions>"
        "</scan:SupportedResolutions></scan:SettingProfile></scan:SettingProfiles>"
        "<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent>"
        "</scan:SupportedIntents><scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution>"
        f"<scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution></scan:{tag}>")


def capabilities(model: str, serial: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<scan:ScannerCapabilities xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">'
        f"<pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>{model}</pwg:MakeAndModel>"
        f"<pwg:SerialNumber>{serial}</pwg:SerialNumber>"
        f"<scan:Platen>{_input_caps('PlatenInputCaps')}</scan:Platen>"
        f"<scan:Adf>{_input_caps('AdfSimplexInputCaps')}<scan:FeederCapacity>50</scan:FeederCapacity></scan:Adf>"
        "</scan:ScannerCapabilities>").encode()


def status(state: str, adf_state: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<scan:ScannerStatus xmlns:scan="{SCAN}" xmlns:pwg="{PWG}"><pwg:Version>2.63</pwg:Version>'
        f"<pwg:State>{state}</pwg:State><scan:AdfState>{adf_state}</scan:AdfState>"
        "</scan:ScannerStatus>").encode()


def job_settings(body: bytes) -> dict[str, Any]:
    """The ScanSettings the client posted: source, resolution, colour mode, region (1/300 in)."""
    root = ET.fromstring(body)

    def text(name: str, default: str) -> str:
        found = root.findall(f".//{{*}}{name}")
        return (found[0].text or default).strip() if found else default

    return {"source": text("InputSource", "Platen"), "dpi": int(text("XResolution", "300")),
            "colour": text("ColorMode", "RGB24"),
            "width": int(text("Width", str(GLASS_300THS[0]))), "height": int(text("Height", str(GLASS_300THS[1]))),
            "x": int(text("XOffset", "0")), "y": int(text("YOffset", "0"))}


def write_sane_config(folder: Path, url: str) -> Path:
    """A private SANE configuration naming this scanner only (export SANE_CONFIG_DIR=folder, or the station's
    `sane_config_dir`): dll.conf loads the escl backend alone, escl.conf names the URL (without an mDNS
    daemon SANE finds network scanners only there)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("escl\n", encoding="utf-8")
    (folder / "escl.conf").write_text(f'device {url} "Recueil Scanner simule"\n', encoding="utf-8")
    return folder


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        log.debug("escl: " + format, *args)

    def _reply(self, code: int, body: bytes = b"", content_type: str = "text/xml",
               headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        sim, path = self.server.sim, self.path.split("?")[0]
        if path == "/eSCL/ScannerCapabilities":
            self._reply(200, capabilities(sim.MODEL, sim.SERIAL))
        elif path == "/eSCL/ScannerStatus":
            self._reply(200, status(sim.escl_state, sim.adf_state))
        elif path.startswith("/eSCL/ScanJobs/") and path.endswith("/NextDocument"):
            job = self.server.jobs.get(path.split("/")[3])
            page = sim.next_page(job) if job is not None else None
            if page is None:
                self._reply(404, b"")
            else:
                self._reply(200, page, "image/jpeg")
        else:
            self._reply(404, b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        if self.path != "/eSCL/ScanJobs" or not 0 < length <= MAX_BODY:
            self._reply(400 if self.path == "/eSCL/ScanJobs" else 404, b"")
            return
        try:
            settings = job_settings(self.rfile.read(length))
        except (ET.ParseError, ValueError):
            self._reply(400, b"")
            return
        refusal = self.server.sim.refuse_job(settings)
        if refusal is not None:
            self._reply(refusal, b"")
            return
        job_id = uuid.uuid4().hex
        self.server.jobs[job_id] = self.server.sim.new_job(settings)
        host, port = self.server.server_address[:2]
        self._reply(201, b"", headers={"Location": f"http://{host}:{port}/eSCL/ScanJobs/{job_id}"})

    def do_DELETE(self) -> None:  # noqa: N802
        job_id = self.path.rstrip("/").split("/")[-1]
        self._reply(200 if self.server.jobs.pop(job_id, None) is not None else 404, b"")


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sim: DocumentScannerSim) -> None:
        self.sim = sim
        self.jobs: dict[str, Any] = {}
        super().__init__(address, _Handler)


class EsclServer:
    """The scanner's HTTP side; `url` is what a SANE `escl.conf` names (`device http://127.0.0.1:PORT`)."""

    def __init__(self, sim: DocumentScannerSim, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _HttpServer((host, port), sim)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="hw-mocks-escl", daemon=True)
        self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
        self._server.server_close()
