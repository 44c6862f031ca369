"""The commune of birth as agents look for it: by name however typed, told apart from its homonyms, found
under a former name with what became of it, and by code at the date of birth."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrollment.civil.communes import EXACT, PREFIX, WORDS, CommuneIndex
from enrollment.civil.countries import CountryIndex
from enrollment.civil.reference import CogError, shared


@pytest.fixture(scope="module")
def communes() -> CommuneIndex:
    return CommuneIndex(shared())


def codes(index: CommuneIndex, text: str, **kw) -> list[str]:
    return [m.commune.insee for m in index.search(text, **kw)]


def test_the_shipped_list_says_where_it_comes_from_and_is_whole():
    ref = shared()
    assert ref.year == 2024 and "INSEE COG 2024" in ref.source
    assert sum(c.current for c in ref.communes) > 34_900  # every commune of 2024 and the 45 arrondissements
    assert len(ref.countries) > 200


def test_homonyms_are_told_apart_by_departement_number_or_name(communes):
    everywhere = {m.commune.department for m in communes.search("Saint-Martin", limit=200) if m.rank == EXACT}
    assert len(everywhere) > 5
    for text in ("Saint-Martin 32", "Saint-Martin (Gers)", "saint martin gers"):
        first = communes.search(text)[0]
        assert (first.commune.insee, first.rank) == ("32389", EXACT)
        assert all(m.commune.department == "32" for m in communes.search(text))
    assert communes.search("Sainte-Marie (Cantal)")[0].commune.insee == "15198"


def test_a_commune_merged_since_is_found_with_its_code_of_the_day_of_birth(communes):
    # Saint-Bois (Ain) joined Arboys en Bugey on 1 January 2016; a birth in 1960 was registered under 01340.
    match = communes.search("Saint-Bois", on=date(1960, 5, 1))[0]
    assert match.commune.insee == "01340" and match.commune.valid_on(date(1960, 5, 1))
    assert match.status == "ancienne commune, fusionnée dans Arboys en Bugey en 2016"
    assert communes.commune("01340", on=date(1960, 5, 1)).name == "Saint-Bois"
    with pytest.raises(CogError) as refused:
        communes.commune("01340", on=date(2020, 1, 1))
    assert "ne désignait aucune commune le 01/01/2020" in refused.value.message


def test_a_renamed_commune_gives_its_name_of_the_day(communes):
    assert communes.commune("04045", on=date(1980, 1, 1)).name == "Céreste"
    assert communes.commune("04045").name == "Céreste-en-Luberon"
    assert communes.search("Céreste")[0].status == "ancien nom, devenue Céreste-en-Luberon en 2024"
    # Longraye re-established in 1983: the code goes on under its former name.
    assert communes.search("Hottot-Longraye")[0].status == "ancien nom, devenue Hottot-les-Bagues en 1983"
    # Corsica's codes before 1976: 20004, now 2A004.
    assert communes.commune("20004", on=date(1970, 1, 1)).name == "Ajaccio"


def test_the_longest_names_are_found_whole(communes):
    longest = max((c for c in shared().communes if c.current), key=lambda c: len(c.name))
    assert len(longest.name) >= 45
    first = communes.search(longest.name)[0]
    assert (first.commune, first.rank) == (longest, EXACT)
    assert communes.search(longest.name.upper().replace("-", " "))[0].commune == longest


@pytest.mark.parametrize("typed", [
    "L'Haÿ-les-Roses", "l hay les roses", "L’HAY-LES-ROSES", "Hay les Roses", "lhay les roses"[1:],
])
def test_accents_apostrophes_hyphens_and_articles_do_not_count(communes, typed):
    assert communes.search(typed)[0].commune.insee == "94038"


@pytest.mark.parametrize("typed", ["St-Étienne", "st etienne", "Saint Etienne", "ST ÉTIENNE 42"])
def test_saint_is_read_whole_when_abbreviated(communes, typed):
    assert communes.search(typed)[0].commune.insee == "42218"


def test_results_are_ranked_exact_then_prefix_then_words(communes):
    ranks = [m.rank for m in communes.search("Paris", limit=200)]
    assert ranks == sorted(ranks) and {EXACT, PREFIX, WORDS} <= set(ranks)
    assert communes.search("Paris")[0].commune.insee == "75056"
    assert communes.search("havre")[0].commune.name == "Le Havre"


def test_an_unknown_code_is_refused_in_french(communes):
    with pytest.raises(CogError) as refused:
        communes.commune("99999")
    assert refused.value.message == "Aucune commune n'a le code INSEE 99999 : vérifiez-le."


def test_countries_by_french_name_or_cog_code():
    countries = CountryIndex(shared())
    assert countries.search("etats unis")[0].iso3 == "USA"
    assert countries.search("Côte d'Ivoire")[0].code == "99326"
    assert countries.country("99109").name == "Allemagne"
    with pytest.raises(CogError):
        countries.country("99999")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), day=st.none() | st.dates())
def test_search_never_fails_whatever_is_typed(communes, text, day):
    for m in communes.search(text, on=day):
        assert m.label
    CountryIndex(shared()).search(text)
