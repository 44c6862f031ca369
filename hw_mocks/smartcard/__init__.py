"""The emulated agent card and the reader it sits in.

piv_card.py is the card's PIV application (what OpenSC reads); card_data.py what each test card carries;
vpcd_card.py carries its APDUs to and from pcscd's vpcd virtual reader; pcscd.py runs a private pcscd;
control.py answers the link's card ops (insert, remove, faults).
"""
