"""The economy: budget frames, financial tables with their figures, the ledger and code lists."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.tracking import Ordered, Tracked
from uppsikt.domain.economy.ledger import LedgerKind
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import ColumnKind, CostSign, RowKind, Span, TableRole

UNITS = [(unit.value, unit.value) for unit in Unit]


class BudgetFrame(Tracked):
    """A committee's budget frame for the year."""

    committee_year = models.OneToOneField(
        CommitteeYear, on_delete=models.CASCADE, related_name="budget_frame"
    )
    unit = models.CharField("enhet", max_length=4, choices=UNITS)
    decimals = models.PositiveSmallIntegerField("decimaler")
    stated = models.DecimalField(
        "angiven justerad ram, kr", null=True, blank=True, max_digits=20, decimal_places=2
    )

    class Meta:
        verbose_name = "budgetram"
        verbose_name_plural = "budgetramar"


class FramePart(Ordered):
    """A part of the council's frame."""

    frame = models.ForeignKey(BudgetFrame, on_delete=models.CASCADE, related_name="parts")
    text = models.CharField("text", max_length=300)
    amount = models.DecimalField("belopp, kr", max_digits=20, decimal_places=2)

    class Meta(Ordered.Meta):
        verbose_name = "del av budgetram"
        verbose_name_plural = "delar av budgetram"


class FrameAdjustment(Ordered):
    """A decided adjustment of the frame."""

    frame = models.ForeignKey(BudgetFrame, on_delete=models.CASCADE, related_name="adjustments")
    amount = models.DecimalField("belopp, kr", max_digits=20, decimal_places=2)
    text = models.TextField("text")
    body = models.CharField("beslutande organ", max_length=200)
    date = models.DateField("beslutsdatum", null=True, blank=True)
    reference = models.CharField("diarienummer eller paragraf", max_length=100, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "budgetjustering"
        verbose_name_plural = "budgetjusteringar"


class FinancialTable(Ordered):
    """A financial table of a committee's year."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="financial_tables"
    )
    key = models.SlugField("nyckel", max_length=60)
    title = models.CharField("rubrik", max_length=300)
    role = models.CharField(
        "roll", max_length=20, blank=True, choices=[(item.value, item.value) for item in TableRole]
    )
    unit = models.CharField("enhet", max_length=4, choices=UNITS)
    decimals = models.PositiveSmallIntegerField("decimaler")
    costs = models.CharField(
        "kostnader visas",
        max_length=10,
        choices=[(item.value, item.value) for item in CostSign],
        default=CostSign.NEGATIVE.value,
    )

    class Meta(Ordered.Meta):
        verbose_name = "ekonomitabell"
        verbose_name_plural = "ekonomitabeller"
        constraints = [
            models.UniqueConstraint(
                fields=("committee_year", "key"), name="financial_table_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ColumnGroup(Ordered):
    """A heading over columns."""

    table = models.ForeignKey(
        FinancialTable, on_delete=models.CASCADE, related_name="column_groups"
    )
    key = models.SlugField("nyckel", max_length=60)
    label = models.CharField("rubrik", max_length=100)

    class Meta(Ordered.Meta):
        verbose_name = "kolumngrupp"
        verbose_name_plural = "kolumngrupper"


class TableColumn(Ordered):
    """A column of a financial table."""

    table = models.ForeignKey(FinancialTable, on_delete=models.CASCADE, related_name="columns")
    key = models.SlugField("nyckel", max_length=60)
    label = models.CharField("rubrik", max_length=200)
    kind = models.CharField(
        "typ", max_length=20, choices=[(item.value, item.value) for item in ColumnKind]
    )
    operands = models.JSONField("räknas ur", default=list, blank=True)
    group = models.ForeignKey(
        ColumnGroup, null=True, blank=True, on_delete=models.RESTRICT, related_name="columns"
    )
    span = models.CharField(
        "tidsspann",
        max_length=10,
        choices=[(item.value, item.value) for item in Span],
        default=Span.YEAR.value,
    )
    year_offset = models.SmallIntegerField("år, relativt", default=0)
    decimals = models.PositiveSmallIntegerField("decimaler", null=True, blank=True)
    in_totals = models.BooleanField("med i summor", default=True)
    previous_period = models.BooleanField("föregående periods siffra", default=False)

    class Meta(Ordered.Meta):
        verbose_name = "kolumn"
        verbose_name_plural = "kolumner"
        constraints = [
            models.UniqueConstraint(fields=("table", "key"), name="table_column_key_unique")
        ]


class TableRow(Ordered):
    """A row of a financial table; `parent` makes "varav" sub-rows."""

    table = models.ForeignKey(FinancialTable, on_delete=models.CASCADE, related_name="rows")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_rows"
    )
    key = models.SlugField("nyckel", max_length=60)
    label = models.CharField("text", max_length=300)
    kind = models.CharField(
        "typ",
        max_length=10,
        choices=[(item.value, item.value) for item in RowKind],
        default=RowKind.DATA.value,
    )
    of_which = models.BooleanField("varav-rader är en del", default=False)
    sum_of = models.JSONField("delsumma av", default=list, blank=True)
    change_of = models.SlugField("förändring av", max_length=60, blank=True)
    excluded = models.BooleanField("utanför summor", default=False)

    class Meta(Ordered.Meta):
        verbose_name = "rad"
        verbose_name_plural = "rader"
        constraints = [
            models.UniqueConstraint(fields=("table", "key"), name="table_row_key_unique")
        ]


class TableCell(Tracked):
    """A figure written into a table for a period: an amount in kronor, a text or yes/no."""

    table = models.ForeignKey(FinancialTable, on_delete=models.CASCADE, related_name="cells")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="cells")
    column = models.ForeignKey(TableColumn, on_delete=models.CASCADE, related_name="cells")
    number = models.DecimalField("tal", null=True, blank=True, max_digits=24, decimal_places=6)
    text = models.TextField("text", blank=True)
    flag = models.BooleanField("ja/nej", null=True, blank=True)

    class Meta:
        verbose_name = "tabellvärde"
        verbose_name_plural = "tabellvärden"
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=("period", "row", "column"), name="table_cell_unique")
        ]


class RowComment(Tracked):
    """A comment on a row for a period, e.g. why the forecast deviates."""

    table = models.ForeignKey(FinancialTable, on_delete=models.CASCADE, related_name="comments")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField("kommentar")

    class Meta:
        verbose_name = "radkommentar"
        verbose_name_plural = "radkommentarer"
        ordering = ("pk",)
        constraints = [models.UniqueConstraint(fields=("period", "row"), name="row_comment_unique")]


class LedgerRule(Ordered):
    """A rule that fills a data row from the ledger."""

    table = models.ForeignKey(FinancialTable, on_delete=models.CASCADE, related_name="ledger_rules")
    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="ledger_rules")
    accounts = models.JSONField("konton", default=list, blank=True)
    dimensions = models.JSONField("dimensioner", default=dict, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "huvudboksregel"
        verbose_name_plural = "huvudboksregler"


class LedgerEntry(models.Model):
    """An imported ledger amount: month × account × dimension objects (not edited, no history)."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="ledger_entries"
    )
    kind = models.CharField(
        "slag", max_length=8, choices=[(item.value, item.value) for item in LedgerKind]
    )
    year = models.PositiveSmallIntegerField("år")
    month = models.PositiveSmallIntegerField("månad")
    account = models.CharField("konto", max_length=10)
    ansvar = models.CharField(max_length=20, blank=True)
    verksamhet = models.CharField(max_length=20, blank=True)
    aktivitet = models.CharField(max_length=20, blank=True)
    projekt = models.CharField(max_length=20, blank=True)
    objekt = models.CharField(max_length=20, blank=True)
    motpart = models.CharField(max_length=20, blank=True)
    # Öre as an integer: sums are exact on every database (SQLite has no decimal type).
    amount_ore = models.BigIntegerField("belopp, öre")

    class Meta:
        verbose_name = "huvudbokspost"
        verbose_name_plural = "huvudboksposter"
        # Covers the summaries' aggregation: grouped in index order, the ledger is never
        # sorted (SQLite) and can be read from the index alone (both databases).
        indexes = [
            models.Index(
                fields=(
                    "committee_year", "kind", "year", "month", "account",
                    "verksamhet", "aktivitet", "projekt", "ansvar", "objekt", "motpart", "amount_ore",
                ),
                name="ledger_entry_aggregate",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.account} {self.amount_ore / 100:.2f}"


class LedgerSummary(models.Model):
    """A table row's ledger amount of one kind and month, built from the ledger (derived data)."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="ledger_summaries"
    )
    row = models.ForeignKey(TableRow, on_delete=models.CASCADE, related_name="ledger_summaries")
    kind = models.CharField(
        "slag", max_length=8, choices=[(item.value, item.value) for item in LedgerKind]
    )
    year = models.PositiveSmallIntegerField("år")
    month = models.PositiveSmallIntegerField("månad")
    amount_ore = models.BigIntegerField("belopp, öre")

    class Meta:
        verbose_name = "huvudbokssammandrag"
        verbose_name_plural = "huvudbokssammandrag"
        indexes = [models.Index(fields=("committee_year", "year"), name="ledger_summary_scope")]

    def __str__(self) -> str:
        return (
            f"{self.row.key} {self.kind} {self.year}-{self.month:02d} {self.amount_ore / 100:.2f}"
        )


class Activity(models.Model):
    """A code of SCB's RS activity classification (verksamhetsindelning); seeded data."""

    code = models.CharField("kod", max_length=10, unique=True)
    name = models.CharField("namn", max_length=200)
    rollup = models.CharField("summeras till", max_length=10, blank=True)

    class Meta:
        verbose_name = "RS-verksamhet"
        verbose_name_plural = "RS-verksamheter"
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AccountClass(models.Model):
    """A Kommun-Bas account class or group by its leading digits; seeded data."""

    prefix = models.CharField("kontoprefix", max_length=10, unique=True)
    name = models.CharField("namn", max_length=200)

    class Meta:
        verbose_name = "kontoklass"
        verbose_name_plural = "kontoklasser"
        ordering = ("prefix",)

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"
