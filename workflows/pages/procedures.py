"""/procedures/: each procedure's states and steps, drawn (SVG, server-side) from its table."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views import generic

from casework.choices import Kind, Procedure, Role, State
from casework.models import Case
from workflows.procedures import (
    COMPETENT,
    NOTICE_LABELS,
    SUPERIOR,
    TABLES,
    WAITING_STATES,
    clock_effect_label,
    procedure_steps,
)

# Where each state stands in the drawing (column, row): the common path left to right on top,
# the other ends and the suspension below, with an empty row between so no line crosses a box;
# letter processing's further ends in the first column.
POSITIONS = {
    State.RECEIVED: (1, 0),
    State.ACCEPTED: (2, 0),
    State.ASSIGNED: (3, 0),
    State.INVESTIGATED: (4, 0),
    State.RESOLVED: (5, 0),
    State.REJECTED: (1, 2),
    State.TRANSFERRED: (2, 2),
    State.FILED: (3, 2),
    State.SUSPENDED: (4, 2),
    State.WITHDRAWN: (5, 2),
    State.TERMINATED: (5, 1),
    # Letter processing's further outcomes, in a column of their own left of the letter.
    State.GUIDED: (0, 0),
    State.RETURNED: (0, 1),
    State.LINKED: (0, 2),
    State.SPLIT: (0, 3),
}
BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 150, 40, 60, 90, 20


@dataclass
class Edge:
    action: str
    label: str
    source: str
    target: str


def procedure_edges(procedure: str) -> list[Edge]:
    """Every (step, source, target) of the procedure, from the FSM's transitions out of the
    states in which a case waits in that procedure."""
    edges = []
    waiting = WAITING_STATES[procedure]
    for action in procedure_steps(procedure).values():
        for transition in getattr(Case, action.name)._django_fsm.transitions.values():
            if transition.source not in waiting:
                continue
            if isinstance(transition.target, str):
                targets = [transition.target]
            elif transition.target is None:
                targets = [transition.source]  # the state is kept (an extension)
            else:  # resume: back to the state the suspension left
                targets = list(transition.target.allowed_states)
            for target in targets:
                edges.append(Edge(action.name, str(action.label), transition.source, target))
    return edges


def _centre(state, left: int = 0) -> tuple[int, int]:
    """The centre of a state's box, its column counted from ``left`` (the first one shown)."""
    col, row = POSITIONS[state]
    col -= left
    return (
        PAD + col * (BOX_W + GAP_X) + BOX_W // 2,
        PAD + row * (BOX_H + GAP_Y) + BOX_H // 2,
    )


def _clip(cx: float, cy: float, dx: float, dy: float) -> tuple[float, float]:
    """Where a line from a box's centre in direction (dx, dy) leaves the box."""
    scale = min(
        (BOX_W / 2) / abs(dx) if dx else float("inf"),
        (BOX_H / 2) / abs(dy) if dy else float("inf"),
    )
    return cx + dx * scale, cy + dy * scale


def procedure_svg(procedure: str) -> dict:
    top = 40  # room for the loops above the first row
    edges = procedure_edges(procedure)
    shown = {e.source for e in edges} | {e.target for e in edges}
    left = min((POSITIONS[s][0] for s in shown), default=0)

    def _centre_of(state):
        return _centre(state, left)

    nodes = [
        {"state": s, "label": str(State(s).label), "x": cx - BOX_W // 2,
         "y": cy - BOX_H // 2 + top, "tx": cx, "ty": cy + 5 + top}
        for s in POSITIONS if s in shown
        for cx, cy in [_centre_of(s)]
    ]  # fmt: skip
    lines, loops, seen = [], [], set()
    pairs: dict[frozenset, int] = {}
    for edge in edges:
        key = (edge.action, edge.source, edge.target)
        if key in seen:
            continue
        seen.add(key)
        (x1, y1), (x2, y2) = _centre_of(edge.source), _centre_of(edge.target)
        y1, y2 = y1 + top, y2 + top
        if edge.source == edge.target:  # kept state: a loop above the box
            n = sum(1 for lp in loops if lp["state"] == edge.source)
            loops.append(
                {"action": edge.action, "label": edge.label, "state": edge.source,
                 "d": f"M {x1 - 30} {y1 - BOX_H // 2} C {x1 - 30} {y1 - 60}, {x1 + 30} "
                      f"{y1 - 60}, {x1 + 30} {y1 - BOX_H // 2}",
                 "lx": x1, "ly": y1 - 50 - 12 * n}
            )  # fmt: skip
            continue
        # Two actions between the same two states (suspend, resume) run side by side.
        pair = frozenset((edge.source, edge.target))
        offset = 8 * pairs.get(pair, 0)
        pairs[pair] = pairs.get(pair, 0) + 1
        dx, dy = x2 - x1, y2 - y1
        length = max((dx * dx + dy * dy) ** 0.5, 1)
        ox, oy = -dy / length * offset, dx / length * offset
        # A label a third of the way along; near the end for the first column's ends, whose
        # lines leave the letter side by side.
        at = 0.7 if POSITIONS[edge.target][0] == 0 else 0.35
        sx, sy = _clip(x1, y1, dx, dy)
        ex, ey = _clip(x2, y2, -dx, -dy)
        lines.append(
            {
                "action": edge.action,
                "label": edge.label,
                "x1": round(sx + ox),
                "y1": round(sy + oy),
                "x2": round(ex + ox),
                "y2": round(ey + oy),
                "lx": round(sx + (ex - sx) * at + ox),
                "ly": round(sy + (ey - sy) * at + oy - 4),
            }
        )
    columns = max((POSITIONS[s][0] for s in shown), default=0) + 1 - left
    rows = max(max((POSITIONS[s][1] for s in shown), default=0) + 1, 3)
    width = PAD * 2 + columns * BOX_W + (columns - 1) * GAP_X
    height = PAD * 2 + rows * BOX_H + (rows - 1) * GAP_Y + top + 40
    return {"nodes": nodes, "edges": lines, "loops": loops, "width": width,
            "height": height, "box_w": BOX_W, "box_h": BOX_H}  # fmt: skip


#: A case of each procedure, never saved: the forms show the fields they ask of such a case
#: (a complaint's findings ask whether the demand differs, a denunciation's do not).
_SAMPLES = {
    Procedure.COMPLAINT_1: {"kind": Kind.COMPLAINT, "round": 1},
    Procedure.COMPLAINT_2: {"kind": Kind.COMPLAINT, "round": 2},
    Procedure.DENUNCIATION: {"kind": Kind.DENUNCIATION, "round": 1},
    Procedure.PETITION: {"kind": Kind.PETITION, "round": 1},
}
WHERE_LABELS = {
    "handling": _("the handling unit"),
    COMPETENT: _("the competent authority"),
    SUPERIOR: _("the unit above, overseeing an overdue case"),
}


def step_field_labels(step, procedure) -> list[str]:
    """The labels of the fields a step asks for in this procedure (letter processing, shared
    by every kind, shows the form as declared)."""
    sample = _SAMPLES.get(procedure)
    if sample is None:
        return [str(f.label) for f in step.form.base_fields.values()]
    form = step.form(case=Case(procedure=procedure, **sample))
    return [str(f.label) for f in form.fields.values()]


class ProceduresView(LoginRequiredMixin, generic.TemplateView):
    template_name = "workflows/procedures.html"

    def get_context_data(self, **kwargs):
        procedures = []
        for procedure, steps in TABLES.items():
            edges = procedure_edges(procedure)
            procedures.append(
                {
                    "procedure": Procedure(procedure),
                    "svg": procedure_svg(procedure),
                    "rows": [
                        {
                            "action": a,
                            "fields": step_field_labels(a, procedure),
                            "where": WHERE_LABELS[a.where],
                            "moves": [
                                (State(e.source).label, State(e.target).label)
                                for e in edges
                                if e.action == a.name
                            ],
                            "roles": [Role(r).label for r in a.roles],
                            "notices": [
                                NOTICE_LABELS[n]
                                for n in dict.fromkeys(
                                    n for kind in Kind for n in a.notices_for(kind)
                                )
                            ],
                            "clocks": [
                                clock_effect_label(c)
                                for c in dict.fromkeys(
                                    c for kind in Kind for c in a.clocks_for(kind)
                                )
                            ],
                            "enters": a.enters_kind,
                        }
                        for a in steps.values()
                    ],
                }
            )
        return {**super().get_context_data(**kwargs), "procedures": procedures}
