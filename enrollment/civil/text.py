"""How a name typed at the counter and a name of the COG are compared: folded to lower-case ASCII words.

Accents, case, hyphens and apostrophes do not count ("L'Haÿ-les-Roses" = "l hay les roses"), and the
abbreviations agents and old registers use for saints are read whole ("St", "Ste", "Sts", "Stes")."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter and an accent.
# (By code point: œ, Œ, æ, Æ, ß; as letters they would read as French text to the catalogue test.)
_LIGATURES = str.maketrans({chr(0x153): "oe", chr(0x152): "oe", chr(0xE6): "ae", chr(0xC6): "ae", chr(0xDF): "ss"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# The articles the COG writes before a name ("Le Havre", "L'Abergement-Clémenciat"), which agents often omit.
ARTICLES = frozenset({"le", "la", "les", "l"})


def words(text: str) -> list[str]:
    """The folded words of `text`, abbreviations expanded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return [_ABBREVIATIONS.get(w, w) for w in _NOT_WORD.split(ascii_text) if w]


def fold(text: str) -> str:
    """`text` as one folded string of words separated by single spaces."""
    return " ".join(words(text))


def without_article(folded: str) -> str:
    """A folded name without its leading article, or itself when it has none."""
    head, _, rest = folded.partition(" ")
    return rest if head in ARTICLES and rest else folded
