"""The simulated camera: an MJPEG stream over HTTP filming a scene the CLI and tests set.

control.py answers the link's camera ops and runs the stream; stream.py serves it; scene.py holds what is
filmed, subjects.py the real face photos, compose.py draws a frame from both; cli.py is `hw-mocks camera`.
"""
