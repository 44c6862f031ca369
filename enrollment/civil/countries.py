"""Finding the country of birth of an applicant born abroad: by its French name, or by its COG code (99xxx).

The same folding as the communes' (accents, case, hyphens, apostrophes ignored) and the same ranking:
the name exactly, then names starting with the text, then names holding its words."""

from __future__ import annotations

from ..strings import message
from .reference import CogError, Country, Reference
from .text import fold, without_article, words


class CountryIndex:
    def __init__(self, reference: Reference) -> None:
        self._countries = reference.countries
        self._by_code = {c.code: c for c in self._countries}
        self._folded = [fold(c.name) for c in self._countries]

    def country(self, code: str) -> Country:
        """The country of a COG code; CogError (French) when none has it."""
        found = self._by_code.get(code.strip())
        if found is None:
            raise CogError("country.unknown", message("country.unknown", cog=code))
        return found

    def search(self, text: str, limit: int = 20) -> list[Country]:
        query = words(text)
        if not query:
            return []
        joined = " ".join(query)
        ranked = []
        for i, folded in enumerate(self._folded):
            bare = without_article(folded)
            name_words = folded.split()
            if joined in (folded, bare):
                rank = 0
            elif folded.startswith(joined) or bare.startswith(joined):
                rank = 1
            elif all(any(n.startswith(q) for n in name_words) for q in query):
                rank = 2
            else:
                continue
            ranked.append((rank, len(folded), folded, i))
        return [self._countries[i] for *_, i in sorted(ranked)[:limit]]
