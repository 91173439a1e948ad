from datetime import date
from decimal import Decimal

from uppsikt.domain.economy.frame import BudgetFrame, FrameAdjustment, FramePart
from uppsikt.domain.economy.money import Amount, Unit

M = Decimal(1_000_000)

FRAME = BudgetFrame(
    Unit.MNKR,
    1,
    council=(
        FramePart("Kommunstyrelsen", Decimal("704.6") * M),
        FramePart("Överförmyndarnämnden", Decimal("7.8") * M),
    ),
    adjustments=(
        FrameAdjustment(10 * M, "Omställning", "Kommunstyrelsen"),
        FrameAdjustment(Decimal("3.95") * M, "Lokalkostnader", "Kommunstyrelsen", date(2023, 3, 8)),
        FrameAdjustment(Decimal("1.7") * M, "Färdtjänst", "Kommunfullmäktige", date(2023, 4, 24)),
        FrameAdjustment(Decimal(5) * M, "Senare beslut", "Kommunfullmäktige", date(2023, 6, 12)),
    ),
    stated=Decimal("728.2") * M,
)


def test_the_adjusted_frame_is_the_council_frame_plus_adjustments_decided_by_then() -> None:
    adjusted = FRAME.adjusted(date(2023, 4, 30))
    assert FRAME.council_total().value == Decimal("712.4") * M
    assert adjusted.value == Decimal("728.05") * M
    assert FRAME.adjusted(date(2023, 8, 31)).value == Decimal("733.05") * M
    assert FRAME.adjusted(date(2023, 1, 31)).value == Decimal("722.4") * M


def test_each_written_part_carries_half_a_step_of_rounding_error() -> None:
    adjusted = FRAME.adjusted(date(2023, 4, 30))
    assert adjusted.error == 5 * Decimal("0.05") * M
    assert adjusted.agrees_with(Decimal("728.2") * M, FRAME.half_step)
    assert not Amount(adjusted.value, Decimal(0)).agrees_with(Decimal("728.2") * M, FRAME.half_step)
