"""The emulated USB signature pad and the person who signs on it.

pad.py answers the pad's protocol on the emulated USB bus; handwriting.py makes the strokes a person draws;
control.py carries the gestures and faults on the link; cli.py is `hw-mocks pad`.
"""
