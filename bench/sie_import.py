"""Benchmark: an SIE 4 file with a million `#TRANS` records read, and imported into the ledger.

A deterministic file is generated into a temporary folder (about 100 MB: `#FLAGGA`, `#PROGRAM`,
`#FORMAT PC8`, `#SIETYP 4`, `#RAR`, `#DIM`/`#OBJEKT`, `#KONTO`, `#IB`/`#UB`/`#RES` that the
transactions reconcile with, and vouchers of two to eight transactions with object lists, dated
over the twelve months of 2023), then each measurement runs in a fresh process, its wall time
and peak resident size (`ru_maxrss` of that process) recorded:

- "parse": Uppsikt's SIE reader alone (`uppsikt.importers.sie.reading.read_sie` and the
  reconciliation), records per second;
- "import": `uppsikt import sie` into a database with the example loaded (loaded by an untimed
  process before), the ledger written and its summaries rebuilt, the process's start included;
- "pysie": pysie-accounting 0.0.2 (`PySIE.open`), the only SIE package on PyPI, beside Uppsikt's
  reader on a file it accepts: the same records, as pysie wants them (UTF-8, `#SRU` lines,
  `#VER "A" "1" 20230105 "text" 20230110`).

Run by `bench/run.py`; `python bench/sie_import.py [TRANSACTIONS] [RUNS]` runs it alone on
`DATABASE_URL` (default 1 000 000 transactions, three runs).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from uppsikt.importers.sie.contents import reconcile
from uppsikt.importers.sie.reading import read_sie
from uppsikt.importers.sie.records import Checksum

# Django and pysie are imported in the processes that use them only (PLC0415 below), so that the
# reader's process measures the reader, and pysie may get a stand-in for pandas first.

HERE = Path(__file__).parent
YEAR = 2023
NAMES = [
    "Lön tillsvidareanställda", "Lön visstidsanställda", "Sociala avgifter", "Hyra lokaler",
    "El och värme", "Städning", "Förbrukningsmaterial", "Kontorsmaterial", "Konsulttjänster",
    "Datatjänster", "Resor", "Kurser och konferenser", "Representation", "Försäkringar",
    "Bidrag till föreningar", "Köp av verksamhet", "Avgifter", "Försäljning av tjänster",
    "Hyresintäkter", "Statsbidrag",
]  # fmt: skip
TEXTS = ["Lev.faktura", "Kundfaktura", "Lönekörning", "Omföring", "Periodisering", "Inköp kort"]
PARTIES = [
    "Byggservice AB", "Södertörns el", "Kontorsvaror i Sverige", "Huddinge bostäder",
    "Städ & fönster AB", "IT-partner Syd", "Region Stockholm", "Förskolan Solstrålen",
]  # fmt: skip
BALANCE_ACCOUNTS = ["1930", "2440", "1510", "2710"]


def _accounts(rng: random.Random) -> dict[str, str]:
    numbers = {f"{c}{n:03d}" for c in "3456" for n in range(10, 1000, 25)}
    numbers |= {f"7{n:03d}" for n in range(10, 700, 30)}
    return {
        number: f"{rng.choice(NAMES)} {number[-2:]}" for number in sorted(numbers)
    } | dict.fromkeys(BALANCE_ACCOUNTS, "Bank och avräkning")


class Ledger:
    """The generated company: accounts, objects, and the recurring places money is booked."""

    def __init__(self, rng: random.Random) -> None:
        self.accounts = _accounts(rng)
        self.costs = [number for number in self.accounts if number not in BALANCE_ACCOUNTS]
        self.ansvar = [f"{n:04d}" for n in range(1000, 1600, 3)]
        self.verksamhet = ["100", "110", "215", "220", "249", "250", "261", "270", "407", "530"]
        self.projekt = [f"P{n:03d}" for n in range(1, 80)]
        # As a real ledger does, postings recur on a limited set of accounts and objects.
        self.places = []
        for _ in range(6000):
            objects = f'1 "{rng.choice(self.ansvar)}" 20 "{rng.choice(self.verksamhet)}"'
            if rng.random() < 0.2:
                objects += f' 6 "{rng.choice(self.projekt)}"'
            self.places.append((rng.choice(self.costs), objects))
        self.sums: dict[str, Decimal] = defaultdict(Decimal)

    def vouchers(self, rng: random.Random, transactions: int, *, pysie: bool) -> Iterator[str]:
        """Balanced vouchers of two to eight transactions, dated over the year; summed."""
        written, number = 0, 0
        while written < transactions:
            number += 1
            day = f"{YEAR}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            text = f"{rng.choice(TEXTS)} {rng.randint(1000, 99999)} {rng.choice(PARTIES)}"
            series = '"A" "{number}"' if pysie else "A {number}"
            lines = [f'#VER {series.format(number=number)} {day} "{text}" {day}', "{"]
            rows = max(min(rng.randint(2, 8), transactions - written), 2)
            total = 0
            for row in range(rows):
                if row < rows - 1:
                    account, objects = rng.choice(self.places)
                    ore = rng.randint(-500_000, 5_000_000)
                else:
                    account, objects, ore = rng.choice(BALANCE_ACCOUNTS), "", -total
                total += ore
                amount = f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"
                self.sums[account] += Decimal(amount)
                more = "" if pysie else f' {day} "{text}"'
                lines.append(f"\t#TRANS {account} {{{objects}}} {amount}{more}")
            lines.append("}")
            written += rows
            yield "\n".join(lines) + "\n"

    def header(self, *, pysie: bool) -> list[str]:
        """The file's header: who, which years, the chart, the objects, the balances."""
        lines = [
            "#FLAGGA 0",
            '#PROGRAM "Ekonomisystemet" 4.2',
            "#FORMAT PC8",
            "#GEN 20240115",
            "#SIETYP 4",
            "#ORGNR 212000-0142",
            '#FNAMN "Huddinge kommun"',
            f"#RAR 0 {YEAR}0101 {YEAR}1231",
            f"#RAR -1 {YEAR - 1}0101 {YEAR - 1}1231",
            "#KPTYP BAS2014",
            '#DIM 1 "Ansvar"',
            '#DIM 6 "Projekt"',
            '#DIM 20 "Verksamhet"',
        ]
        for dimension, codes in (("1", self.ansvar), ("20", self.verksamhet), ("6", self.projekt)):
            lines += [f'#OBJEKT {dimension} "{code}" "Objekt {code}"' for code in codes]
        for number, name in self.accounts.items():
            lines.append(f'#KONTO {number} "{name}"')
            if pysie:
                lines.append(f"#SRU {number} {7000 + int(number[0])}")
        for number in BALANCE_ACCOUNTS:
            lines.append(f"#IB 0 {number} 1000000.00")
            lines.append(f"#UB 0 {number} {Decimal('1000000.00') + self.sums[number]}")
        lines += [f"#RES 0 {number} {self.sums[number]}" for number in self.costs]
        return lines


def generate(path: Path, transactions: int, *, pysie: bool = False, seed: int = 2023) -> int:
    """Write the file, the same records for a seed in pysie's dialect or the usual one; lines.

    The vouchers are written first to a file beside, summed on the way, so that the header can
    carry the `#UB` and `#RES` that they reconcile with.
    """
    rng = random.Random(seed)
    ledger = Ledger(rng)
    encoding = "utf-8" if pysie else "cp437"
    body = path.with_suffix(".body")
    lines = 0
    with body.open("w", encoding=encoding, newline="\r\n") as out:
        for voucher in ledger.vouchers(rng, transactions, pysie=pysie):
            out.write(voucher)
            lines += voucher.count("\n")
    header = ledger.header(pysie=pysie)
    with path.open("w", encoding=encoding, newline="\r\n") as out:
        out.write("\n".join(header) + "\n")
        out.flush()
        with body.open("rb") as source:
            shutil.copyfileobj(source, out.buffer)
    body.unlink()
    return lines + len(header)


def _pandas_stand_in() -> None:
    """A pandas that does nothing, for pysie when pandas is not installed (see the docs).

    pysie uses pandas only for header lines (#KONTO, #SRU, #RAR, #IB, #UB, #RES) and the merges
    at the end; its loop over #VER and #TRANS lines never touches it.
    """

    class Frame:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __getattr__(self, name: str) -> Any:
            return lambda *args, **kwargs: self

    stand_in = types.ModuleType("pandas")
    stand_in.DataFrame = Frame  # type: ignore[attr-defined]
    stand_in.concat = lambda frames, **kwargs: frames[0]  # type: ignore[attr-defined]
    stand_in.read_csv = lambda *args, **kwargs: Frame()  # type: ignore[attr-defined]
    sys.modules["pandas"] = stand_in


def child_parse(path: str) -> None:
    """In a fresh process: Uppsikt's reader over the file; prints seconds and records."""
    start = time.perf_counter()
    with Path(path).open("rb") as file:
        contents = read_sie(file, path, [], Checksum())
    reconcile(contents)
    seconds = time.perf_counter() - start
    assert not contents.problems, contents.problems[:5]
    records = contents.vouchers + contents.transactions  # the labelled lines that are most
    print(json.dumps({"seconds": seconds, "records": records, "trans": contents.transactions}))


def child_pysie(path: str) -> None:
    """In a fresh process: pysie-accounting's `PySIE.open` over the file."""
    try:
        import pandas  # type: ignore[import-untyped]  # noqa: F401, PLC0415
    except ImportError:
        _pandas_stand_in()
        real = False
    else:
        real = True
    from pysie_accounting.pysie import PySIE  # type: ignore[import-untyped]  # noqa: PLC0415

    sie = PySIE()
    if real:
        sru = Path(path).with_suffix(".csv")
        sru.write_text("SRU,Ink2\n" + "".join(f"{7000 + d},{d}\n" for d in range(10)))
        sie.open_trans(str(sru))
    start = time.perf_counter()
    sie.open(path)
    seconds = time.perf_counter() - start
    records = sum(len(voucher[3]) for voucher in sie.verifikat.values())
    print(json.dumps({"seconds": seconds, "records": records, "pandas": real}))


def measured(command: list[str]) -> tuple[float, float, str]:
    """Run a fresh process: its wall time, its peak resident size in MB, and its output."""
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{command} failed: {process.returncode}")
    return seconds, usage.ru_maxrss / 1024, output  # Linux gives KiB


def child_result(output: str) -> dict[str, Any]:
    """The JSON line a child printed."""
    return dict(json.loads(next(line for line in output.splitlines() if line.startswith("{"))))


def report(name: str, runs: list[float], peak: float, vendor: str, **extra: object) -> None:
    """One result line, as `bench/run.py` reads it."""
    line: dict[str, object] = {"name": name, "database": vendor, "unit": "s", "runs": runs}
    line["peak_memory_mb"] = round(peak, 1)
    print(json.dumps(line | extra))


def main() -> None:
    transactions = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    database = os.environ.get("DATABASE_URL", "")
    vendor = "postgresql" if database.startswith("postgres") else "sqlite"
    count = f"{transactions:,}".replace(",", " ")
    python = str(Path(sys.executable))
    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        if not database:  # standalone: a fresh SQLite file of its own
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            os.environ["DATABASE_URL"] = env["DATABASE_URL"]
        path = Path(folder) / "huvudbok.se"
        start = time.perf_counter()
        lines = generate(path, transactions)
        made = time.perf_counter() - start
        size = path.stat().st_size / 1e6
        print(
            f"generated {path.name}: {transactions} #TRANS, {lines} lines, {size:.1f} MB"
            f" in {made:.1f} s",
            file=sys.stderr,
        )

        parse, peaks, records = [], [], 0
        for _ in range(repeat):
            _, peak, output = measured([python, me, "--parse", str(path)])
            result = child_result(output)
            parse.append(result["seconds"])
            records = result["records"]
            peaks.append(peak)
        median = statistics.median(parse)
        report(
            f"sie: read {count} #TRANS",
            parse,
            max(peaks),
            "-",
            records_per_s_median=round(records / median),
            trans_per_s_median=round(transactions / median),
        )

        commands, imports, peaks = [], [], []
        for _ in range(repeat):
            subprocess.run([python, me, "--setup"], env=env, check=True)
            seconds, peak, output = measured([python, me, "--import", str(path)])
            commands.append(seconds)
            imports.append(child_result(output)["seconds"])
            peaks.append(peak)
        report(f"sie: import {count} #TRANS", imports, max(peaks), vendor)
        report("sie: the same, Python's and Django's start included", commands, max(peaks), vendor)

        pysie_path = Path(folder) / "pysie.se"
        generate(pysie_path, transactions, pysie=True)
        ours, theirs, our_peaks, their_peaks, real = [], [], [], [], True
        for _ in range(repeat):
            _, peak, output = measured([python, me, "--parse", str(pysie_path)])
            ours.append(child_result(output)["seconds"])
            our_peaks.append(peak)
            _, peak, output = measured([python, me, "--pysie", str(pysie_path)])
            result = child_result(output)
            assert result["records"] == transactions, result
            theirs.append(result["seconds"])
            their_peaks.append(peak)
            real = result["pandas"]
        report(f"sie: read {count} #TRANS, pysie's dialect", ours, max(our_peaks), "-")
        name = f"pysie-accounting: open {count} #TRANS" + ("" if real else " (pandas stand-in)")
        report(name, theirs, max(their_peaks), "-", ratio=round(min(theirs) / min(ours), 1))


def child_import(path: str) -> None:
    """In a fresh process: `uppsikt import sie` into the database that `--setup` made."""
    django_setup()
    from django.core.management import call_command  # noqa: PLC0415

    start = time.perf_counter()
    command = ["import", "sie", path, "--committee", "KS", "--year", str(YEAR)]
    call_command(*command, stdout=io.StringIO(), stderr=sys.stderr)  # progress on stderr
    print(json.dumps({"seconds": time.perf_counter() - start}))


def django_setup() -> None:
    """Django, set up as `uppsikt` sets it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")
    import django  # noqa: PLC0415

    django.setup()


def setup() -> None:
    """Untimed, in its own process: a migrated database holding the example and nothing else."""
    django_setup()
    from django.core.management import call_command  # noqa: PLC0415

    from uppsikt.apps.datasets.demo import EXAMPLE  # noqa: PLC0415
    from uppsikt.apps.organisation.models import Municipality  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    Municipality.objects.all().delete()
    call_command("load", str(EXAMPLE), verbosity=0, stdout=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--parse":
        child_parse(sys.argv[2])
    elif len(sys.argv) > 2 and sys.argv[1] == "--import":
        child_import(sys.argv[2])
    elif len(sys.argv) > 2 and sys.argv[1] == "--pysie":
        child_pysie(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--setup":
        setup()
    else:
        main()
