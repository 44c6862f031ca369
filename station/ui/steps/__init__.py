"""The enrollment wizard's steps, one page each (Qt)."""
