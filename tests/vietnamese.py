"""Is a text Vietnamese? Every word of letters must be a possible Vietnamese syllable.

A Vietnamese syllable is an initial consonant (or none), a vowel nucleus and an optional final
consonant; the vowels i, y, o, u that end a syllable (người, khiếu, tay) belong to the nucleus
here. English words almost never fit ("Law": w; "Complaints", "Decree", "extensions": clusters),
so a document that lets one through fails; the few English words that do fit ("the",
"not", "due") are named and refused. Numbers, codes and abbreviations are not words: a chunk
with a digit (15/TB-PROV, 11/11/2011, K7Q2-9XHD), a word without a vowel (QĐ, TTr, NĐ, VT)
and the abbreviations named below (UBND, TTCP) are left out. Any other word in capitals
(a title set in capitals, "DRAFT") is judged as a word.
"""

import re
import unicodedata

_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"  # initial, or none
    r"[aeiouy]{1,3}"  # nucleus (with a final i, y, o or u)
    r"(ch|ng|nh|[cmnpt])?"  # final consonant
)
_VOWELS = set("aeiouy")
_WORD = re.compile(r"[^\W\d_]+")
#: Abbreviations a Vietnamese document prints (Decree 30/2020's codes, the bodies' names, the
#: hash's name) and the test units' codes: the only words in capitals not read as words.
ABBREVIATIONS = frozenset(
    {"UBND", "HĐND", "TTCP", "CHXHCN", "SHA", "PDF", "QR", "CCCD", "PROV", "COMM", "TP", "TX"}
)
#: English words that happen to be possible Vietnamese syllables, and are not Vietnamese words.
ENGLISH_SYLLABLES = frozenset(
    {"the", "not", "due", "than", "by", "and", "of", "for", "with", "from", "is", "are"}
)


def plain(word: str) -> str:
    """``word`` in lower case without its diacritics, đ as d: "Điều" -> "dieu"."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def is_syllable(word: str) -> bool:
    # "the" as written (thể, thế are Vietnamese): the English word has no diacritics.
    english = word.lower() in ENGLISH_SYLLABLES
    return _SYLLABLE.fullmatch(plain(word)) is not None and not english


def _is_abbreviation(word: str) -> bool:
    if not _VOWELS & set(plain(word)):
        return True  # QĐ, TTr, NĐ, CP, VT
    return word in ABBREVIATIONS


def foreign_words(text: str, ignore: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that cannot be Vietnamese, in order (``ignore``: strings removed
    first, e.g. the verification URL and code)."""
    for skipped in ignore:
        text = text.replace(skipped, " ")
    found = []
    for chunk in text.split():
        if any(ch.isdigit() for ch in chunk) or "://" in chunk:
            continue  # a number, a date, a document number, a reference, an address
        for word in _WORD.findall(chunk):
            if not is_syllable(word) and not _is_abbreviation(word):
                found.append(word)
    return found
