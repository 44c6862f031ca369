from tests.enrollment.signature.pad import pad_bus  # noqa: F401 - the emulated pad fixture
