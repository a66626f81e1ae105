"""Finding the articles in a scraped page: furniture, captions, title, byline, dates, second stories."""

from datetime import date

import pytest

from kg.ingest import parse_text
from kg.ingest.page import split_page

PAGE = """Skip to content
World News

Ministers agree new grain corridor after talks in Istanbul

By ELENA PETROVA – Harbour Press
Updated 2 hours ago

Ukrainian and Turkish ministers agreed on Thursday to reopen a grain corridor through the Black Sea.

Ships will be inspected in Istanbul before they sail, the ministers said.

In this photo, ministers shake hands in Istanbul on Thursday, March 6, 2025. (Harbour Press)

In this photo, ministers shake hands in Istanbul on Thursday, March 6, 2025. (Harbour Press)

The first convoy is expected next week.

ODESA, Ukraine (HP) — Air raid sirens sounded across the port city overnight, the regional governor said.

Power was restored to most homes by the morning.

Recommended Articles
Share this article
"""


def test_title_byline_and_publisher_are_read():
    first = split_page(PAGE)[0]
    assert first.title == "Ministers agree new grain corridor after talks in Istanbul"
    assert (first.byline, first.publisher) == ("Elena Petrova", "Harbour Press")


def test_navigation_captions_and_recommendations_are_not_article_text():
    text = " ".join(a.text for a in split_page(PAGE))
    for furniture in ("Skip to content", "World News", "In this photo", "Recommended", "Share this", "Updated"):
        assert furniture not in text


def test_second_story_after_a_dateline_is_its_own_article():
    first, second = split_page(PAGE)
    assert first.text.endswith("The first convoy is expected next week.")
    assert second.dateline == "ODESA, Ukraine"
    assert second.text.startswith("Air raid sirens sounded")
    assert (first.part, second.part) == (0, 1)
    assert first.id != second.id


def test_page_date_comes_from_a_caption_when_the_page_prints_no_timestamp():
    assert {a.published for a in split_page(PAGE)} == {date(2025, 3, 6)}


def test_timestamp_line_gives_the_date_and_wins_over_captions():
    page = "2025-04-02 08:15 Last Updated At: 09:00\n" + PAGE
    assert split_page(page)[0].published == date(2025, 4, 2)


def test_hard_wrapped_paragraphs_are_joined():
    page = ("The envoy met the foreign minister in Vilnius on Monday and the two\n"
            "discussed the border crossings that were closed last month.\n")
    [article] = split_page(page)
    assert article.text == ("The envoy met the foreign minister in Vilnius on Monday and the two "
                            "discussed the border crossings that were closed last month.")


def test_same_story_on_two_pages_has_one_id():
    body = "Envoys met in Doha on Sunday to discuss a ceasefire.\n\nThe talks will resume next week.\n"
    a = parse_text("Home\nNews\n" + body, source="one.txt")[0]
    b = parse_text(body + "More Stories\n", source="two.txt")[0]
    assert a.id == b.id


def test_html_page_uses_its_metadata_and_main_text():
    html = """<html><head><title>Envoy in Minsk | Daily</title><meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2025-12-12T10:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/w">World</a></nav><article><h1>Envoy in Minsk</h1>
    <p>The American envoy met the Belarusian president in Minsk on Friday, officials said on state television.</p>
    <p>Both sides described the talks as useful and said they would meet again next month.</p></article>
    <aside><h2>Recommended Articles</h2><a href="/x">Another story entirely</a></aside></body></html>"""
    [article] = parse_text(html, source="page.html")
    assert article.title == "Envoy in Minsk"
    assert article.byline == "Jane Roe"
    assert article.published == date(2025, 12, 12)
    assert "Recommended" not in article.text and "Home" not in article.text
    assert article.text.startswith("The American envoy met")


def test_published_and_updated_lines_date_the_page_and_stay_out_of_the_text():
    page = (
        "Latest News From Around The World\n"
        "Envoys resume ceasefire talks in Doha\n"
        "Updated December 14, 2025 at 9:00 a.m.\n"
        "Published December 12, 2025 at 3:05 p.m.\n"
        "Envoys from both sides resumed talks in Doha on Friday, mediators said.\n"
    )
    [article] = split_page(page)
    assert article.published == date(2025, 12, 12)
    assert article.title == "Envoys resume ceasefire talks in Doha"
    assert "Published" not in article.text and "Updated" not in article.text


def test_bare_date_line_dates_the_page():
    page = "Oil prices\nOctober 23, 2025\nBritain sanctioned two oil firms last week, officials said.\n"
    [article] = split_page(page)
    assert article.published == date(2025, 10, 23)


def test_headline_printed_twice_wins_over_other_headings():
    page = (
        "Markets and Economy Today\nCentral bank holds rates steady again\nMarkets\n"
        "Central bank holds rates steady again\nThe central bank left its main rate unchanged on Thursday.\n"
    )
    assert split_page(page)[0].title == "Central bank holds rates steady again"


def test_share_and_print_links_are_furniture():
    page = "Talks end in Oslo\nShare on Facebook\nPrint\nNegotiators left Oslo on Monday without a deal.\n"
    [article] = split_page(page)
    assert article.text == "Negotiators left Oslo on Monday without a deal."


def test_wire_service_boilerplate_that_reads_like_prose_is_furniture():
    page = (
        "Ceasefire holds in the south\n"
        "Image caption, Residents return to the port town on Saturday.\n"
        "The truce held overnight in the south, officials said on Saturday.\n"
        "Photograph: Staff photographer/Agency\n"
        "Relief convoys reached the port town by noon, aid workers said.\n"
        "Associated Press writer Tomas Berg in Oslo contributed to this report.\n"
        "(Reporting by Ana Ruiz; Editing by Paul Kent)\n"
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be published.\n"
        "This material may not be published, broadcast, rewritten or redistributed.\n"
    )
    [article] = split_page(page)
    assert article.text.split("\n\n") == [
        "The truce held overnight in the south, officials said on Saturday.",
        "Relief convoys reached the port town by noon, aid workers said.",
    ]


def test_html_without_article_text_is_refused_in_one_line():
    import pytest

    from kg.errors import InputError

    with pytest.raises(InputError, match="menu.html: no article text found"):
        parse_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", source="menu.html")


def test_a_fallback_date_never_overrides_the_date_the_page_prints():
    page = "2025-04-02 08:15 Last Updated At: 09:00\nEnvoys met in Doha on Sunday to discuss a ceasefire.\n"
    [dated] = parse_text(page, published=date(2030, 1, 1))
    assert dated.published == date(2025, 4, 2)
    [undated] = parse_text("Envoys met in Doha on Sunday to discuss a ceasefire.\n", published=date(2030, 1, 1))
    assert undated.published == date(2030, 1, 1)


def test_a_dated_dateline_gives_the_page_date_and_its_place():
    [article] = split_page("EU widens sanctions\n\nBRUSSELS, May 20, 2025 — The European Union approved "
                           "new sanctions against Russia on Tuesday.\n")
    assert article.published == date(2025, 5, 20) and article.dateline == "BRUSSELS"
    assert article.text.startswith("The European Union approved")


def test_a_capitalised_word_and_a_dash_without_agency_or_date_is_not_a_dateline():
    [article] = split_page("NATO — the alliance of 32 countries — met in The Hague on Tuesday for its summit.\n")
    assert article.dateline is None and article.text.startswith("NATO —")


def test_a_scrapers_date_label_before_the_text_dates_the_page_and_leaves_the_text():
    [article] = split_page("date 2025-03-04 Officials from both countries met in Vienna on Monday.\n")
    assert article.published == date(2025, 3, 4)
    assert article.text == "Officials from both countries met in Vienna on Monday."


def test_a_place_in_capitals_before_a_dash_is_a_dateline():
    [article] = split_page("Envoys meet in the capital\n\nCARACAS — Two envoys met the minister on Friday.\n")
    assert article.dateline == "CARACAS"
    assert article.text == "Two envoys met the minister on Friday."


def test_a_place_with_a_slashed_agency_credit_is_a_dateline():
    [article] = split_page("Yangon (Civil/Agencies) – Some 500 prisoners were released on Friday.\n")
    assert article.dateline == "Yangon"
    assert article.text.startswith("Some 500 prisoners")


@pytest.mark.parametrize(("page", "text"), [
    ("The talks resume in Oslo next week.[2]\nEnvoys met there in March to prepare an exchange.[3]\n",
     "The talks resume in Oslo next week.\n\nEnvoys met there in March to prepare an exchange."),
    ("Envoys from both sides met in Oslo on Monday to prepare a prisoner exchange",
     "Envoys from both sides met in Oslo on Monday to prepare a prisoner exchange"),
    ("© 2025 Daily Planet. Envoys from both sides met in Oslo on Monday to prepare an exchange.\n",
     "Envoys from both sides met in Oslo on Monday to prepare an exchange."),
    ("\u200fEnvoys from both sides met in Oslo on Monday to prepare an exchange.\u200e\n",
     "Envoys from both sides met in Oslo on Monday to prepare an exchange."),
    ("Photos: the summit in pictures " + "Envoys from both sides met in Oslo on Monday to prepare an exchange. " * 12,
     None),
])
def test_real_page_shapes_keep_their_article_text(page, text):
    [article] = split_page(page)
    assert article.text == text if text is not None else article.text.startswith("Photos: the summit")


def test_a_short_copyright_line_is_still_furniture():
    [article] = split_page("Envoys from both sides met in Oslo on Monday.\n© 2025 Daily Planet. All rights reserved.\n")
    assert article.text == "Envoys from both sides met in Oslo on Monday."
