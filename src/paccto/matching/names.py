"""Names as the 38 countries write them: particles, compound Iberian surnames, given-name
short forms, and a phonetic key for Spanish, Portuguese, French, Italian, Dutch and English
spelling variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paccto.matching.text import fold, tokens

# Words that join or introduce surnames: kept out of comparisons (de la Cruz = Cruz).
PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "dello",
        "dela",
        "la",
        "las",
        "los",
        "le",
        "les",
        "lo",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "des",
        "van",
        "vander",
        "vanden",
        "der",
        "den",
        "ter",
        "te",
        "ten",
        "von",
        "zu",
        "y",
        "e",
        "i",
    }
)

# Short forms and nicknames to the given name they stand for (folded).
HYPOCORISMS: dict[str, str] = {
    # Spanish
    "paco": "francisco",
    "pancho": "francisco",
    "curro": "francisco",
    "paquito": "francisco",
    "pepe": "jose",
    "pepito": "jose",
    "chepe": "jose",
    "cheo": "jose",
    "chema": "jose maria",
    "josema": "jose maria",
    "tono": "antonio",
    "toni": "antonio",
    "tony": "antonio",
    "nacho": "ignacio",
    "manolo": "manuel",
    "lolo": "manuel",
    "quique": "enrique",
    "kike": "enrique",
    "memo": "guillermo",
    "lalo": "eduardo",
    "chucho": "jesus",
    "chus": "jesus",
    "chuy": "jesus",
    "rafa": "rafael",
    "nando": "fernando",
    "fer": "fernando",
    "alex": "alejandro",
    "juanjo": "juan jose",
    "juanma": "juan manuel",
    "juanca": "juan carlos",
    "beto": "alberto",
    "tito": "alberto",
    "lola": "dolores",
    "loli": "dolores",
    "lupe": "guadalupe",
    "lupita": "guadalupe",
    "charo": "rosario",
    "concha": "concepcion",
    "conchita": "concepcion",
    "chelo": "consuelo",
    "pili": "pilar",
    "maite": "maria teresa",
    "marite": "maria teresa",
    "mayte": "maria teresa",
    "marisa": "maria luisa",
    "maribel": "maria isabel",
    "marisol": "maria soledad",
    "mariajo": "maria jose",
    "chabela": "isabel",
    "isa": "isabel",
    "pati": "patricia",
    "paty": "patricia",
    "nena": "elena",
    "meche": "mercedes",
    "merche": "mercedes",
    "cuca": "refugio",
    "tona": "antonia",
    "paca": "francisca",
    "panchita": "francisca",
    "pepa": "josefa",
    "pepita": "josefa",
    "chayo": "rosario",
    # Portuguese
    "ze": "jose",
    "zezinho": "jose",
    "chico": "francisco",
    "quim": "joaquim",
    "tiao": "sebastiao",
    "dudu": "eduardo",
    "guto": "augusto",
    "tonho": "antonio",
    "toninho": "antonio",
    "juca": "jose",
    "zeca": "jose",
    "bia": "beatriz",
    "gabi": "gabriela",
    "fafa": "fabiana",
    "nanda": "fernanda",
    "tata": "renata",
    "lu": "luciana",
    "cris": "cristina",
    "dani": "daniela",
    # Italian
    "beppe": "giuseppe",
    "peppe": "giuseppe",
    "pino": "giuseppe",
    "peppino": "giuseppe",
    "gigi": "luigi",
    "nino": "antonino",
    "toto": "salvatore",
    "turi": "salvatore",
    "sandro": "alessandro",
    "ale": "alessandro",
    "gianni": "giovanni",
    "vanni": "giovanni",
    "franco": "francesco",
    "cecco": "francesco",
    "enzo": "vincenzo",
    "pina": "giuseppina",
    "giusy": "giuseppina",
    # French
    "jojo": "joseph",
    "jeannot": "jean",
    "mimi": "michel",
    "dede": "andre",
    "manu": "emmanuel",
    "fanfan": "francois",
    "titi": "thierry",
    # Dutch
    "hans": "johannes",
    "jan": "johannes",
    "joop": "johannes",
    "henk": "hendrik",
    "kees": "cornelis",
    "piet": "pieter",
    "wim": "willem",
    "joke": "johanna",
    "mien": "wilhelmina",
    "truus": "geertruida",
    "klaas": "nicolaas",
    "sjaak": "jacob",
    # English
    "bill": "william",
    "billy": "william",
    "will": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "dick": "richard",
    "rick": "richard",
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "tom": "thomas",
    "tommy": "thomas",
    "joe": "joseph",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "peggy": "margaret",
    "maggie": "margaret",
    "kate": "katherine",
    "katie": "katherine",
}

# Spelling rules applied in order to a folded word; each pair is (pattern, replacement).
PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"),  # Phelipe / Felipe
        (r"th", "t"),  # Thomaz / Tomas
        (r"sch", "s"),  # Dutch and German sch
        (r"ch", "x"),  # keep ch apart from c before the c rules (Chávez)
        (r"sh", "x"),  # Portuguese/English sh and ch sound alike
        (r"nh", "n"),  # Portuguese nh = Spanish ñ (folded to n)
        (r"lh", "y"),  # Portuguese lh = Spanish ll
        (r"ll", "y"),  # ll and y (Castillo / Castiyo)
        (r"gn(?=[aeiou])", "n"),  # Italian/French gn = ñ (Magnani / Mañani)
        (r"qu(?=[ei])", "k"),  # Quesada / Kesada
        (r"gu(?=[ei])", "g"),  # Guerra / Gerra
        (r"q", "k"),
        (r"c(?=[ei])", "s"),  # Cecilia / Sesilia
        (r"c", "k"),  # Carlos / Karlos
        (r"ss", "s"),  # Portuguese ss = ç (folded to c, here s) = s
        (r"z", "s"),  # Zapata / Sapata, seseo and ceceo alike
        (r"g(?=[ei])", "j"),  # Gimenez / Jimenez, Geronimo / Jeronimo
        (r"^x", "j"),  # Ximena / Jimena, Xavier / Javier
        (r"(?<=[aeiou])x(?=[aeiou])", "j"),  # Mexia / Mejia
        (r"j", "x"),  # j and the ch/sh/x sounds meet here
        (r"v", "b"),  # Bargas / Vargas
        (r"w", "b"),  # Walter / Balter
        (r"h", ""),  # silent h (Hernández / Ernández); ch and sh were handled above
        (r"y(?![aeiou])", "i"),  # Ruy / Rui, Yrigoyen
        (r"(.)\1+", r"\1"),  # double letters
    )
)


def phonetic(word: str) -> str:
    """A key under which spelling variants of a name meet.

    >>> phonetic("Vázquez") == phonetic("Basques")
    True
    """
    # ç is an s sound: read it before folding turns it into a plain c.
    key = fold(word.replace("ç", "s").replace("Ç", "S")).replace(" ", "")
    for pattern, replacement in PHONETIC_RULES:
        key = pattern.sub(replacement, key)
    return key


def given_name_forms(word: str) -> list[str]:
    """A given name and, for a short form, the full name(s) it stands for."""
    folded = fold(word)
    full = HYPOCORISMS.get(folded)
    return [folded, *full.split()] if full else [folded]


def name_words(text: str) -> list[str]:
    """The meaningful folded words of a name: particles dropped."""
    return [w for w in tokens(text) if w not in PARTICLES]


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts, however it was given (one field or several)."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]

    @property
    def all_words(self) -> tuple[str, ...]:
        return self.given + self.surnames


def person_name(
    full_name: str = "",
    given_name: str = "",
    surname: str = "",
    second_surname: str = "",
) -> PersonName:
    """Split a person's name into given names and surnames.

    With separate fields, they are trusted. With one field, the last two words are taken as
    surnames when there are four or more words (the Iberian paternal + maternal pattern),
    else the last one; "SURNAME, Given" puts the surnames first.
    """
    if given_name or surname or second_surname:
        return PersonName(
            tuple(name_words(given_name)),
            tuple(name_words(surname) + name_words(second_surname)),
        )
    if "," in full_name:
        before, after = full_name.split(",", 1)
        return PersonName(tuple(name_words(after)), tuple(name_words(before)))
    words = name_words(full_name)
    if len(words) <= 1:
        return PersonName((), tuple(words))
    cut = len(words) - (2 if len(words) >= 4 else 1)
    return PersonName(tuple(words[:cut]), tuple(words[cut:]))


def person_name_readings(
    full_name: str = "",
    given_name: str = "",
    surname: str = "",
    second_surname: str = "",
) -> list[PersonName]:
    """Every plausible split of a name: a three-word name in one field is one given name and
    two surnames in the Iberian way, or two given names and one surname elsewhere."""
    first = person_name(full_name, given_name, surname, second_surname)
    if given_name or surname or second_surname or "," in full_name:
        return [first]
    words = name_words(full_name)
    if len(words) == 3:
        return [PersonName(tuple(words[:1]), tuple(words[1:])), first]
    return [first]
