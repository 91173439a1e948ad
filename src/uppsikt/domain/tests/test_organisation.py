from uppsikt.domain.organisation import (
    OrgUnit,
    UnitKind,
    ancestors,
    depth_first,
    descendants,
    units_in_cycles,
)


def tree(text: str) -> list[OrgUnit]:
    """Lines `CODE PARENT` (PARENT `-` for a top unit)."""
    units = []
    for line in text.strip().splitlines():
        code, parent = line.split()
        units.append(OrgUnit(code, code.title(), UnitKind.UNIT, None if parent == "-" else parent))
    return units


UNITS = tree(
    """
    KSF   -
    HR    KSF
    EKO   KSF
    LON   HR
    UPH   EKO
    """
)


def test_descendants_are_listed_depth_first() -> None:
    assert [unit.code for unit in descendants(UNITS, "KSF")] == ["HR", "LON", "EKO", "UPH"]
    assert descendants(UNITS, "LON") == []


def test_ancestors_are_listed_nearest_first() -> None:
    assert [unit.code for unit in ancestors(UNITS, "LON")] == ["HR", "KSF"]
    assert ancestors(UNITS, "KSF") == []


def test_depth_first_gives_each_unit_its_depth() -> None:
    assert [(depth, unit.code) for depth, unit in depth_first(UNITS)] == [
        (0, "KSF"),
        (1, "HR"),
        (2, "LON"),
        (1, "EKO"),
        (2, "UPH"),
    ]


def test_units_that_loop_back_on_themselves_are_found() -> None:
    looping = tree(
        """
        A  B
        B  C
        C  A
        D  -
        E  D
        """
    )
    assert units_in_cycles(looping) == {"A", "B", "C"}
    assert units_in_cycles(UNITS) == set()
    assert [unit.code for unit in ancestors(looping, "A")] == ["B", "C"]
