"""Racing users on PostgreSQL: the row lock serialises them."""

import threading

import pytest
from django.db import connection

from casework.choices import State
from casework.models import Case, CaseEvent, Document
from workflows.errors import StateConflict
from workflows.services import case_perform

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(n, work):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = ("ok", work(i))
        except Exception as exc:  # each outcome is asserted by the caller
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_eight_threads_accepting_one_case(fresh_world):
    case = fresh_world.register()
    results = race(
        8,
        lambda i: (
            case_perform(
                case_id=case.pk, action="accept", actor=fresh_world.supervisor, data={}
            ).state
        ),
    )
    oks = [r for kind, r in results if kind == "ok"]
    errors = [r for kind, r in results if kind == "error"]
    assert oks == [State.ACCEPTED]
    assert len(errors) == 7
    assert all(isinstance(e, StateConflict) and e.status == 409 for e in errors), errors
    assert CaseEvent.objects.filter(case=case, action="CASE_ACCEPTED").count() == 1
    assert Case.objects.get(pk=case.pk).event_count == 2


def test_eight_threads_registering_get_eight_consecutive_references(fresh_world):
    results = race(8, lambda i: fresh_world.register(subject=f"Đơn {i}").reference)
    refs = sorted(r for kind, r in results if kind == "ok")
    assert len(refs) == 8, results
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert numbers == list(range(1, 9))


def test_eight_issuers_at_once_number_their_notices_without_gap_or_duplicate(
    fresh_world, settings, tmp_path
):
    # Eight supervisors' acts at the same moment, each issuing notices in the unit's series:
    # one per rejection (TB), one per acceptance (TB), one slip per transfer (PC): each end its
    # own document, no closure notice beside it.
    settings.MEDIA_ROOT = tmp_path / "media"
    acts = ["reject", "accept", "transfer", "accept", "reject", "accept", "transfer", "accept"]
    # A complaint is guided, never transferred: the slips are a petition's.
    cases = [
        fresh_world.register(
            subject=f"Đơn {i}", kind="petition" if acts[i] == "transfer" else "complaint"
        )
        for i in range(8)
    ]

    def act(i):
        case = fresh_world.perform(cases[i], acts[i])
        return case.state

    results = race(8, act)
    assert all(kind == "ok" for kind, _ in results), results
    documents = list(Document.objects.filter(case__in=cases))
    by_code = {}
    for document in documents:
        sequence, rest = document.number.split("/")
        assert int(sequence) == document.sequence and rest.endswith("-PROV")
        by_code.setdefault(rest, []).append(document.sequence)
    # TB: 2 rejections + 4 acceptances = 6; PC: 2 slips.
    assert sorted(by_code["TB-PROV"]) == list(range(1, 7))
    assert sorted(by_code["PC-PROV"]) == [1, 2]
    assert all(d.status == "ready" for d in documents), [(d.number, d.error) for d in documents]
    assert len({d.code for d in documents}) == len(documents)
