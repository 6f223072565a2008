"""Issuing a notice, kind by kind, next to bare WeasyPrint rendering the same HTML, in one run.

Run: DEBUG=1 .venv/bin/python bench/notices.py [--rounds 15]

It migrates a scratch SQLite database in a temporary folder (or BENCH_NOTICES_DATABASE_URL),
loads the demo, and adds the acts the demo lacks (an extension, a resumption, a referral of
signs of a crime, a report to a forwarding body), so that there is one document of every kind
a step issues. Then, for each kind, alternately:

- ``issue``: ``document_render`` as the task runs it: lock the row, build the context, render
  the template, write PDF/A-3b with WeasyPrint, hash, store the file, save the row;
- ``bare``: ``weasyprint.HTML(string=html).write_pdf()`` of the same HTML, nothing else;
- ``bare, same options``: the same, with the options ``render_pdf`` passes (PDF/A-3b, one
  font configuration kept across documents): the stricter comparison, of what issuing adds;
- and, to show where the time goes, ``render_pdf`` alone (template to PDF/A-3b bytes).

The medians and their ratio go to bench/results/notices.json (the target: issue within 1.2x
of bare).
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="casework-bench-notices-"))
os.environ.setdefault("DEBUG", "1")
# Its own database, never DATABASE_URL's: the demo is loaded into it.
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_NOTICES_DATABASE_URL", f"sqlite:///{SCRATCH / 'db.sqlite3'}"
)
os.environ.setdefault("MEDIA_ROOT", str(SCRATCH / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import translation  # noqa: E402

from casework.choices import Kind, State  # noqa: E402
from casework.documents.render import render_pdf  # noqa: E402
from casework.models import Case, Document, User  # noqa: E402
from casework.models.document import DOCUMENT_CODES, RETIRED_KINDS  # noqa: E402
from casework.models.letters import REPORTED_ENDS  # noqa: E402
from workflows.services import case_perform  # noqa: E402
from workflows.services.documents import document_context, document_render  # noqa: E402


def prepare() -> dict[str, Document]:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    supervisor = User.objects.get(username="supervisor.prov")
    denunciation = Case.objects.filter(
        unit__code="PROV", kind=Kind.DENUNCIATION, state=State.ACCEPTED, competent_unit=None
    ).first()
    if not denunciation.is_complex:
        case_perform(
            case_id=denunciation.pk,
            action="amend",
            actor=supervisor,
            data={"is_complex": True, "reason": "Nhiều nội dung"},
        )
    case_perform(
        case_id=denunciation.pk,
        action="extend",
        actor=supervisor,
        data={"days": 30, "reason": "Xác minh tại nhiều địa điểm"},
    )
    suspended = Case.objects.filter(unit__code="PROV", state=State.SUSPENDED).first()
    case_perform(case_id=suspended.pk, action="resume", actor=supervisor, data={})
    # A denunciation whose act shows signs of a crime (the demo refers none).
    received = Case.objects.filter(
        unit__code="PROV",
        kind=Kind.DENUNCIATION,
        state=State.RECEIVED,
        competent_unit__isnull=True,  # the inspectorate's own, not one the Chairman decides
    ).first()
    case_perform(
        case_id=received.pk,
        action="refer_crime",
        actor=supervisor,
        data={
            "to_body": "Cơ quan Cảnh sát điều tra Công an tỉnh",
            "signs": "Có dấu hiệu tội tham ô tài sản",
        },
    )
    # A forwarding body told the result of a letter it forwarded (the demo tells none yet).
    forwarded = Case.objects.filter(
        unit__code="PROV",
        competent_unit__isnull=True,
        forwarder_informed_on__isnull=True,
        state__in=REPORTED_ENDS,
    ).exclude(forwarded_by="")
    case = forwarded.order_by("pk").first()
    case_perform(
        case_id=case.pk,
        action="inform_forwarder",
        actor=supervisor,
        data={"summary": "Đã giải quyết theo quy định"},
    )
    documents = {}
    for kind in set(DOCUMENT_CODES) - RETIRED_KINDS:  # the kinds a step still issues
        document = Document.objects.filter(kind=kind, status=Document.Status.READY).first()
        assert document is not None, f"no {kind} in the demo"
        documents[kind] = document
    return documents


def issue_once(document: Document) -> float:
    Document.objects.filter(pk=document.pk).update(status=Document.Status.PENDING)
    t0 = time.perf_counter()
    document_render(document.pk)
    return (time.perf_counter() - t0) * 1000


def bare_once(html: str) -> float:
    from weasyprint import HTML

    t0 = time.perf_counter()
    HTML(string=html).write_pdf()
    return (time.perf_counter() - t0) * 1000


_FONTS = None


def bare_same_once(html: str) -> float:
    """Bare WeasyPrint with the options ``render_pdf`` uses: PDF/A-3b, compressed, one font
    configuration kept across documents. The ratio to this one is what the issuing adds."""
    global _FONTS
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    _FONTS = _FONTS or FontConfiguration()
    t0 = time.perf_counter()
    HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/a-3b", uncompressed_pdf=False, font_config=_FONTS
    )
    return (time.perf_counter() - t0) * 1000


def render_once(kind: str, context: dict) -> float:
    t0 = time.perf_counter()
    with translation.override("vi"):
        render_pdf(f"notices/{kind}.html", context)
    return (time.perf_counter() - t0) * 1000


def main(rounds: int) -> dict:
    documents = prepare()
    kinds = {}
    for kind, document in documents.items():
        document = Document.objects.select_related("case__unit", "issued_by", "event").get(
            pk=document.pk
        )
        with translation.override("vi"):
            html = render_to_string(f"notices/{kind}.html", document_context(document))
            context = document_context(document)
        issue_once(document), bare_once(html), bare_same_once(html)  # warm: fonts, Pango
        issued, bare, same, rendered = [], [], [], []
        for _ in range(rounds):
            issued.append(issue_once(document))
            bare.append(bare_once(html))
            same.append(bare_same_once(html))
            rendered.append(render_once(kind, context))
        median = {
            name: statistics.median(v)
            for name, v in (("issue", issued), ("bare", bare), ("same", same), ("render", rendered))
        }
        kinds[kind] = {
            "issue_median_ms": round(median["issue"], 1),
            "bare_weasyprint_median_ms": round(median["bare"], 1),
            "bare_weasyprint_same_options_median_ms": round(median["same"], 1),
            "render_pdf_median_ms": round(median["render"], 1),
            "notices_per_second_per_core": round(1000 / median["issue"], 1),
            "ratio": round(median["issue"] / median["bare"], 3),
            "ratio_same_options": round(median["issue"] / median["same"], 3),
        }
        print(f"{kind:26} {kinds[kind]}", flush=True)
    ratios = [k["ratio"] for k in kinds.values()]
    strict = [k["ratio_same_options"] for k in kinds.values()]
    return {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "database": "PostgreSQL" if "postgres" in os.environ["DATABASE_URL"] else "SQLite",
        "rounds": rounds,
        "kinds": kinds,
        "worst_ratio": max(ratios),
        "median_ratio": round(statistics.median(ratios), 3),
        "worst_ratio_same_options": max(strict),
        "median_ratio_same_options": round(statistics.median(strict), 3),
        "target_ratio": 1.2,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "notices.json"))
    args = parser.parse_args()
    result = main(args.rounds)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in result.items() if "ratio" in k}))
