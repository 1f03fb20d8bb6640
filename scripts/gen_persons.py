"""A multilingual person-linkage benchmark: two files of the same population, reproducible
from a seed (``python scripts/gen_persons.py OUT_DIR --seed 2024``).

Who is in it: households of Latin American, Iberian, French, Italian, Dutch and Caribbean
people, each named the way their country names people and holding that country's identity
document, written the way clerks write it:

- Spanish and Spanish American names: one or two given names, paternal then maternal
  surname; children take the father's first surname and the mother's first surname.
- Portuguese and Brazilian names: maternal then paternal surname, often three surnames with
  particles (da, dos, de); Filho / Neto / Júnior for a son named after his father.
- French, Italian, Dutch and Caribbean English names: one surname, with its particles (de,
  le, di, van der...); compound French given names (Jean-Pierre).
- Documents: Spanish DNI and NIE with their check letter, Portuguese Cartão de Cidadão,
  Brazilian CPF and Chilean RUT with their check digits, Mexican CURP derived from name and
  date, Colombian and Argentine cédula / DNI with dots, French CNI, Italian carta
  d'identità, Dutch BSN (eleven test), Caribbean national numbers; passports for some.

The left file is a clean register; the right file is the same population seen by another
agency: accents and case lost, particles dropped, a surname missing or the surnames in the
other order, a second given name dropped, a short form (Paco, Pepe, Chema, Zé, Toño...),
spelling by ear (b/v, s/z/c, ll/y, silent h, j/g, x/j, ç/ss, nh/ñ, lh/ll), typing errors,
given names and surnames in each other's fields, the full name in one field, a day and month
swapped, a wrong digit or year, dates and documents missing, another document, a new
address; and in a few fields what clerks write where they know nothing (S/N, 0000000000,
no@no.com, Sin domicilio, 1900-01-01, NN: ``NOTHING_WRITTEN``), in both files.

Hard negatives: twins (same surnames, same date of birth, different given names, sometimes
the same first given name), siblings, parents and sons with the same given names (with or
without Jr./Filho), namesakes with the same common name born within a few years, and many
people present on one side only.

Faker (a runtime dependency already) gives the name, street and city pools by locale.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

COLUMNS = (
    "id",
    "full_name",
    "given_name",
    "surname",
    "second_surname",
    "date_of_birth",
    "gender",
    "nationality",
    "document_number",
    "address",
    "city",
    "postcode",
    "phone",
    "email",
)

# country: (Faker locale, naming system, relative weight)
COUNTRIES: dict[str, tuple[str, str, int]] = {
    "ES": ("es_ES", "iberian", 10),
    "MX": ("es_MX", "iberian", 12),
    "CO": ("es_CO", "iberian", 10),
    "AR": ("es_AR", "iberian", 6),
    "CL": ("es_CL", "iberian", 5),
    "PE": ("es_ES", "iberian", 4),
    "VE": ("es_CO", "iberian", 4),
    "DO": ("es_ES", "iberian", 3),
    "BR": ("pt_BR", "portuguese", 12),
    "PT": ("pt_PT", "portuguese", 6),
    "FR": ("fr_FR", "single", 7),
    "IT": ("it_IT", "single", 7),
    "NL": ("nl_NL", "single", 5),
    "JM": ("en_GB", "single", 3),
    "TT": ("en_GB", "single", 2),
}

PARTICLES = {
    "FR": ["de", "le", "du", "de la"],
    "IT": ["di", "de", "la", "lo", "del"],
    "NL": ["van", "van der", "de", "van den", "ter"],
    "BR": ["da", "dos", "de", "do", "das"],
    "PT": ["da", "dos", "de", "do"],
}

# Short forms people go by, as clerks write them (not the matcher's table).
SHORT_FORMS = {
    "francisco": ["Paco", "Pancho", "Curro", "Chico"],
    "jose": ["Pepe", "Zé", "Chepe"],
    "jose maria": ["Chema"],
    "antonio": ["Toño", "Toni", "Tonho"],
    "ignacio": ["Nacho"],
    "manuel": ["Manolo", "Manu"],
    "enrique": ["Quique"],
    "guillermo": ["Memo", "Guille"],
    "eduardo": ["Lalo", "Edu", "Dudu"],
    "jesus": ["Chucho", "Chuy"],
    "rafael": ["Rafa"],
    "fernando": ["Nando", "Fer"],
    "alejandro": ["Alex"],
    "alberto": ["Beto"],
    "dolores": ["Lola", "Loli"],
    "guadalupe": ["Lupe", "Lupita"],
    "rosario": ["Charo", "Chayo"],
    "concepcion": ["Concha", "Conchita"],
    "mercedes": ["Merche", "Meche"],
    "isabel": ["Chabela", "Isa"],
    "joaquim": ["Quim"],
    "sebastiao": ["Tião"],
    "giuseppe": ["Beppe", "Peppe", "Pino"],
    "luigi": ["Gigi"],
    "salvatore": ["Totò", "Turi"],
    "giovanni": ["Gianni"],
    "vincenzo": ["Enzo"],
    "alessandro": ["Sandro", "Ale"],
    "johannes": ["Hans", "Jan"],
    "cornelis": ["Kees"],
    "hendrik": ["Henk"],
    "willem": ["Wim"],
    "pieter": ["Piet"],
    "william": ["Bill", "Will"],
    "robert": ["Bob", "Rob"],
    "james": ["Jim", "Jimmy"],
    "michael": ["Mike"],
    "thomas": ["Tom"],
    "elizabeth": ["Liz", "Beth"],
    "margaret": ["Maggie", "Peggy"],
    "francois": ["Fanfan"],
    "emmanuel": ["Manu"],
}
# Given names the short forms apply to, added to the pools so they occur.
EXTRA_GIVEN = {
    "iberian": {
        "M": [
            "Francisco",
            "José",
            "José María",
            "Antonio",
            "Ignacio",
            "Manuel",
            "Enrique",
            "Guillermo",
            "Eduardo",
            "Jesús",
            "Rafael",
            "Fernando",
            "Alejandro",
            "Alberto",
            "Juan",
            "Luis",
            "Carlos",
            "Javier",
            "Jorge",
            "Miguel Ángel",
            "Juan Carlos",
        ],
        "F": [
            "María",
            "María José",
            "María Fernanda",
            "Dolores",
            "Guadalupe",
            "Rosario",
            "Concepción",
            "Mercedes",
            "Isabel",
            "Ana",
            "Carmen",
            "María del Carmen",
            "Lucía",
            "Valentina",
            "Ximena",
            "Yolanda",
        ],
    },
    "portuguese": {
        "M": [
            "José",
            "João",
            "Francisco",
            "António",
            "Joaquim",
            "Sebastião",
            "Eduardo",
            "Luiz",
            "Paulo",
            "Carlos",
            "Antônio",
            "Raimundo",
        ],
        "F": [
            "Maria",
            "Ana",
            "Francisca",
            "Antônia",
            "Adriana",
            "Juliana",
            "Márcia",
            "Maria José",
            "Conceição",
        ],
    },
    "single": {
        "M": [
            "Giuseppe",
            "Luigi",
            "Salvatore",
            "Giovanni",
            "Vincenzo",
            "Alessandro",
            "Johannes",
            "Cornelis",
            "Hendrik",
            "Willem",
            "Pieter",
            "William",
            "Robert",
            "James",
            "Michael",
            "Thomas",
            "François",
            "Emmanuel",
            "Jean-Pierre",
            "Jean-Luc",
        ],
        "F": [
            "Elizabeth",
            "Margaret",
            "Marie-Claire",
            "Anne-Sophie",
            "Giuseppina",
            "Johanna",
            "Maria",
        ],
    },
}
COMMON_NAMES = {  # namesakes: very common full names of each naming system
    "iberian": [
        ("M", ["José"], ["García", "López"]),
        ("M", ["Juan", "Carlos"], ["Rodríguez", "Pérez"]),
        ("F", ["María"], ["Hernández", "González"]),
        ("M", ["Luis"], ["Martínez", "Sánchez"]),
        ("F", ["Ana", "María"], ["Gómez", "Díaz"]),
    ],
    "portuguese": [
        ("F", ["Maria"], ["da Silva"]),
        ("M", ["José"], ["dos Santos"]),
        ("M", ["João"], ["Pereira", "da Silva"]),
        ("F", ["Ana"], ["de Souza"]),
    ],
    "single": [
        ("M", ["Jan"], ["de Vries"]),
        ("M", ["Marco"], ["Rossi"]),
        ("F", ["Marie"], ["Martin"]),
        ("M", ["John"], ["Smith"]),
        ("F", ["Giulia"], ["Russo"]),
    ],
}


@dataclass
class Person:
    entity: int
    country: str
    system: str
    sex: str
    given: list[str]
    surnames: list[str]  # as written, particles included ("da Silva", "van der Berg")
    dob: date
    document: str
    address: str
    city: str
    postcode: str
    phone: str
    email: str
    generation: str = ""  # "Jr.", "Filho", "Júnior"...
    nationality: str = ""
    tags: set[str] = field(default_factory=set)


# --- documents ------------------------------------------------------------------------------

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(rng: random.Random) -> str:
    number = rng.randrange(10_000_000, 99_999_999)
    return f"{number:08d}{DNI_LETTERS[number % 23]}"


def nie(rng: random.Random) -> str:
    prefix = rng.choice("XYZ")
    number = rng.randrange(0, 9_999_999)
    value = int(f"{'XYZ'.index(prefix)}{number:07d}")
    return f"{prefix}{number:07d}{DNI_LETTERS[value % 23]}"


def cpf(rng: random.Random) -> str:
    return cpf_of([rng.randrange(10) for _ in range(9)])


def cpf_of(digits: list[int]) -> str:
    """A Brazilian CPF of nine digits, with its two check digits."""
    base = list(digits)
    for size in (9, 10):
        total = sum(d * w for d, w in zip(base, range(size + 1, 1, -1), strict=False))
        check = (total * 10) % 11
        base.append(0 if check == 10 else check)
    text = "".join(map(str, base))
    return f"{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}"


def rut(rng: random.Random) -> str:
    number = rng.randrange(5_000_000, 26_000_000)
    total, factor = 0, 2
    for ch in reversed(str(number)):
        total += int(ch) * factor
        factor = 2 if factor == 7 else factor + 1
    check = 11 - total % 11
    digit = {11: "0", 10: "K"}.get(check, str(check))
    return f"{number:,}".replace(",", ".") + f"-{digit}"


def _cc_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - 55  # A=10 ... Z=35


def cartao_cidadao(rng: random.Random) -> str:
    """Portuguese Cartão de Cidadão: 8 digits, a check digit, two letters, a check digit
    (the document number's own mod-10 doubling check)."""
    number = rng.randrange(10_000_000, 39_999_999)
    first = str(rng.randrange(10))
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
    body = f"{number}{first}{letters}"
    for last in range(10):
        total = 0
        for i, ch in enumerate(reversed(body + str(last))):
            value = _cc_value(ch)
            if i % 2 == 1:
                value *= 2
                if value >= 10:
                    value -= 9
            total += value
        if total % 10 == 0:
            return f"{number} {first} {letters}{last}"
    return f"{number} {first} {letters}0"


CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
MX_STATES = ["AS", "BC", "CH", "DF", "GT", "JC", "MC", "NL", "OC", "PL", "VZ", "YN"]


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in text if c.isalpha() and not unicodedata.combining(c))


def curp(person: Person, rng: random.Random) -> str:
    """Mexican CURP from the name, date of birth and sex, with its check digit."""
    return curp_of(person.sex, person.given, person.surnames, person.dob, rng)


def curp_of(
    sex: str, given_names: list[str], surnames: list[str], dob: date, rng: random.Random
) -> str:
    """A CURP of a sex (M or F), given names, surnames and date of birth (the state drawn)."""
    paternal = _plain(surnames[0].split()[-1])
    maternal = _plain(surnames[1].split()[-1]) if len(surnames) > 1 else "X"
    given = _plain(given_names[0])
    vowel = next((c for c in paternal[1:] if c in "AEIOU"), "X")

    def consonant(word: str) -> str:
        return next((c for c in word[1:] if c not in "AEIOU"), "X")

    body = (
        f"{paternal[0]}{vowel}{maternal[0]}{given[0]}{dob:%y%m%d}"
        f"{'H' if sex == 'M' else 'M'}{rng.choice(MX_STATES)}"
        f"{consonant(paternal)}{consonant(maternal)}{consonant(given)}"
        f"{'0' if dob.year < 2000 else 'A'}"
    )
    total = sum(CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if digits[0] and total % 11 == 0:
            return "".join(map(str, digits))


def document_for(person: Person, rng: random.Random) -> str:
    country = person.country
    if country == "ES":
        return dni(rng)
    if country == "PT":
        return cartao_cidadao(rng)
    if country == "BR":
        return cpf(rng)
    if country == "MX":
        return curp(person, rng)
    if country == "CL":
        return rut(rng)
    if country == "CO":
        return f"{rng.randrange(10_000_000, 1_200_000_000):,}".replace(",", ".")
    if country in ("AR", "PE", "VE", "DO"):
        return f"{rng.randrange(10_000_000, 45_000_000):,}".replace(",", ".")
    if country == "FR":
        return f"{rng.randrange(10**11, 10**12)}"
    if country == "IT":
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        pick = "".join(rng.choice(letters) for _ in range(3))
        return f"C{pick[0]}{rng.randrange(10**4, 10**5)}{pick[1:]}"
    if country == "NL":
        return bsn(rng)
    return f"{rng.randrange(10**8, 10**9)}"


def passport(rng: random.Random) -> str:
    return f"{rng.choice('PXAB')}{rng.choice('ABCDEFGHJK')}{rng.randrange(10**6, 10**7)}"


# --- people and households ------------------------------------------------------------------


class Population:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers: dict[str, Faker] = {}
        for locale in {c[0] for c in COUNTRIES.values()}:
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.fakers[locale] = fake
        self.people: list[Person] = []
        self.next_entity = 0

    def faker(self, country: str) -> Faker:
        return self.fakers[COUNTRIES[country][0]]

    def country(self) -> str:
        names = list(COUNTRIES)
        return self.rng.choices(names, weights=[COUNTRIES[c][2] for c in names])[0]

    def given_names(self, country: str, sex: str) -> list[str]:
        system = COUNTRIES[country][1]
        rng, fake = self.rng, self.faker(country)
        if rng.random() < 0.35:
            first = rng.choice(EXTRA_GIVEN[system][sex])
        else:
            first = fake.first_name_male() if sex == "M" else fake.first_name_female()
        names = first.split()
        if len(names) == 1 and system != "single" and rng.random() < 0.45:
            second = fake.first_name_male() if sex == "M" else fake.first_name_female()
            names += second.split()[:1]
        if system == "single" and len(names) == 1 and rng.random() < 0.2:
            second = fake.first_name_male() if sex == "M" else fake.first_name_female()
            names += second.split()[:1]
        return names

    def surname(self, country: str) -> str:
        fake, rng = self.faker(country), self.rng
        name = fake.last_name()
        if country in PARTICLES and rng.random() < (0.35 if country in ("BR", "PT") else 0.15):
            first = name.split()[-1]
            name = f"{rng.choice(PARTICLES[country])} {first}"
        return name

    def family_surnames(self, country: str) -> tuple[list[str], list[str], list[str]]:
        """Father's, mother's and the children's surnames."""
        system = COUNTRIES[country][1]
        rng = self.rng
        if system == "iberian":
            father = [self.surname(country), self.surname(country)]
            mother = [self.surname(country), self.surname(country)]
            return father, mother, [father[0], mother[0]]
        if system == "portuguese":
            father = [self.surname(country), self.surname(country)]
            mother = [self.surname(country), self.surname(country)]
            children = [mother[-1], father[-1]]
            if rng.random() < 0.3:
                children.insert(0, mother[0])
            return father, mother, children
        father = [self.surname(country)]
        mother = father if rng.random() < 0.6 else [self.surname(country)]
        return father, mother, list(father)

    def home(self, country: str) -> tuple[str, str, str, str]:
        fake = self.faker(country)
        address = fake.street_address().replace("\n", ", ")
        return address, fake.city(), fake.postcode(), fake.phone_number()

    def email(self, country: str, given: list[str], surnames: list[str]) -> str:
        fake, rng = self.faker(country), self.rng
        if rng.random() < 0.4:
            return ""
        local = f"{_plain(given[0]).lower()}.{_plain(surnames[0].split()[-1]).lower()}"
        return f"{local}{rng.randrange(1, 999)}@{fake.free_email_domain()}"

    def new_person(
        self,
        country: str,
        sex: str,
        given: list[str],
        surnames: list[str],
        dob: date,
        home: tuple[str, str, str, str],
        generation: str = "",
        tags: set[str] | None = None,
    ) -> Person:
        address, city, postcode, phone = home
        if self.rng.random() < 0.5:  # a mobile of one's own
            phone = self.faker(country).phone_number()
        person = Person(
            entity=self.next_entity,
            country=country,
            system=COUNTRIES[country][1],
            sex=sex,
            given=given,
            surnames=surnames,
            dob=dob,
            document="",
            address=address,
            city=city,
            postcode=postcode,
            phone=phone,
            email=self.email(country, given, surnames),
            generation=generation,
            nationality=country,
            tags=tags or set(),
        )
        person.document = document_for(person, self.rng)
        self.next_entity += 1
        self.people.append(person)
        return person

    def birth(self, start: int, end: int) -> date:
        return date(start, 1, 1) + timedelta(days=self.rng.randrange((end - start) * 365))

    def household(self) -> None:
        rng = self.rng
        country = self.country()
        system = COUNTRIES[country][1]
        father_s, mother_s, child_s = self.family_surnames(country)
        home = self.home(country)
        father_dob = self.birth(1940, 1985)
        father_given = self.given_names(country, "M")
        father = self.new_person(country, "M", father_given, father_s, father_dob, home)
        if rng.random() < 0.6:
            self.new_person(
                country,
                "F",
                self.given_names(country, "F"),
                mother_s,
                father_dob + timedelta(days=rng.randrange(-2500, 2500)),
                home,
            )
        taken = {strip_accents(father_given[0]).lower()}  # no two children share a name

        def fresh_given(sex: str) -> list[str]:
            for _ in range(20):
                given = self.given_names(country, sex)
                if strip_accents(given[0]).lower() not in taken:
                    break
            taken.add(strip_accents(given[0]).lower())
            return given

        children = rng.choice([0, 1, 1, 2, 2, 3])
        first_child = father_dob + timedelta(days=rng.randrange(20 * 365, 35 * 365))
        for k in range(children):
            dob = first_child + timedelta(days=k * rng.randrange(400, 1500))
            if dob.year > 2010:
                break
            sex = rng.choice("MF")
            if k == 0 and sex == "M" and rng.random() < 0.35:
                # named after his father
                mark = {"portuguese": rng.choice(["Filho", "Júnior", "Neto"]), "single": "Jr."}.get(
                    system, ""
                )
                surnames = list(father_s) if system != "iberian" else child_s
                self.new_person(
                    country,
                    "M",
                    list(father_given),
                    surnames,
                    dob,
                    home,
                    generation=mark,
                    tags={"junior"},
                )
                father.tags.add("senior")
                continue
            self.new_person(
                country, sex, fresh_given(sex), list(child_s), dob, home, tags={"sibling"}
            )
            if rng.random() < 0.25:  # twins
                twin_sex = sex if rng.random() < 0.6 else ("F" if sex == "M" else "M")
                twin_given = fresh_given(twin_sex)
                mine = self.people[-1].given
                if twin_sex == sex and system != "single" and rng.random() < 0.15:
                    # the same first given name, another second one (María José, María Fernanda)
                    second = next(
                        (g for g in fresh_given(sex) if g not in mine),
                        "Fernanda" if sex == "F" else "Andrés",
                    )
                    twin_given = [mine[0], second]
                self.new_person(
                    country, twin_sex, twin_given, list(child_s), dob, home, tags={"twin"}
                )

    def namesakes(self) -> None:
        rng = self.rng
        system = rng.choice(list(COMMON_NAMES))
        sex, given, surnames = rng.choice(COMMON_NAMES[system])
        countries = [c for c, v in COUNTRIES.items() if v[1] == system]
        country = rng.choice(countries)
        year = rng.randrange(1950, 2000)
        for _ in range(rng.randrange(2, 5)):
            dob = date(year, 1, 1) + timedelta(days=rng.randrange(-700, 1100))
            self.new_person(
                country,
                sex,
                list(given),
                list(surnames),
                dob,
                self.home(country),
                tags={"namesake"},
            )


# --- how the other agency writes a person ---------------------------------------------------

SPELLING = [  # (pattern, replacement): the listed sound-alike spellings, both ways
    ("v", "b"),
    ("b", "v"),
    ("z", "s"),
    ("s", "z"),
    ("ce", "se"),
    ("ci", "si"),
    ("ll", "y"),
    ("y", "ll"),
    ("h", ""),
    ("j", "g"),
    ("ge", "je"),
    ("gi", "ji"),
    ("x", "j"),
    ("ç", "ss"),
    ("ss", "ç"),
    ("nh", "ñ"),
    ("ñ", "nh"),
    ("lh", "ll"),
    ("qu", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("ou", "o"),
]
STREET_ABBREVIATIONS = [
    ("Calle", "C/"),
    ("Avenida", "Av."),
    ("Carrera", "Cra."),
    ("Rua", "R."),
    ("Avenue", "Av."),
    ("Via", "V."),
    ("Straat", "str."),
    ("Street", "St"),
    ("Road", "Rd"),
    ("Praça", "Pç."),
    ("Travessa", "Tv."),
]


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.3:
        return word[:i] + word[i + 1 :]
    if kind < 0.55:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.8:
        return word[:i] + rng.choice("aeiounrstlm") + word[i + 1 :]
    return word[:i] + rng.choice("aeiounrstlm") + word[i:]


def respell(word: str, rng: random.Random) -> str:
    lower = word.lower()
    options = [(a, b) for a, b in SPELLING if a in lower]
    if not options:
        return word
    a, b = rng.choice(options)
    at = lower.index(a)
    new = lower[:at] + b + lower[at + len(a) :]
    return new.capitalize() if word[:1].isupper() else new


def short_form(given: list[str], rng: random.Random) -> list[str] | None:
    plain = [strip_accents(g).lower() for g in given]
    if len(plain) >= 2 and " ".join(plain[:2]) in SHORT_FORMS:
        return [rng.choice(SHORT_FORMS[" ".join(plain[:2])])]
    if plain[0] in SHORT_FORMS:
        return [rng.choice(SHORT_FORMS[plain[0]]), *given[1:2]][: 1 if rng.random() < 0.6 else 2]
    return None


def drop_particle(surname: str) -> str:
    words = surname.split()
    return words[-1] if len(words) > 1 else surname


def corrupt(person: Person, rng: random.Random, level: float) -> Person:
    """The person as a second agency recorded them; ``level`` scales how careless it was."""
    p = replace(
        person, given=list(person.given), surnames=list(person.surnames), tags=set(person.tags)
    )

    def chance(x: float) -> bool:
        return rng.random() < x * level

    # names
    if chance(0.25):
        form = short_form(p.given, rng)
        if form:
            p.given = form
    if len(p.given) > 1 and chance(0.25):
        p.given = p.given[:1]
    if chance(0.2):
        p.surnames = [drop_particle(s) for s in p.surnames]
    if len(p.surnames) >= 2 and chance(0.2):
        # one surname missing: Iberian records often keep the paternal one only; Brazilian
        # ones the last
        p.surnames = p.surnames[:1] if p.system == "iberian" else p.surnames[-1:]
    elif len(p.surnames) >= 2 and chance(0.08):
        p.surnames = list(reversed(p.surnames))
    if chance(0.2):
        target = rng.choice(["given", "surname"])
        if target == "given":
            p.given[0] = respell(p.given[0], rng)
        else:
            k = rng.randrange(len(p.surnames))
            words = p.surnames[k].split()
            words[-1] = respell(words[-1], rng)
            p.surnames[k] = " ".join(words)
    if chance(0.15):
        target = rng.choice(["given", "surname"])
        if target == "given":
            p.given[0] = typo(p.given[0], rng)
        else:
            k = rng.randrange(len(p.surnames))
            words = p.surnames[k].split()
            words[-1] = typo(words[-1], rng)
            p.surnames[k] = " ".join(words)
    if p.generation and chance(0.5):
        p.generation = ""
    # date of birth
    r = rng.random()
    if r < 0.04 * level:
        p.tags.add("no dob")
    elif r < 0.08 * level and p.dob.day <= 12 and p.dob.day != p.dob.month:
        p.dob = date(p.dob.year, p.dob.day, p.dob.month)
    elif r < 0.12 * level:
        text = p.dob.strftime("%Y%m%d")
        for _ in range(10):
            i = rng.choice([2, 3, 5, 6, 7])
            new = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
            try:
                p.dob = date(int(new[:4]), int(new[4:6]), int(new[6:]))
                break
            except ValueError:
                continue
    elif r < 0.14 * level:
        with contextlib.suppress(ValueError):  # 29 February
            p.dob = p.dob.replace(year=p.dob.year + rng.choice([-1, 1]))
    # document
    r = rng.random()
    if r < 0.3 * level:
        p.document = ""
    elif r < 0.4 * level:
        p.document = passport(rng)
    elif r < 0.45 * level and len(p.document) > 6:
        digits_at = [i for i, c in enumerate(p.document) if c.isdigit()]
        i = rng.choice(digits_at)
        p.document = p.document[:i] + str((int(p.document[i]) + 1) % 10) + p.document[i + 1 :]
    elif rng.random() < 0.5:
        p.document = "".join(c for c in p.document if c.isalnum())
    # contact and the rest
    if chance(0.15):
        p.address, p.city, p.postcode, p.phone = "", p.city, "", p.phone
    elif chance(0.15):
        p.tags.add("moved")
    else:
        for long, short in STREET_ABBREVIATIONS:
            if long in p.address and rng.random() < 0.5:
                p.address = p.address.replace(long, short)
        if chance(0.1):
            p.address = typo(p.address, rng)
    if chance(0.3):
        p.phone = ""
    if chance(0.4):
        p.email = ""
    if chance(0.1):
        p.nationality = ""
    elif chance(0.05):
        p.nationality = rng.choice(["ES", "IT", "US", "PT"])  # a second nationality
    if chance(0.1):
        p.sex = ""
    return p


def render(person: Person, record_id: str, rng: random.Random, messy: bool) -> dict[str, str]:
    """A CSV row: split name fields or one full-name field, in the file's habits."""
    given = " ".join(person.given)
    surnames = list(person.surnames)
    mark = person.generation
    row = dict.fromkeys(COLUMNS, "")
    row["id"] = record_id
    if messy and rng.random() < 0.45:
        full = " ".join([given, *surnames, *([mark] if mark else [])])
        if rng.random() < 0.15:
            full = f"{' '.join(surnames).upper()}, {given}"
        row["full_name"] = full
    else:
        if messy and rng.random() < 0.04:  # given names and surnames in each other's fields
            row["given_name"], row["surname"] = " ".join(surnames), given
        else:
            row["given_name"] = given
            if person.system == "iberian":
                row["surname"] = surnames[0] if surnames else ""
                row["second_surname"] = " ".join(surnames[1:])
            else:
                row["surname"] = " ".join(surnames)
            if mark:
                row["surname"] = f"{row['surname']} {mark}".strip()
    if messy:
        for key in ("full_name", "given_name", "surname", "second_surname"):
            value = row[key]
            if rng.random() < 0.3:
                value = strip_accents(value)
            if rng.random() < 0.25:
                value = value.upper()
            row[key] = value
    row["date_of_birth"] = "" if "no dob" in person.tags else person.dob.isoformat()
    row["gender"] = person.sex
    row["nationality"] = person.nationality
    row["document_number"] = person.document
    row["address"] = person.address
    row["city"] = person.city
    row["postcode"] = person.postcode
    row["phone"] = person.phone
    row["email"] = person.email
    return row


# What clerks write where there is nothing to write, and how often a row of the right file
# (a field, of every row: the left register writes fewer) holds one: strangers share them.
NOTHING_WRITTEN: dict[str, tuple[float, tuple[str, ...]]] = {
    "document_number": (0.03, ("S/N", "SIN DOCUMENTO", "000000000", "NO TIENE", "N/A")),
    "phone": (0.03, ("0000000000", "+57 000 000 0000", "S/T", "999999999")),
    "email": (0.02, ("no@no.com", "sincorreo@gmail.com", "notiene@hotmail.com")),
    "address": (0.02, ("Sin domicilio", "S/D", "Desconocido", "SDF", "No fixed abode")),
    "date_of_birth": (0.005, ("1900-01-01", "01/01/1900")),
    "given_name": (0.003, ("NN", "Desconocido")),
}


def nothing_written(row: dict[str, str], rng: random.Random, share: float) -> None:
    """Some fields of a row written as clerks write them when they know nothing
    (``NOTHING_WRITTEN``), ``share`` of the right file's rate."""
    for name, (rate, written) in NOTHING_WRITTEN.items():
        if rng.random() < rate * share and (name != "given_name" or row["given_name"]):
            row[name] = rng.choice(written)


def generate(
    seed: int = 2024, households: int = 1500, namesake_groups: int = 150
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
    """Left rows, right rows and the true pairs (left id, right id)."""
    population = Population(seed)
    rng = population.rng
    blanks = random.Random(seed * 7919 + 1)  # its own draws: the rest stays as it was
    for _ in range(households):
        population.household()
    for _ in range(namesake_groups):
        population.namesakes()
    left: list[dict[str, str]] = []
    right: list[dict[str, str]] = []
    truth: list[tuple[str, str]] = []
    for person in population.people:
        r = rng.random()
        on_left, on_right = (
            (True, True) if r < 0.5 else (True, False) if r < 0.75 else (False, True)
        )
        left_id = right_id = ""
        if on_left:
            left_id = f"L{len(left) + 1:06d}"
            clean = corrupt(person, rng, 0.25)  # the register has its own small slips
            left.append(render(clean, left_id, rng, messy=False))
            nothing_written(left[-1], blanks, 0.3)
        if on_right:
            right_id = f"R{len(right) + 1:06d}"
            seen = corrupt(person, rng, 1.0)
            if "moved" in seen.tags:
                seen.address, seen.city, seen.postcode, _ = population.home(person.country)
            right.append(render(seen, right_id, rng, messy=True))
            nothing_written(right[-1], blanks, 1.0)
        if on_left and on_right:
            truth.append((left_id, right_id))
    rng.shuffle(right)
    return left, right, truth


def write_benchmark(out: Path, seed: int = 2024) -> tuple[Path, Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    left, right, truth = generate(seed)
    paths = out / "left.csv", out / "right.csv", out / "truth.csv"
    for path, rows in zip(paths[:2], (left, right), strict=True):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    with paths[2].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id"])
        writer.writerows(truth)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    left, right, truth = write_benchmark(args.out, args.seed)
    print(f"wrote {left}, {right} and {truth}")


if __name__ == "__main__":
    main()
