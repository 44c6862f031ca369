"""The checks the station makes online while the applicant is at the counter, each ending in a verdict the
agent can act on rather than an exception: the fee stamp (fee_stamp.py, its flashcode in flashcode.py),
the birth data against COMEDEC (comedec.py), the pre-application number against the rendez-vous platform
(appointments.py).

Every verdict carries its French message (sync/strings/) and says whether the agent may go on. A CERT
that cannot be reached is a verdict too (`unreachable`): the agent goes on and the dossier is to be checked
again before sealing or by the CERT. `SyncError` remains for what the counter cannot settle: input that is
not a number at all, a station shut out, a misconfigured token. All block on HTTPS: call them off the GUI
thread.
"""
