"""The serial barcode reader (pyserial) on a pseudo-terminal pair: the test writes, on the master side, the
bytes a USB CDC or RS-232 reader sends; the driver reads the slave side as it would /dev/ttyACM0."""

from __future__ import annotations

import os
import threading

import pytest

from devices.barcode import SerialBarcodeReader
from devices.diagnose import diagnose
from devices.errors import DeviceError
from tests.devices.threads import off_main


@pytest.fixture
def line():
    """(master fd the 'reader' writes to, the slave's path the driver opens)."""
    master, slave = os.openpty()
    path = os.ttyname(slave)
    yield master, path
    for fd in (master, slave):
        try:
            os.close(fd)
        except OSError:
            pass


def reader_on(path: str, **kwargs) -> SerialBarcodeReader:
    return SerialBarcodeReader(path, 9600, **kwargs)


def test_a_code_ended_by_a_carriage_return_is_read(line):
    master, path = line
    reader = reader_on(path)
    off_main(reader.ping)  # the port is open before the scan, as on a station
    os.write(master, b"2501ABCD12\r")
    code = off_main(reader.read, 5.0)
    assert code.text == "2501ABCD12"
    reader.close()


def test_two_codes_in_one_write_and_a_code_in_two_pieces_come_out_one_by_one(line):
    master, path = line
    reader = reader_on(path, suffix="\r\n")
    off_main(reader.ping)
    os.write(master, b"EVX4RTBPFW41\r\n1234567890123456\r\n2501")
    threading.Timer(0.2, os.write, args=(master, b"ABCD12\r\n")).start()
    assert [off_main(reader.read, 5.0).text for _ in range(3)] == ["EVX4RTBPFW41", "1234567890123456", "2501ABCD12"]
    reader.close()


def test_the_prefix_is_stripped_and_a_crlf_reader_set_for_cr_still_reads_clean_codes(line):
    master, path = line
    reader = reader_on(path, prefix="]d2")
    off_main(reader.ping)
    os.write(master, b"]d2DC04FR000001\r\n]d2EVX4RTBPFW41\r\n")
    assert [off_main(reader.read, 5.0).text for _ in range(2)] == ["DC04FR000001", "EVX4RTBPFW41"]
    reader.close()


def test_nothing_scanned_times_out_in_french(line):
    _, path = line
    reader = reader_on(path)
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 0.2)
    assert caught.value.code == "barcode.timeout" and "code-barres" in caught.value.message
    reader.close()


def test_a_reader_that_is_not_plugged_in_is_reported_in_french(tmp_path):
    reader = reader_on(str(tmp_path / "ttyACM9"))
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 0.2)
    assert caught.value.code == "barcode.serial_unavailable"
    assert "port série" in caught.value.message


def test_diagnosis_opens_the_port_and_names_it(line, tmp_path):
    _, path = line
    d = off_main(diagnose, reader_on(path))
    assert d.ok and d.implementation == "serial" and path in d.checks[0].detail
    missing = off_main(diagnose, reader_on(str(tmp_path / "ttyACM9")))
    assert not missing.ok and "port série" in missing.checks[0].detail


def test_a_reader_unplugged_while_open_is_reported_in_french(line):
    master, path = line
    reader = reader_on(path)
    off_main(reader.ping)
    os.close(master)  # the far end hangs up, as a USB CDC device pulled out
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 1.0)
    assert caught.value.code == "barcode.serial_unavailable"
