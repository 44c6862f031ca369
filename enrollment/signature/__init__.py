"""The applicant's signature: checks, rendering and the pen's time series."""
