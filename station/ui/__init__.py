"""The station window (Qt): its pages and widgets."""
