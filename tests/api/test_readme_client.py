"""The client script of the README, run as it stands against a live server."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from casework.choices import Role, State
from casework.models import Case
from permissions.roles import role_groups_ensure
from tests.conftest import make_user

README = Path(__file__).resolve().parents[2] / "README.md"


def client_script() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- client-example -->\s*```python\n(.*?)```", text, re.S)
    assert found, "the README lost its client example"
    return found.group(1)


@pytest.mark.django_db(transaction=True)
def test_readme_client_walks_a_complaint_to_resolved(live_server, tmp_path, fresh_world):
    prov = fresh_world.prov
    role_groups_ensure(prov)
    for username, role in [
        ("intake.prov", Role.INTAKE_OFFICER),
        ("supervisor.prov", Role.SUPERVISOR),
        ("investigator1.prov", Role.INVESTIGATOR),
    ]:
        user = make_user(username, prov, [role])
        user.set_password("casework-demo")
        user.save()
    script = tmp_path / "client.py"
    script.write_text(client_script(), encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our interpreter, the README's script
        [sys.executable, str(script)],
        env={**os.environ, "CASEWORK_URL": live_server.url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    case = Case.objects.get()
    assert case.state == State.RESOLVED
    assert case.outcome == "rejected"
    assert case.events.count() == 6  # registered, accepted, assigned, verified, dialogue, resolved
    assert case.dialogue_held_on is not None
    assert result.stdout.splitlines()[-1] == f"{case.reference} resolved"
