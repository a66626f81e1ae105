"""Reading inputs: what is refused, with which message."""

import pytest

from kg.errors import InputError
from kg.ingest import read_articles, read_sources
from kg.ingest.sources import iter_paths


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory"):
        read_sources([str(tmp_path / "nope.txt")])


@pytest.mark.parametrize("content", [b"", b"   \n\n\t"])
def test_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty.txt: file is empty"):
        read_sources([str(path)])


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary file"):
        read_sources([str(path)])


def test_undecodable_text_names_the_byte_and_the_flag(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Talks in Malmö went on for hours on Friday.".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin.txt: not valid UTF-8 \(byte 0xf6 at offset 13\).*--encoding"):
        read_sources([str(path)])
    [article] = read_articles([str(path)], encoding="latin-1")
    assert "Malmö" in article.text


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Officials met in Geneva on Monday to discuss the truce.".encode("utf-16"))
    [article] = read_articles([str(path)])
    assert article.text.startswith("Officials met in Geneva")


def test_folders_expand_to_text_and_html_files_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    assert [p.rsplit("/", 1)[1] for p in iter_paths([str(tmp_path)])] == ["a.html", "b.txt"]


def test_folder_without_articles_is_refused(tmp_path):
    (tmp_path / "data.csv").write_text("a,b")
    with pytest.raises(InputError, match="folder holds no"):
        list(iter_paths([str(tmp_path)]))


def test_page_with_only_furniture_is_refused(tmp_path):
    path = tmp_path / "nav.txt"
    path.write_text("Home\nWorld News\nRecommended Articles\nMore Stories\n")
    with pytest.raises(InputError, match="no article text found"):
        read_articles([str(path)])


def test_html_the_extractor_trips_on_is_read_by_the_fallback(tmp_path):
    # a lone element under the root: trafilatura 2.0's pruning tries to remove the root itself
    page = tmp_path / "page.html"
    page.write_text("<time>Envoys of two countries met in Geneva on Monday.</time><script>hidden()</script>"
                    "</body></html>", encoding="utf-8")
    [article] = read_articles([str(page)])
    assert article.text == "Envoys of two countries met in Geneva on Monday."
    (tmp_path / "empty.html").write_text("<time></time></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text found in the HTML"):
        read_articles([str(tmp_path / "empty.html")])
