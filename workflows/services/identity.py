"""A denouncer's identity in the door: each reading an event of the trail, and no identity in
the free texts that everyone working on the case reads.

Who the check applies to matters as much as the check itself. It refuses a text that names the
denouncer, so its answer says whether a guess was right: applied to someone who may not see
the identity (an investigator), it would confirm a list of candidate names one request at a
time. It therefore applies only to those who may see the identity (the registering officer and
the unit's supervisors: ``permissions.identity``), who are the ones who could leak it; for
everyone else a text is judged like any other text.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from casework.choices import Kind, PartyRole
from casework.models import Case
from permissions.identity import denouncer_identity_visible
from workflows.procedures import IDENTITY_VIEWED_EVENT
from workflows.services.audit import event_append

#: A number shorter than this (a house number, a year) would match by chance.
MIN_DIGITS = 6
#: A one-word name, or an email, shorter than this would match by chance.
MIN_LENGTH = 5

#: Characters that print as nothing: zero-width space, non-joiner and joiner, word joiner,
#: byte-order mark, soft hyphen, combining grapheme joiner, Mongolian vowel separator, and the
#: invisible operators. Typed inside a name they would hide it from a plain comparison.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\u2061\u2062\u2063\u2064"), None
)
_WORD = re.compile(r"\w+")
#: Between two digits: spaces, dots, dashes, slashes, brackets, a plus; how numbers are grouped.
_DIGIT_GAP = re.compile(r"(?<=\d)[\s.\-‐‑–—/()+_]+(?=\d)")


def identity_viewed(*, case_id: int, actor) -> None:
    """Record that ``actor`` was shown the protected identities of a denunciation.

    The caller has already decided that the actor may see them (``permissions.identity``); this
    only writes the ``IDENTITY_VIEWED`` event, under the case's row lock like every event, with
    an empty payload: who and when, never what. The case's ``updated_at`` is left alone: a
    reading is not a change.
    """
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        event_append(case=case, action=IDENTITY_VIEWED_EVENT, actor=actor, payload={}, touch=False)


def _plain(value: str) -> str:
    """Compatibility form (NFKC: full-width digits and letters become plain ones), without
    invisible characters, case folded."""
    value = unicodedata.normalize("NFKC", value or "").translate(_INVISIBLE)
    return unicodedata.normalize("NFC", value.casefold())


def _unaccented(value: str) -> str:
    """The text without its diacritics, as a name is often typed (Nguyen Van An); đ is d."""
    value = unicodedata.normalize("NFD", value.replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in value if not unicodedata.combining(c)))


def _words(value: str) -> list[str]:
    return _WORD.findall(value)


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


@dataclass
class DenouncerSecrets:
    """What identifies the denouncing side, in the forms a text is compared in.

    ``names``: each name as its words (diacritics kept, and again without them), found in a
    text as those words side by side in any order. ``numbers``: ID numbers and phones as digits
    (a phone also as +84...), found however they are grouped. ``addresses``: an address as its
    words in order (the whole, and its first part up to a comma when that part has a number:
    the house and the street). ``emails``: as written.
    """

    names: set[tuple[str, ...]] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    addresses: set[tuple[str, ...]] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.names or self.numbers or self.addresses or self.emails)

    def add(self, *, full_name="", id_number="", phone="", email="", address="") -> None:
        name = _words(_plain(full_name))
        if len(name) >= 2 or (name and len(name[0]) >= MIN_LENGTH):
            self.names.add(tuple(sorted(name)))
            self.names.add(tuple(sorted(_unaccented(w) for w in name)))
        for number in (id_number, phone):
            digits = _digits(_plain(number))
            if len(digits) >= MIN_DIGITS:
                self.numbers.add(digits)
                if number.strip().startswith("0") and len(digits) > MIN_DIGITS:
                    self.numbers.add("84" + digits[1:])  # 0912... written +84 912...
                elif digits.startswith("84") and len(digits) > MIN_DIGITS + 2:
                    self.numbers.add("0" + digits[2:])
        mail = _plain(email).replace(" ", "")
        if len(mail) >= MIN_LENGTH:
            self.emails.add(mail)
        address = _plain(address)
        parts = [address, address.split(",")[0]]
        for part, whole in zip(parts, (True, False), strict=True):
            words = _words(part)
            if len(words) >= 3 and (whole or any(w.isdigit() for w in words)):
                self.addresses.add(tuple(words))
                self.addresses.add(tuple(_unaccented(w) for w in words))

    def found_in(self, text: str) -> bool:
        """Whether the text names the denouncer in any of the forms above."""
        if not text:
            return False
        plain = _plain(text)
        squeezed = _DIGIT_GAP.sub("", plain)
        runs = re.findall(r"\d+", squeezed)
        if any(number in run for number in self.numbers for run in runs):
            return True
        spaceless = re.sub(r"\s+", "", plain)
        if any(mail in spaceless for mail in self.emails):
            return True
        for words in (_words(plain), _words(_unaccented(plain))):
            if any(_has_run(words, address) for address in self.addresses):
                return True
            if any(_has_anagram(words, name) for name in self.names):
                return True
        return False


def _has_run(words: list[str], run: tuple[str, ...]) -> bool:
    n = len(run)
    return any(tuple(words[i : i + n]) == run for i in range(len(words) - n + 1))


def _has_anagram(words: list[str], name: tuple[str, ...]) -> bool:
    """Whether the name's words stand side by side in the text, in any order."""
    n = len(name)
    wanted = set(name)
    return any(
        words[i] in wanted and tuple(sorted(words[i : i + n])) == name
        for i in range(len(words) - n + 1)
    )


def denouncer_secrets(identities) -> DenouncerSecrets:
    """The denouncing side's names, numbers, emails and addresses, ready to compare."""
    secrets = DenouncerSecrets()
    for identity in identities:
        secrets.add(
            full_name=identity.full_name or "",
            id_number=identity.id_number or "",
            phone=identity.phone or "",
            email=identity.email or "",
            address=identity.address or "",
        )
    return secrets


def denouncer_secrets_for(case: Case, actor) -> DenouncerSecrets:
    """The secrets a text of ``actor`` on this case is checked against: none unless the case is
    a denunciation and the actor may see its denouncer (see the module's docstring)."""
    if case.kind != Kind.DENUNCIATION or not denouncer_identity_visible(actor, case):
        return DenouncerSecrets()
    parties = case.parties.exclude(role=PartyRole.ACCUSED).select_related("identity")
    return denouncer_secrets(p.identity for p in parties if hasattr(p, "identity"))


def texts_naming_the_denouncer(
    secrets: DenouncerSecrets, texts: dict[str, str]
) -> dict[str, list[str]]:
    """Field messages for each free text that contains a denouncer's name, number, email or
    address (``DenouncerSecrets.found_in``).

    Free text is read by everyone who sees the case, the verifiers included: the identity is
    kept out of it (Denunciations Law Art. 56), and lives only in the guarded identity.
    """
    if not secrets:
        return {}
    return {
        name: [
            _(
                "Keep the denouncer's identity out of this text: everyone who works on the "
                "case reads it (Denunciations Law Art. 56). It is kept, guarded, with the "
                "parties."
            )
        ]
        for name, text in texts.items()
        if secrets.found_in(text)
    }
