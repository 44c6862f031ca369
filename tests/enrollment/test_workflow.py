"""The dossier's moves, driven without any screen: what the agent may do, and what is refused in French."""

from datetime import date

import pytest

from devstation.factories import complete_dossier
from enrollment import workflow
from enrollment.errors import EnrollmentError
from enrollment.model import Dossier, State
from enrollment.workflow import IncompleteDossier

TODAY = date(2026, 11, 27)


def test_a_new_application_is_an_empty_draft_in_the_agents_name():
    d = workflow.start("AG-0001")
    assert (d.state, d.agent_id, d.civil.surname) == (State.DRAFT, "AG-0001", "")


def test_a_valid_draft_completes_then_goes_back_to_draft_when_edited_and_completes_again():
    d = complete_dossier()
    workflow.complete(d, TODAY)
    assert d.state is State.COMPLETE
    workflow.edit(d)
    assert d.state is State.DRAFT
    workflow.complete(d, TODAY)
    workflow.seal(d, TODAY)
    assert d.state is State.SEALED


def test_completing_an_incomplete_draft_is_refused_with_what_to_fix():
    d = complete_dossier()
    d.documents = []
    d.fee_stamp = ""
    with pytest.raises(IncompleteDossier) as refused:
        workflow.complete(d, TODAY)
    assert refused.value.code == "workflow.incomplete"
    assert "2 point(s) à corriger" in refused.value.message
    assert {p.code for p in refused.value.problems} == {"documents.missing.justificatif_domicile", "fee_stamp.missing"}
    assert d.state is State.DRAFT


def test_resuming_makes_a_complete_dossier_a_draft_in_the_resuming_agents_name():
    d = complete_dossier(agent_id="AG-0004")
    workflow.complete(d, TODAY)
    workflow.reopen(d, "AG-0001")
    assert (d.state, d.agent_id) == (State.DRAFT, "AG-0001")


@pytest.mark.parametrize("state", [State.SEALED, State.QUEUED, State.SENT, State.ACKNOWLEDGED, State.PURGED])
def test_nothing_after_sealing_is_edited_completed_or_resumed(state: State):
    d = complete_dossier()
    d.state = state
    for move in (workflow.edit, lambda x: workflow.complete(x, TODAY), lambda x: workflow.reopen(x, "AG-2")):
        with pytest.raises(EnrollmentError) as refused:
            move(d)
        assert refused.value.code == "workflow.transition"
        assert workflow.STATE_LABELS[state] in refused.value.message
    assert d.state is state and d.agent_id == "AG-0001"


def test_a_draft_cannot_be_sealed_even_when_it_would_pass_the_rules():
    d = complete_dossier()
    with pytest.raises(EnrollmentError) as refused:
        workflow.seal(d, TODAY)
    assert refused.value.code == "workflow.transition" and "brouillon" in refused.value.message
    assert d.state is State.DRAFT


def test_sealing_a_dossier_changed_after_completion_is_refused():
    d = complete_dossier()
    workflow.complete(d, TODAY)
    d.signature = None  # changed behind the workflow's back: still marked complete
    with pytest.raises(IncompleteDossier) as refused:
        workflow.seal(d, TODAY)
    assert [p.code for p in refused.value.problems] == ["signature.missing"]
    assert d.state is State.COMPLETE


def test_sealing_judges_the_rules_on_the_day_of_sealing():
    d = complete_dossier(birth=date(2014, 11, 28))  # eleven on completion day, twelve the next
    d.fingerprints = []
    workflow.complete(d, TODAY)
    with pytest.raises(IncompleteDossier) as refused:
        workflow.seal(d, date(2026, 11, 28))
    assert [p.code for p in refused.value.problems] == ["fingerprints.missing"]


def test_the_store_check_lets_drafts_through_but_not_an_invalid_complete_nor_anything_sealed():
    draft = Dossier(agent_id="AG-0001")
    workflow.check_storable(None, draft, TODAY)
    workflow.check_storable(State.COMPLETE, draft, TODAY)
    marked = Dossier(agent_id="AG-0001", state=State.COMPLETE)  # set by hand, never validated
    with pytest.raises(IncompleteDossier):
        workflow.check_storable(State.DRAFT, marked, TODAY)
    with pytest.raises(EnrollmentError):
        workflow.check_storable(None, Dossier(state=State.SEALED), TODAY)
    with pytest.raises(EnrollmentError):
        workflow.check_storable(State.QUEUED, draft, TODAY)
