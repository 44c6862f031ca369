from __future__ import annotations

import threading

import pytest

from devices.worker import DeviceWorker, assert_not_gui_thread


def test_submitted_calls_run_in_order_on_the_worker_thread():
    worker = DeviceWorker("camera")
    try:
        names = [worker.submit(lambda: threading.current_thread().name).result(5) for _ in range(3)]
        assert names == ["device-camera"] * 3
        order: list[int] = []
        futures = [worker.submit(order.append, i) for i in range(20)]
        for f in futures:
            f.result(5)
        assert order == list(range(20))
    finally:
        worker.stop()


def test_exceptions_reach_the_caller_through_the_future():
    worker = DeviceWorker("barcode")
    try:
        with pytest.raises(ValueError, match="boom"):
            worker.submit(lambda: (_ for _ in ()).throw(ValueError("boom"))).result(5)
        assert worker.submit(lambda: 42).result(5) == 42  # the worker survived
    finally:
        worker.stop()


def test_a_stopped_worker_refuses_work_and_its_thread_ends():
    worker = DeviceWorker("fingerprint")
    worker.stop()
    assert not worker.alive
    with pytest.raises(RuntimeError):
        worker.submit(lambda: None)


def test_assert_not_gui_thread_refuses_the_main_thread_only():
    with pytest.raises(RuntimeError, match="GUI"):
        assert_not_gui_thread()
    worker = DeviceWorker("smartcard")
    try:
        worker.submit(assert_not_gui_thread).result(5)
    finally:
        worker.stop()
