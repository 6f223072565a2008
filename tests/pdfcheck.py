"""Archival checks of a notice's PDF, as a records office would run them: pikepdf reads the
PDF/A identification and output intent, poppler's ``pdffonts`` lists the fonts."""

import io
import os
import shutil
import subprocess
import tempfile

import pikepdf


def pdfa_problems(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from being PDF/A-3b, as far as its metadata and intents tell."""
    problems = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if document.is_encrypted:
            problems.append("encrypted")
        meta = document.open_metadata()
        if meta.pdfa_status != "3B":
            problems.append(f"PDF/A identification is {meta.pdfa_status!r}, not 3B")
        intents = document.Root.get("/OutputIntents") or []
        if not any(
            intent.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent
            for intent in intents
        ):
            problems.append("no PDF/A output intent with an ICC profile")
        if "/ID" not in document.trailer:
            problems.append("no file identifier")
    return problems


def pdffonts(pdf: bytes) -> dict[str, bool]:
    """Each font of ``pdf`` (name: embedded?), as ``pdffonts`` lists them."""
    binary = shutil.which("pdffonts")
    assert binary, "pdffonts is missing: install Debian's poppler-utils (make test does, as root)"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
            [binary, handle.name], capture_output=True, text=True, check=True
        ).stdout
    fonts = {}
    for line in out.splitlines()[2:]:  # a header and a rule
        cells = line.split()
        # name ... type encoding emb sub uni object-number generation
        fonts[cells[0]] = cells[-5] == "yes"
    return fonts


def qr_codes(pdf: bytes) -> list[str]:
    """What the QR codes on the first page of ``pdf`` say, read from the page as printed."""
    tools = {name: shutil.which(name) for name in ("pdftoppm", "zbarimg")}
    assert all(tools.values()), f"missing {tools}: install poppler-utils and zbar-tools"
    with tempfile.TemporaryDirectory() as folder:
        source = f"{folder}/notice.pdf"
        with open(source, "wb") as handle:
            handle.write(pdf)
        subprocess.run(  # noqa: S603
            [tools["pdftoppm"], "-r", "150", "-png", "-f", "1", "-l", "1", source, f"{folder}/p"],
            check=True,
        )
        [page] = [f"{folder}/{name}" for name in os.listdir(folder) if name.endswith(".png")]
        read = [tools["zbarimg"], "--quiet", "--raw", page]
        out = subprocess.run(read, capture_output=True, text=True, check=False).stdout  # noqa: S603
    return out.split()
