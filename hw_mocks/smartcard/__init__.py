"""The emulated agent card and the reader it sits in.

agent_card.py is the card's application; vpcd_card.py carries its APDUs to and from pcscd's vpcd virtual
reader; pcscd.py runs a private pcscd; control.py answers the link's card ops (insert, remove, faults).
"""
