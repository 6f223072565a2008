"""Racing users on PostgreSQL: the row lock serialises them."""

import threading

import pytest
from django.db import connection

from casework.choices import State
from casework.models import Case, CaseEvent
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
