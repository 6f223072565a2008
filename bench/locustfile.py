"""Locust scenarios of the load benchmarks (bench/load.py runs them headless).

The users, their tokens and the server come from the JSON file named by ``BENCH_LOAD_FILE``,
which bench/load.py writes: a team per unit (an intake officer, a supervisor, an investigator),
so that no two simulated people act on the same case.

- ``BaselineUser``: ``POST /bench/baseline/`` (lock a row, update it, insert one), flat out;
- ``LifecycleUser``: a full first-round complaint through the API, flat out: register, accept,
  assign, record_findings (the demand differs), record_dialogue, resolve (six requests);
- ``IntakeUser``, ``SupervisorUser``, ``InvestigatorUser``, ``AuditorUser``: the soak's people,
  each at a human pace, each acting only on its own team's cases.
"""

import itertools
import json
import os
import random
import threading

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

from workflows.management import demo_data

with open(os.environ["BENCH_LOAD_FILE"], encoding="utf-8") as handle:
    PLAN = json.load(handle)
TEAMS = PLAN["teams"]
_counters: dict[str, itertools.count] = {}
_lock = threading.Lock()


def next_team(kind: str) -> dict:
    """The next team for one kind of user: no two users of a kind share a team."""
    with _lock:
        counter = _counters.setdefault(kind, itertools.count())
        return TEAMS[next(counter) % len(TEAMS)]


def auth(token: str) -> dict:
    return {"Authorization": f"Token {token}", "Accept-Language": "en"}


class _ApiUser(FastHttpUser):
    abstract = True
    host = PLAN["host"]

    def call(self, method, path, token, name, body=None, ok=(200, 201)):
        with self.client.request(
            method, path, headers=auth(token), json=body, name=name, catch_response=True
        ) as response:
            if response.status_code not in ok:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            return response.json()


def registration(team: dict) -> dict:
    n = random.randrange(10**11)
    return {
        "kind": "complaint",
        "channel": "in_person",
        "subject": f"Khiếu nại quyết định hành chính số {n % 1000}/QĐ-UBND",
        "content": "Đề nghị xem xét lại quyết định hành chính.",
        "unit": team["unit"],
        "petitioners": [{"full_name": f"Người khiếu nại {n}", "id_number": f"0{n:011d}"}],
    }


#: The minutes of the dialogue the decision waits for (Complaints Law Art. 30): the demo's.
DIALOGUE = demo_data.DIALOGUE


def lifecycle(user: _ApiUser, team: dict) -> bool:
    """Six requests: a first-round complaint from its registration to its decision, with the
    dialogue its findings call for."""
    case = user.call("POST", "/api/v1/cases/", team["intake"], "register", registration(team))
    if case is None:
        return False
    path = f"/api/v1/cases/{case['id']}/transitions"
    steps = [
        ("accept", team["supervisor"], {}),
        ("assign", team["supervisor"], {"assignee": team["investigator_username"]}),
        (
            "record_findings",
            team["investigator"],
            {"findings": "Đã xác minh.", "demand_differs": True},
        ),
        ("record_dialogue", team["supervisor"], DIALOGUE),
        ("resolve", team["supervisor"], {"outcome": "rejected", "decision_summary": "Giữ."}),
    ]
    for name, token, body in steps:
        if user.call("POST", f"{path}/{name}/", token, name, body) is None:
            return False
    return True


class BaselineUser(_ApiUser):
    wait_time = constant(0)

    @task
    def baseline(self):
        self.call("POST", "/bench/baseline/", PLAN["baseline_token"], "baseline", {})


class LifecycleUser(_ApiUser):
    wait_time = constant(0)

    def on_start(self):
        self.team = next_team("lifecycle")

    @task
    def complaint(self):
        lifecycle(self, self.team)


class IntakeUser(_ApiUser):
    """Registers a letter now and then, and looks at the cases registered."""

    wait_time = between(2, 6)
    fixed_count = len(TEAMS)

    def on_start(self):
        self.team = next_team("intake")

    @task(1)
    def register(self):
        self.call(
            "POST", "/api/v1/cases/", self.team["intake"], "register", registration(self.team)
        )

    @task(2)
    def my_cases(self):
        self.call("GET", "/api/v1/cases/?page_size=25", self.team["intake"], "cases list")


class SupervisorUser(_ApiUser):
    """The morning queue, then the next act on the team's cases: accept, assign, resolve."""

    wait_time = between(1, 4)
    fixed_count = len(TEAMS)

    def on_start(self):
        self.team = next_team("supervisor")

    def first(self, state):
        page = self.call(
            "GET",
            f"/api/v1/cases/?state={state}&page_size=5",
            self.team["supervisor"],
            f"cases ?state={state}",
        )
        mine = [c for c in (page or {}).get("results", []) if c["unit"] == self.team["unit"]]
        return mine[0] if mine else None

    @task(3)
    def queue(self):
        # The busiest unit's queue: the million cases' worth of reading.
        self.call("GET", "/api/v1/queues/overdue/", PLAN["queue"]["supervisor"], "queue overdue")

    @task(2)
    def act(self):
        token = self.team["supervisor"]
        for state, name, body in (
            ("investigated", "resolve", {"outcome": "rejected", "decision_summary": "Giữ."}),
            ("accepted", "assign", {"assignee": self.team["investigator_username"]}),
            ("received", "accept", {}),
        ):
            case = self.first(state)
            if case is not None:
                path = f"/api/v1/cases/{case['id']}/transitions/{name}/"
                self.call("POST", path, token, name, body)
                return


class InvestigatorUser(_ApiUser):
    """My work, then the findings of the first case waiting for them."""

    wait_time = between(2, 5)
    fixed_count = len(TEAMS)

    def on_start(self):
        self.team = next_team("investigator")

    @task
    def work(self):
        token = self.team["investigator"]
        page = self.call("GET", "/api/v1/queues/mine/", token, "queue mine")
        waiting = [
            c
            for c in (page or {}).get("results", [])
            if c["state"] == "assigned" and c["assignee"] == self.team["investigator_username"]
        ]
        if waiting:
            case = waiting[0]
            path = f"/api/v1/cases/{case['id']}/transitions/record_findings/"
            body = {"findings": "Đã xác minh.", "demand_differs": False}
            self.call("POST", path, token, "record_findings", body)


class AuditorUser(_ApiUser):
    """Reads, in the busiest unit: the list, one case, the on-time report."""

    wait_time = between(2, 6)

    @task(3)
    def cases(self):
        token = PLAN["queue"]["auditor"]
        page = self.call("GET", "/api/v1/cases/?page_size=25", token, "cases list")
        results = (page or {}).get("results") or []
        if results:
            case = random.choice(results)
            self.call("GET", f"/api/v1/cases/{case['id']}/", token, "case")

    @task(1)
    def report(self):
        self.call("GET", "/api/v1/reports/on-time/", PLAN["queue"]["auditor"], "report on-time")
