"""Tests of the simulated devices (the hw-mocks process)."""
