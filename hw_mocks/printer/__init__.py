"""A simulated network printer (hw_mocks/printer/socket_printer.py)."""
