"""Hostile links: text that GitHub's Markdown would turn into a link by itself, and evidence links
that look like https but disguise where they lead.

- Manifest text in the Markdown report and the GitHub job summary renders, through cmark-gfm as
  GitHub renders it, as text: no link, no autolink (after ``_``, ``*``, ``~`` or ``(``, a bare
  ``www.``, an e-mail address, ``mailto:`` or ``xmpp:``) and no HTML.
- An evidence link is followed (and linked in a report) only when ``https_url_problem`` accepts
  it: no user name or password, no control, bidirectional or invisible character, no host name
  mixing Latin with Cyrillic or Greek letters; and no other scheme is ever linked.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options

from charter_check.model.evidence import https_url_problem
from charter_check.reading.yaml_reader import read_yaml
from tests.hostile.processes import charter_check, environment, no_crash
from tests.hostile.sandbox import EXAMPLE, TODAY, cite

BAIT = [
    "_https://bait-underscore.example",
    "*https://bait-star.example*",
    "~https://bait-tilde.example",
    "(https://bait-bracket.example)",
    "_www.bait-www.example_",
    "see www.bait-plain.example today",
    "HTTP://BAIT-UPPER.EXAMPLE",
    "write to someone@bait-mail.example please",
    "mailto:someone@bait-mailto.example",
    "xmpp:someone@bait-xmpp.example/home",
    "a_b@bait-underscore-mail.example",
    "<https://bait-angle.example>",
    "[bait](https://bait-link.example)",
    "<a href='https://bait-html.example'>here</a>",
    "ftp://bait-ftp.example/file",
]
MARKDOWN_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "br", "hr", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "input", "del",
}  # fmt: skip


class Rendered(HTMLParser):
    """What cmark-gfm made of some Markdown: its tags and the targets of its links."""

    def __init__(self, markdown: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.feed(str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def manifest_saying(folder: Path, text: str, answers: dict[str, str] | None = None) -> None:
    """The passing example, with ``text`` in free-text fields a report shows (and ``answers``
    given as the answers to those criteria)."""
    shutil.copytree(EXAMPLE / "docs", folder / "docs")
    data = read_yaml((EXAMPLE / "charter.yaml").read_bytes()).data
    data["project"] |= {"name": text, "summary": text}
    data["answers"]["security.dpia-review"]["notes"] = text
    for criterion, answer in (answers or {}).items():
        data["answers"][criterion]["answer"] = answer
    (folder / "charter.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@pytest.mark.slow
def test_manifest_text_never_becomes_a_link_or_html_in_the_markdown_report(tmp_path: Path) -> None:
    manifest_saying(tmp_path, " ".join(BAIT))
    outcome = charter_check("report", "-f", "markdown", "--today", TODAY, cwd=tmp_path)
    no_crash(outcome)
    assert "bait-underscore.example" in outcome.stdout, "the text is shown"
    page = Rendered(outcome.stdout)
    assert page.tags <= MARKDOWN_TAGS, page.tags - MARKDOWN_TAGS
    assert not [href for href in page.hrefs if "bait" in href], page.hrefs
    for href in page.hrefs:
        assert href.startswith(("https://", "docs/", "#")), href


@pytest.mark.slow
def test_manifest_text_never_becomes_a_link_or_html_in_the_job_summary(tmp_path: Path) -> None:
    # and a finding that quotes the manifest's words: an answer that is not one of the choices
    manifest_saying(tmp_path, " ".join(BAIT), {"security.lawful-basis": " ".join(BAIT[:8])})
    summary = tmp_path / "summary.md"
    outcome = charter_check(
        "validate", "-f", "github", "--today", TODAY, cwd=tmp_path,
        env=environment(HOME=str(tmp_path), GITHUB_STEP_SUMMARY=str(summary)),
    )  # fmt: skip
    assert outcome.code == 1, outcome.describe()
    text = summary.read_text(encoding="utf-8")
    assert "bait-underscore.example" in text and "bait-mail.example" in text
    page = Rendered(text)
    assert page.tags <= MARKDOWN_TAGS - {"a"}, page.tags
    assert page.hrefs == []


# Evidence links ------------------------------------------------------------------------------------

ACCEPTED = [
    "https://www.nhs.uk/your-nhs-data-matters/",
    "https://example.org:8443/a/b?c=d#e",
    "HTTPS://EXAMPLE.ORG/",
    "https://münchen.example/",
    "https://пример.рф/",
    "https://xn--mnchen-3ya.example/",
    "https://[2001:db8::1]/policy",
]
REFUSED = {
    "user name": "https://www.nhs.uk@evil.example/",
    "user and password": "https://user:secret@evil.example/",
    "empty user name": "https://@evil.example/",
    "right-to-left override": "https://evil.example/\u202efdp.exe",
    "left-to-right isolate": "https://evil.example/\u2066x",
    "zero-width space in host": "https://nhs\u200b.uk/",
    "soft hyphen in host": "https://nh\u00ads.uk/",
    "word joiner": "https://evil.example/\u2060",
    "byte-order mark": "https://\ufeffevil.example/",
    "control character": "https://evil.example/\x1b[2J",
    "space": "https://evil.example/a b",
    "backslash": "https://trusted.example\\@evil.example/",
    "cyrillic and latin": "https://раураl.example/",
    "greek and latin": "https://gοοgle.example/",
    "cyrillic label, latin suffix": "https://аррӏе.com/",
    "punycode mixing": "https://xn--80ak6aa92e.com/",
    "percent in host": "https://%65vil.example/",
    "no host": "https:///path",
    "bad port": "https://evil.example:99999/",
    "unclosed address": "https://[2001:db8::1/",
    "javascript": "javascript:alert(document.cookie)",
    "data": "data:text/html,<script>alert(1)</script>",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "http": "http://example.org/",
}


@pytest.mark.parametrize("url", ACCEPTED)
def test_a_plain_https_link_is_accepted(url: str) -> None:
    assert https_url_problem(url) is None


@pytest.mark.parametrize("case", REFUSED)
def test_a_link_that_could_disguise_where_it_leads_is_refused_in_words(case: str) -> None:
    problem = https_url_problem(REFUSED[case])
    assert problem is not None
    assert problem.startswith(("it ", "its ")), problem  # words for a sentence: "not linked: it ..."


# Characters the manifest reader refuses in any value, so that no link holding one reaches a report.
READER_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.slow
def test_no_refused_link_is_followed_or_linked_in_any_report(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "docs", tmp_path / "docs")
    refused = [url for url in REFUSED.values() if not READER_REFUSES.search(url)]
    disguised_http = "http://trusted.example@evil.example/"
    references = [*ACCEPTED, *refused, disguised_http]
    cite(tmp_path, references)
    checked = charter_check("validate", "-f", "json", "--today", TODAY, cwd=tmp_path)
    no_crash(checked)
    [dpia] = [
        c
        for p in json.loads(checked.stdout)["principles"]
        for c in p["criteria"]
        if c["id"] == "security.dpia"
    ]
    states = {item["reference"]: item["state"] for item in dpia["evidence"]}
    assert all(states[url] == "link" for url in ACCEPTED)
    assert all(states[url] != "link" for url in refused), states
    # http:// is a citation, with a warning, but never a link; held to the https tests besides.
    assert states[REFUSED["http"]] == "insecure_link"
    assert states[disguised_http] == "disguised_link"
    for fmt in ("html", "markdown"):
        outcome = charter_check("report", "-f", fmt, "--today", TODAY, cwd=tmp_path)
        no_crash(outcome)
        text = outcome.stdout
        hrefs = (
            [html.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]
            if fmt == "html"
            else Rendered(text).hrefs
        )
        for href in hrefs:
            assert href.lower().startswith(("https://", "#", "docs/")), href
            assert "evil" not in href and "xn--80ak6aa92e" not in href and "@" not in href, href
        assert len([h for h in hrefs if h.lower().startswith("https://")]) >= len(ACCEPTED)


CONTACTS = {
    "javascript": "javascript:alert(document.cookie)",
    "mailto": "mailto:dpo@example.org",
    "data": "data:text/html,<script>alert(1)</script>",
    "http": "http://example.org/contact",
    "user name before the host": "https://council.example@evil.example/contact",
    "mixed alphabets": "https://\u0440\u0430\u0443\u0440\u0430l.example/",
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CONTACTS)
def test_a_contact_that_is_not_a_plain_email_or_https_page_is_refused_and_never_linked(
    tmp_path: Path, case: str
) -> None:
    contact = CONTACTS[case]
    manifest = (EXAMPLE / "charter.yaml").read_text(encoding="utf-8")
    shutil.copytree(EXAMPLE / "docs", tmp_path / "docs")
    (tmp_path / "charter.yaml").write_text(
        re.sub(r"(?m)^  contact: .*$", lambda _: f"  contact: {json.dumps(contact)}", manifest),
        encoding="utf-8",
    )

    checked = charter_check("validate", "-f", "json", "--today", TODAY, cwd=tmp_path)

    no_crash(checked)
    assert checked.code == 1, checked.describe()
    assert [f["rule"] for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"] == [
        "project.contact"
    ]
    for fmt in ("html", "markdown"):
        report = charter_check("report", "-f", fmt, "--today", TODAY, cwd=tmp_path)
        no_crash(report)
        assert "not a contact residents can use" in report.stdout
        hrefs = (
            re.findall(r'href="([^"]*)"', report.stdout) if fmt == "html" else Rendered(report.stdout).hrefs
        )
        assert not [
            href
            for href in hrefs
            if "evil" in href or href.lower().startswith(("javascript", "mailto", "data", "http:"))
        ]


@pytest.mark.slow
def test_a_plain_contact_is_shown_to_residents_and_only_a_web_page_is_linked(tmp_path: Path) -> None:
    manifest = (EXAMPLE / "charter.yaml").read_text(encoding="utf-8")
    shutil.copytree(EXAMPLE / "docs", tmp_path / "docs")
    page = "https://www.mersey-valley.nhs.example/forecast"
    (tmp_path / "charter.yaml").write_text(re.sub(r"(?m)^  contact: .*$", f"  contact: {page}", manifest))

    report = charter_check("report", "-f", "html", "--today", TODAY, cwd=tmp_path)
    email = charter_check("report", "-f", "html", "--today", TODAY, cwd=EXAMPLE)

    assert f'<strong>Questions about this project:</strong> <a href="{page}">{page}</a>' in report.stdout
    assert (
        '<strong>Questions about this project:</strong> <span class="answer">data.protection@' in email.stdout
    )
