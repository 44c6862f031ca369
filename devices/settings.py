"""Which implementation each device uses, and where the simulated devices listen."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: tuple[str, ...] = (
    "camera", "fingerprint", "signature_pad", "barcode", "document_scanner", "smartcard", "printer",
)

DEFAULT_SIMULATOR_PORT = 47800


# The agent card has no link simulator: its driver goes through PKCS#11 and PC/SC (to an emulated card in the demo).
# The camera is always read through OpenCV (a USB camera, or hw-mocks' virtual camera stream in the demo).
DEFAULTS: dict[str, str] = {kind: "simulated" for kind in KINDS} | {"smartcard": "pkcs11", "camera": "opencv",
                                                                        "fingerprint": "usb", "signature_pad": "usb",
                                                                        "document_scanner": "sane", "printer": "cups"}


def _defaults() -> dict[str, str]:
    return dict(DEFAULTS)


@dataclass(frozen=True)
class DeviceSettings:
    simulator_host: str = "127.0.0.1"
    simulator_port: int = DEFAULT_SIMULATOR_PORT
    # kind -> implementation name; a kind left out uses its DEFAULTS entry.
    implementations: dict[str, str] = field(default_factory=_defaults)
    # Budget for a quick request on the simulated link (captures add their own timeout on top), and for
    # one card command through pcscd.
    link_timeout_s: float = 5.0
    # The agent card reader: the first PC/SC reader whose name contains this text ("" = the first reader).
    smartcard_reader: str = ""
    # The agent card's PKCS#11 module ("" = OpenSC's, devices/smartcard/pkcs11_module.py), and the agent's
    # certificate on the token: its label or CKA_ID in hex ("" = the first certificate able to sign).
    smartcard_module: str = ""
    smartcard_key: str = ""
    # The USB transport of the USB drivers: "libusb" (real devices) or "sim://HOST:PORT" (hw-mocks' bus).
    usb_backend: str = "libusb"
    # Camera (OpenCV): a device index ("0" = /dev/video0) or a stream URL/path, and the mode asked of it
    # (a stream's mode is the sender's: the diagnosis then checks it matches).
    camera_source: str = "0"
    camera_width: int = 1280
    camera_height: int = 720
    camera_fps: float = 15.0
    # Barcode reader. Keyboard wedge: what the reader types before and after each code (configured on the
    # reader itself; prefix "" = none), and the longest gap between its keys (devices/barcode/wedge.py).
    # Serial (USB CDC or RS-232): the port and its speed; the prefix and suffix apply too. Camera: the
    # source read for codes, "" = the photo camera's (a USB camera opens once: give the reader its own).
    barcode_prefix: str = ""
    barcode_suffix: str = "\r"
    barcode_max_gap_ms: float = 30.0
    barcode_serial_port: str = "/dev/ttyACM0"
    barcode_serial_baud: int = 9600
    barcode_camera_source: str = ""
    # Signature through the system's pen tablet ("tablet"): a mouse or a finger is refused unless allowed
    # here, because only a pen gives the pressure and the hand's timing a signature record is kept for.
    signature_allow_mouse: bool = False
    # Document scanner through SANE: the device ("" = the first SANE lists; `scanimage -L` names them), the
    # resolution and colour mode asked of it, and a private SANE configuration folder ("" = the system's).
    document_scanner_device: str = ""
    document_scanner_dpi: int = 300
    document_scanner_mode: str = "gray"
    sane_config_dir: str = ""
    # Printer through CUPS: the queue ("" = the system's default) and the scheduler ("" = the system's; a
    # socket path or host:port names another, as the demo's private cupsd).
    printer_name: str = ""
    cups_server: str = ""
    # SBI devices (MOSIP's Secure Biometric Interface, fingerprint = "sbi" / camera = "sbi"): the service's
    # port (0 = discover across 4501-4600), the scanner and the camera wanted when several answer (their
    # serial numbers, "" = the first ready), the device providers' CA certificates the station trusts (a PEM
    # bundle), and the environment the devices are registered for.
    sbi_port: int = 0
    sbi_fingerprint_device: str = ""
    sbi_camera_device: str = ""
    sbi_trust: str = ""
    sbi_env: str = "Production"

    def implementation(self, kind: str) -> str:
        return self.implementations.get(kind, DEFAULTS.get(kind, "simulated"))
