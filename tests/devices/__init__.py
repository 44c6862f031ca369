"""Tests of the device layer, through the real simulated device link."""
