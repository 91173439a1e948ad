"""Script and markup written into every text field stays text in the pages, the HTML, DOCX and PDF.

Each field a person or an import sets gets the same hostile text with its own mark: names through
the dataset loader, comments and texts through the pages, the API and the Excel import, names
through an SIE file. Then every page that shows them, the report's HTML, DOCX and PDF must
hold the text literally and nothing it tried to be: no element, attribute, link or Typst call.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from conftest import make_persona
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from lxml import etree

from tests.test_permission_matrix import post_data
from uppsikt.apps.api.tests.conftest import token_for
from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.apps.narratives.models import Narrative
from uppsikt.importers.dataset import read_dataset
from uppsikt.importers.excel.tests.workbooks import edited

pytestmark = pytest.mark.django_db

# Markup of every kind the outputs speak: HTML (elements, attributes, links), Markdown (links,
# raw HTML), Django and Jinja templates, Typst (calls, escapes, math, brackets), WordprocessingML,
# an entity's ampersand, and a tab (the one control character a text may hold).
PAYLOAD = (
    '<script>alert(1)</script>"><img src=x onerror=alert(1)>[x](javascript:alert(1))<b>fet</b>'
    '{{ 7*7 }}{% debug %}#panic("x")#read("/etc/passwd")\\n$x$]<w:p><w:t>injicerad</w:t></w:p>&\tslut'
)
PERIOD = "/kommun/0126/KS/2023-T1/"


def marked(field: str) -> str:
    """The payload as one field holds it: its mark first, so a test can tell fields apart.

    Short enough for the shortest column (200 characters: a committee's and a unit's name).
    """
    return f"F{FIELDS.index(field):02}: {PAYLOAD}"


def in_narrative(text: str) -> str:
    """A text a narrative shows as written: its braces doubled (`{` starts a live figure)."""
    return text.replace("{", "{{").replace("}", "}}")


# Each field of the dataset and the place in dataset.yaml that sets it.
LOADED = {
    "nämnd": ("name",),
    "förvaltning": ("units", 0, "name"),
    "avdelning": ("units", 0, "units", 0, "name"),
    "mål": ("goals", 0, "name"),
    "indikator": ("goals", 0, "indicators", 0, "name"),
    "uppdrag": ("assignments", 0, "text"),
    "uppdragskommentar": ("assignments", 1, "follow_up", "2023-T1", "comment"),
    "process": ("internal_control", "processes", 0, "name"),
    "risk": ("internal_control", "risks", 0, "description"),
    "riskåtgärd": ("internal_control", "risks", 0, "actions", 0, "text"),
    "riskkommentar": ("internal_control", "risks", 0, "actions", 0, "follow_up", "2023-T1", "comment"),
    "granskning": ("internal_control", "audit_findings", 0, "title"),
    "granskningskommentar": (
        "internal_control", "audit_findings", 0, "actions", 0, "follow_up", "2023-T1", "comment",
    ),
    "kontroll": ("internal_control", "controls", 0, "text"),
    "tabellrad": ("economy", "tables", 0, "rows", 0, "label"),
    "rubrik": ("narratives", "2023-T1", 0, "title"),
    "text": ("narratives", "2023-T1", 0, "body"),
}  # fmt: skip
# Fields set by a person after loading, and by the Excel import.
WRITTEN = (
    "webbkommentar",
    "radkommentar",
    "apikommentar",
    "bedömning",
    "webbtext",
    "excelkommentar",
)


def set_in(tree: Any, place: tuple[str | int, ...], value: str) -> None:
    for step in place[:-1]:
        tree = tree[step]
    tree[place[-1]] = value


@pytest.fixture
def hostile(db: None, tmp_path: Path) -> None:
    """The example with the payload in every text field, through each way in."""
    data = yaml.safe_load((EXAMPLE / "dataset.yaml").read_text(encoding="utf-8"))
    committee = data["committees"][0]
    for field, place in LOADED.items():
        text = marked(field)
        set_in(committee, place, in_narrative(text) if field == "text" else text)
    committee["assignments"][2]["unit"] = "EKO"  # so that U03's page names the department
    data["perspectives"][0]["name"] = marked("perspektiv")
    data["perspectives"][0]["council_goals"][0]["name"] = marked("kf-mål")
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    dataset, problems = read_dataset(path)
    assert problems == [], [str(problem) for problem in problems]
    assert dataset is not None
    load_dataset(dataset, reason="test")
    write_as_people_do(tmp_path)


def write_as_people_do(tmp_path: Path) -> None:
    """Comments and a text through the pages, the API and the Excel import."""
    admin = Client()
    admin.force_login(make_persona("admin"))
    url = f"{PERIOD}uppdrag/U01/"
    assert (
        admin.post(url, {**post_data(url), "comment": marked("webbkommentar")}).status_code == 302
    )
    table = f"{PERIOD}ekonomi/resultatrakning/"
    page = admin.get(table).content.decode()
    comment = re.search(r'name="(k-[^"]+)"', page)
    assert comment is not None
    row = comment.group(1)[2:]
    version = re.search(rf'name="kv-{re.escape(row)}" value="(\d+)"', page)
    form = {
        comment.group(1): marked("radkommentar"),
        f"kv-{row}": version.group(1) if version else "0",
    }
    assert admin.post(table, form).status_code == 302
    goal = f"{PERIOD}mal/M9/"
    levels = re.findall(
        r'<option value="(\d+)"', admin.get(goal).content.decode().split('name="level"')[1]
    )
    form = {**post_data(goal), "level": levels[0], "comment": marked("bedömning")}
    assert admin.post(goal, form).status_code == 302
    section = Narrative.objects.get(key="efficiency-economy", period__kind="T1")
    form = {"title": section.title, "body": in_narrative(marked("webbtext")), "done": "on"}
    text = f"{PERIOD}texter/efficiency-economy/"
    assert admin.post(text, {**form, "version": section.version}).status_code == 302
    api = Client(headers={"Authorization": f"Bearer {token_for('controller')}"})
    item = "/api/committees/0126/KS/periods/2023-T1/internal-control/kontroll/K1/follow-up"
    body = {"status": "klart", "comment": marked("apikommentar")}
    assert api.put(item, body, content_type="application/json", headers={
        "If-Match": api.get(item)["ETag"]
    }).status_code == 200  # fmt: skip
    workbook = tmp_path / "KS.xlsx"
    call_command(
        "export", "excel", "--committee", "KS", "--period", "2023-T1", "--out", str(workbook),
        stdout=StringIO(),
    )  # fmt: skip
    workbook.write_bytes(edited(workbook.read_bytes(), {"Uppdrag!E4": marked("excelkommentar")}))
    call_command(
        "import",
        "excel",
        str(workbook),
        "--user",
        "controller",
        stdout=StringIO(),
        stderr=StringIO(),
    )


def signed_in(name: str) -> Client:
    """A browser signed in as the persona (made when not made yet)."""
    client = Client()
    user = User.objects.filter(username=name).first()
    client.force_login(user or make_persona(name))
    return client


ADDRESSES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"}


class Markup(HTMLParser):
    """What a page is made of: its elements and attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.text: list[str] = []
        self.last = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.last = tag
        found = dict(attrs)
        if tag == "script" and not str(found.get("src") or "").startswith("/static/"):
            self.injected.append("<script>")
        if tag in ("img", "iframe", "object", "embed") and found.get("src") == "x":
            self.injected.append(f"<{tag} src=x>")
        if tag.startswith("w:"):
            self.injected.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.injected.append(f"{tag} {name}")
            address = re.sub(r"\s", "", str(value or "")).lower()
            if name in ADDRESSES and address.startswith(("javascript:", "x")):
                self.injected.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        if self.last == "b" and data == "fet":
            self.injected.append("<b>fet</b>")
        self.last = ""
        self.text.append(data)


def read_html(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    parser.close()
    return parser


def plain(text: str) -> str:
    """Whitespace as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def compact(text: str) -> str:
    """Without whitespace and hyphens: the PDF wraps lines and hyphenates words in cells."""
    return re.sub(r"[\s\u00a0\u00ad-]+", "", text)


FIELDS = (*LOADED, "perspektiv", "kf-mål", *WRITTEN)


def fields_in(text: str, normal: Any = plain) -> set[str]:
    """The fields whose whole marked payload the text holds, literally."""
    whole = normal(text)
    return {field for field in FIELDS if normal(marked(field)) in whole}


def pages(client: Client) -> Iterator[tuple[str, str]]:
    """Every page that shows the fields, as HTML (the preview's fragment too)."""
    addresses = [
        "/",
        "/mina-uppgifter/",
        PERIOD,
        f"{PERIOD}uppdrag/U01/",
        f"{PERIOD}uppdrag/U02/",
        f"{PERIOD}uppdrag/U03/",
        f"{PERIOD}mal/M1/",
        f"{PERIOD}mal/M9/",
        f"{PERIOD}internkontroll/riskatgard/R1-A1/",
        f"{PERIOD}internkontroll/granskningsatgard/G1-A1/",
        f"{PERIOD}internkontroll/kontroll/K1/",
        f"{PERIOD}ekonomi/resultatrakning/",
        f"{PERIOD}texter/",
        f"{PERIOD}texter/summary/",
        f"{PERIOD}texter/efficiency-economy/",
        f"{PERIOD}rapport/",
        f"{PERIOD}nasta-period/",
    ]
    for url in addresses:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()
    text = f"{PERIOD}texter/summary/"
    preview = client.post(f"{text}forhandsgranska/", post_data(text))
    assert preview.status_code == 200
    yield "forhandsgranska", "".join(str(part) for part in preview.json()["html"].values())


def test_no_page_runs_or_renders_what_people_wrote(hostile: None) -> None:
    client = signed_in("admin")
    shown: set[str] = set()
    for url, html in pages(client):
        page = read_html(html)
        assert page.injected == [], url
        shown |= fields_in("".join(page.text))
    assert shown == set(FIELDS)


# The fields the report shows (the units are the pages' only).
REPORTED = set(FIELDS) - {"förvaltning", "avdelning"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_report_holds_every_field_as_text_in_html_docx_and_pdf(hostile: None) -> None:
    client = signed_in("reader")
    page = read_html(client.get(f"{PERIOD}rapport.html").content.decode())
    assert page.injected == []
    assert fields_in("".join(page.text)) == REPORTED

    docx = client.get(f"{PERIOD}rapport.docx").content
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    runs = "".join(
        "\t" if node.tag == f"{W}tab" else str(node.text or "")
        for node in root.iter(f"{W}t", f"{W}tab")
    )
    assert fields_in(runs) == REPORTED
    paragraphs = ["".join(str(t.text or "") for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert "injicerad" not in paragraphs  # no paragraph of its own: only text inside a run
    assert not list(root.iter(f"{W}hyperlink"))

    pdf = pypdf.PdfReader(io.BytesIO(client.get(f"{PERIOD}rapport.pdf").content))
    text = "\n".join(item.extract_text() for item in pdf.pages)
    assert fields_in(text, compact) == REPORTED
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    assert compact(passwd) not in compact(text)  # Typst never read the file


def sie_text(text: str) -> str:
    """A text as an SIE field, quoted with its quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_texts_of_an_sie_file_are_read_as_data_and_shown_nowhere_as_markup(
    hostile: None, tmp_path: Path
) -> None:
    payload = PAYLOAD.replace("\t", " ")
    sie = "\n".join(
        [
            "#FLAGGA 0",
            "#SIETYP 4",
            f"#FNAMN {sie_text(payload)}",
            "#RAR 0 20230101 20231231",
            f"#DIM 1 {sie_text(payload)}",
            f'#OBJEKT 1 "1100" {sie_text(payload)}',
            f"#KONTO 1930 {sie_text(payload)}",
            f"#KONTO 5010 {sie_text(payload)}",
            f"#VER A 1 20230105 {sie_text(payload)}",
            "{",
            f'   #TRANS 5010 {{1 "1100"}} 600.00 20230105 {sie_text(payload)}',
            "   #TRANS 1930 {} -600.00",
            "}",
            "",
        ]
    )
    path = tmp_path / "bok.se"
    path.write_text(sie, encoding="utf-8")
    out = StringIO()
    call_command(
        "import", "sie", str(path), "--committee", "KS", "--year", "2023", stdout=out, stderr=out
    )
    assert LedgerEntry.objects.filter(account="5010", amount_ore=60000).exists()
    client = signed_in("admin")
    for url in (f"{PERIOD}ekonomi/resultatrakning/", PERIOD, f"{PERIOD}rapport.html"):
        page = read_html(client.get(url).content.decode())
        assert page.injected == [], url
