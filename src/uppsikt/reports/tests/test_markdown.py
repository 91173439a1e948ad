from uppsikt.reports.document import ItemList, Paragraph, Run, Style
from uppsikt.reports.markdown import blocks, paragraphs


def test_paragraphs_lists_and_emphasis_become_blocks() -> None:
    text = "Första stycket med *betoning* och **fetstil**.\n\nAndra\nraden.\n\n- ett\n- två"
    assert blocks(text) == [
        Paragraph(
            (
                Run("Första stycket med "),
                Run("betoning", Style.EMPHASIS),
                Run(" och "),
                Run("fetstil", Style.STRONG),
                Run("."),
            )
        ),
        Paragraph((Run("Andra raden."),)),
        ItemList((Paragraph((Run("ett"),)), Paragraph((Run("två"),)))),
    ]


def test_raw_html_in_a_text_stays_text() -> None:
    assert blocks('<script>alert("x")</script>') == [
        Paragraph((Run('<script>alert("x")</script>'),))
    ]


def test_a_cell_flattens_lists_into_dashed_paragraphs() -> None:
    assert [p.text for p in paragraphs("Inledning.\n\n- 3 st. a\n- 1 st. b")] == [
        "Inledning.",
        "– 3 st. a",
        "– 1 st. b",
    ]


def test_a_numbered_list_keeps_its_numbers() -> None:
    items = (Paragraph((Run("tre"),)), Paragraph((Run("fyra"),)))
    assert blocks("3. tre\n4. fyra") == [ItemList(items, ordered=True, start=3)]
    assert [p.text for p in paragraphs("1. ett\n2. två")] == ["1. ett", "2. två"]
