"""The place-of-birth field as the agent uses it, offscreen: typing proposes "Name (dép.)" with what became
of a former commune, picking gives the code of the day of birth, a country replaces the commune when born
abroad."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from enrollment.civil.communes import CommuneIndex
from enrollment.civil.countries import CountryIndex
from enrollment.civil.reference import shared
from station.ui.commune_field import BirthPlace, CommuneField


@pytest.fixture(scope="module")
def indexes() -> tuple[CommuneIndex, CountryIndex]:
    return CommuneIndex(shared()), CountryIndex(shared())


@pytest.fixture
def field(qtbot, indexes) -> CommuneField:
    w = CommuneField(*indexes)
    qtbot.addWidget(w)
    w.show()
    return w


def pick(qtbot, field: CommuneField, typed: str, proposal: str) -> None:
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, typed)
    assert proposal in field.proposals()
    field.completer.activated[str].emit(proposal)


def test_homonyms_are_proposed_with_their_departement(qtbot, field):
    qtbot.keyClicks(field.edit, "Saint-Martin 32")
    assert field.proposals()[0] == "Saint-Martin (32)"
    assert field.completer.popup().isVisible()


def test_picking_a_merged_commune_gives_its_code_of_the_day_of_birth(qtbot, field):
    field.set_birth_date(date(1960, 5, 1))
    with qtbot.waitSignal(field.chosen) as chosen:
        pick(qtbot, field, "st bois", "Saint-Bois (01) — ancienne commune, fusionnée dans Arboys en Bugey en 2016")
    assert chosen.args == [BirthPlace("01340", "Saint-Bois")]
    assert field.edit.text() == "Saint-Bois"


def test_a_date_of_birth_when_the_chosen_name_did_not_exist_drops_the_choice(qtbot, field):
    pick(qtbot, field, "Cereste-en", "Céreste-en-Luberon (04)")
    assert field.choice() == BirthPlace("04045", "Céreste-en-Luberon")
    field.set_birth_date(date(2030, 1, 1))
    assert field.choice() == BirthPlace("04045", "Céreste-en-Luberon")
    field.set_birth_date(date(1980, 1, 1))  # then it was Céreste
    assert field.choice() is None


def test_the_longest_name_fits_whole(qtbot, field):
    name = "Saint-Vincent-de-Mercuze-Sainte-Marie-du-Mont"
    field.set_birth_date(date(1975, 1, 1))
    qtbot.keyClicks(field.edit, name)
    assert field.edit.text() == name
    assert field.proposals()[0].startswith(f"{name} (38)")


def test_typing_again_after_a_choice_forgets_it(qtbot, field):
    pick(qtbot, field, "Le Hav", "Le Havre (76)")
    assert field.choice() == BirthPlace("76351", "Le Havre")
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert field.choice() is None


def test_a_name_typed_whole_and_unique_stands_without_picking(qtbot, field):
    qtbot.keyClicks(field.edit, "Le Havre")
    field.completer.popup().hide()
    field.edit.editingFinished.emit()
    assert field.choice() == BirthPlace("76351", "Le Havre")


def test_born_abroad_switches_to_the_countries(qtbot, field):
    field.abroad.setChecked(True)
    assert field.edit.placeholderText() == "Nom du pays"
    pick(qtbot, field, "Allem", "Allemagne (99109)")
    assert field.choice() == BirthPlace("99109", "Allemagne", abroad=True)
    field.abroad.setChecked(False)
    assert field.choice() is None and field.edit.text() == ""
