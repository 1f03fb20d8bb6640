"""Names as the 38 countries write them: particles, compound Iberian surnames, given-name
short forms, and a phonetic key for Spanish, Portuguese, French, Italian, Dutch and English
spelling variants."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from paccto.matching.name_sexes import ALSO_WOMEN, MEN, OTHER_NAMES, WOMEN
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

# Prefixes that records write apart from a surname or joined to it, with an apostrophe, a
# hyphen or nothing (O'Brien, O Brien, OBrien; Mc Donald; El-Amrani; D'Amico; Fitz Gerald):
# not particles (no name is read without them), but the hit index reads a query's surname
# both ways (compare.py finds the same letters "joined").
SURNAME_PREFIXES = frozenset(
    {"o", "d", "l", "mc", "mac", "el", "al", "ben", "bin", "ibn", "abu", "fitz"}
)

# The Arabic article before a surname, as records write it: al or el (El Amrani,
# Al-Hassan), or with its l sounding as the surname's first letter (Ar-Rashid, As-Sayed,
# Ad-Darwish, Az-Zahrani, Ash-Shami, Er-Rachidi, Es-Sayed), apart, hyphened, joined or left
# out. It tells no family from another: El Amrani and El Idrissi share no surname, El Amrani,
# Al Amrani and Amrani are one. Dropped before a surname (``without_articles``) in surname
# fields and in the surnames of a name in one field, never in given names (Nour El Houda,
# Saif al-Islam: ``abd_names`` reads the Abd names' own). Not an and en (Vietnamese An before
# Nguyen), nor a word alone (El is no surname's article when nothing follows it).
ARTICLES = frozenset({"al", "el"})
_ARTICLE_SOUNDS = frozenset({"t", "th", "d", "dh", "r", "z", "s", "sh"})
_ARTICLE_VOWELS = frozenset("ae")
ARTICLE_REST = 3  # the fewest letters of a surname after an article


def is_article(word: str, after: str) -> bool:
    """Whether ``word`` is the Arabic article before the surname ``after`` (both folded):
    al or el, or a or e and the sound ``after`` begins with (ar before Rashid, ash before
    Shami, es before Sayed), before a word of ``ARTICLE_REST`` letters or more."""
    if len(after) < ARTICLE_REST:
        return False
    if word in ARTICLES:
        return True
    sound = word[1:]
    return (
        word[:1] in _ARTICLE_VOWELS
        and sound in _ARTICLE_SOUNDS
        and after.startswith(sound)
        and len(after) > len(sound)
    )


def without_articles(words: Sequence[str]) -> list[str]:
    """The surnames without the Arabic articles before them (``is_article``): El Amrani
    gives Amrani, Ar-Rashid Rashid, El alone stays, and so does the article of an Abd name
    (Abd El Kader, the given names of a name written surname first)."""
    last = len(words) - 1
    return [
        w
        for k, w in enumerate(words)
        if k == last or not is_article(w, words[k + 1]) or (k > 0 and words[k - 1] in _ABD_FIRST)
    ]


def article_forms(surname: str) -> list[str]:
    """A surname with the Arabic article joined to its front in each form records write
    it (rashid: alrashid, elrashid, arrashid, errashid)."""
    sounded = (v + sound for sound in sorted(_ARTICLE_SOUNDS) for v in sorted(_ARTICLE_VOWELS))
    return [a + surname for a in ("al", "el", *sounded) if is_article(a, surname)]


# Words that bring in a married woman's other surname, which records write after her own
# or her used name: her birth name (French née, Dutch geb., English nee) or her husband's
# (French épouse, ép., Italian in, coniugata, Spanish and Portuguese vda., viuda, viúva de,
# Italian ved.). Not names: a name with one is read with either surname
# (``person_name_readings``).
MARRIED_MARKERS = frozenset(
    {
        "nee",
        "geb",
        "geboren",
        "epouse",
        "epse",
        "ep",
        "in",
        "coniugata",
        "vda",
        "viuda",
        "viuva",
        "ved",
        "vedova",
        "wed",
        "weduwe",
    }
)
_NOT_NAMES = PARTICLES | MARRIED_MARKERS

# Generation marks: part of the legal name in Portuguese (Filho, Neto, Júnior), an addition
# elsewhere (Jr., Sr., III). They tell a father from a son, never which family.
GENERATION_MARKS: dict[str, str] = {
    "jr": "junior",
    "junior": "junior",
    "filho": "junior",
    "fo": "junior",
    "hijo": "junior",
    "fils": "junior",
    "neto": "grandson",
    "sobrinho": "nephew",
    "sr": "senior",
    "senior": "senior",
    "pai": "senior",
    "padre": "senior",
    "pere": "senior",
    "ii": "ii",
    "iii": "iii",
    "iv": "iv",
}
# Marks that are surnames as well (Neto and Sobrinho are Portuguese surnames): a name
# ending in one is also read with it as its last surname, as another file may have it in a
# surname field of its own (Rui Wilson Neto as Rui Wilson, Neto; Izaac Neto as Izaac, Neto;
# the fields Isaac, Anjos Neto as Isaac, Anjos and Neto), the mark reading still the usual
# one. Longer names in one field already have a reading with the surname before the mark.
SURNAME_MARKS = {"grandson": "neto", "nephew": "sobrinho"}  # the mark: its word

# Short forms and nicknames to the given name they stand for (folded); a form used in
# several languages lists its readings with '/' (Tony: Antonio or Anthony).
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
    "toni": "antonio/antonia",  # and Toñi, as Spain writes Antonia
    "tony": "antonio/anthony",
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
    "alex": "alejandro/alexander/alessandro",
    "juanjo": "juan jose",
    "juanma": "juan manuel",
    "juanca": "juan carlos",
    "beto": "alberto/roberto/humberto",
    "tito": "alberto",
    "lola": "dolores",
    "lolita": "dolores",
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
    "marijose": "maria jose",
    "maricarmen": "maria carmen",  # María del Carmen: the given names' particles are dropped
    "mamen": "maria carmen",
    "mariangeles": "maria angeles",
    "maripaz": "maria paz",
    "mariluz": "maria luz",
    "marilo": "maria dolores",
    "maripili": "maria pilar",
    "joselu": "jose luis",
    "chabela": "isabel",
    "isa": "isabel/isabelle",
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
    "goyo": "gregorio",
    "chente": "vicente",
    "chava": "salvador",
    "chalo": "gonzalo",
    "poncho": "alfonso",
    "fito": "adolfo/rodolfo",
    "nico": "nicolas",
    "santi": "santiago",
    "sebas": "sebastian",
    "cata": "catalina",
    "vale": "valentina",
    "caro": "carolina/caroline",
    "fran": "francisco",
    "javi": "javier",
    "edu": "eduardo",
    "guille": "guillermo",
    "tere": "teresa",
    "mili": "emilia",
    "rosi": "rosa",
    "tina": "cristina/concetta/valentina",
    "lucho": "luis",
    "anita": "ana",
    "quico": "francisco",
    "gaby": "gabriela",
    "bea": "beatriz",
    "pipe": "felipe",
    "cuco": "refugio",
    "nene": "manuel",
    "tavo": "gustavo",
    "moncho": "ramon",
    "chago": "santiago",
    "chela": "graciela",
    "chona": "asuncion/encarnacion",
    "guicho": "luis",
    "quino": "joaquin",
    "pancha": "francisca",
    "richi": "ricardo",
    "coque": "jorge",
    "maritere": "maria teresa",
    "anamari": "ana maria",
    # Portuguese
    "ze": "jose",
    "zezinho": "jose",
    "chico": "francisco",
    "quim": "joaquim",
    "tiao": "sebastiao",
    "dudu": "eduardo",
    "guto": "augusto/gustavo",
    "tonho": "antonio",
    "toninho": "antonio",
    "juca": "jose",
    "zeca": "jose",
    "bia": "beatriz",
    "gabi": "gabriel/gabriela",
    "fafa": "fabiana",
    "nanda": "fernanda",
    "tata": "renata",
    "lu": "luciana/luiza/lucia",
    "cris": "cristina",
    "dani": "daniel/daniela",
    "duda": "maria eduarda",
    "manu": "manuel/manuela/emmanuel",
    "leo": "leonardo",
    "rafinha": "rafael",
    "joca": "joao",
    "joaozinho": "joao",
    "paulinho": "paulo",
    "carlinhos": "carlos",
    "mari": "maria/mariana",  # Mari Carmen, Mari Luz; Brazil's Mari
    "graca": "maria gracas",  # Maria das Graças
    "tonico": "antonio",
    # Italian
    "beppe": "giuseppe",
    "peppe": "giuseppe",
    "pino": "giuseppe",
    "peppino": "giuseppe",
    "gigi": "luigi",
    "nino": "antonino/gaetano",
    "toto": "salvatore/antonio",
    "turi": "salvatore",
    "sandro": "alessandro",
    "ale": "alessandro/alessandra/alejandro/alejandra",
    "gianni": "giovanni",
    "vanni": "giovanni",
    "franco": "francesco",
    "cecco": "francesco",
    "enzo": "vincenzo",
    "pina": "giuseppina",
    "tonino": "antonio",
    "gino": "luigi",
    "giusy": "giuseppina",
    "peppina": "giuseppina",
    "checco": "francesco",
    # French
    "jojo": "joseph",
    "jeannot": "jean",
    "mimi": "michel",
    "dede": "andre",
    "fanfan": "francois",
    "titi": "thierry",
    "seb": "sebastien",
    "steph": "stephanie",
    "cathy": "catherine",
    "pat": "patrick/patricia",
    "babette": "elisabeth",
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
    "jaap": "jacob",
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
    "lisa": "elizabeth",
    "betty": "elizabeth",
    "peggy": "margaret",
    "maggie": "margaret",
    "kate": "katherine",
    "katie": "katherine",
    "kathy": "katherine",
    "andy": "andrew",
    "chris": "christopher",
    "dave": "david",
    "steve": "steven",
    "nick": "nicholas",
    "sam": "samuel",
    "ben": "benjamin",
    "dan": "daniel",
    "danny": "daniel",
    "matt": "matthew",
    "jenny": "jennifer",
    "jen": "jennifer",
    "sue": "susan",
    "debbie": "deborah",
    "ted": "edward",
    "eddie": "edward",
    "ed": "edward",
    "charlie": "charles",
    "charly": "charles",
    "chuck": "charles",
    "harry": "henry",
    "jack": "john",
    "johnny": "john",
    "pete": "peter",
    "tim": "timothy",
    "vicky": "victoria",
    "willy": "william",  # and through it Guillermo, Willem
    # Italian (more)
    "giangi": "gianluigi",
    # Gian run together before p or b is written with m: Giampaolo for Gian Paolo.
    "giampaolo": "gian paolo",
    "giampiero": "gian piero",
    "giampietro": "gian pietro",
    "giampaola": "gian paola",
    "giampiera": "gian piera",
    # Giovanni Battista run together, its Giovanni cut to Gian or Giovan (Giambattista,
    # Gianbattista, Giovanbattista, Giovan Battista): one name. (Gian alone is no Giovanni:
    # Gian Luca, Gian Marco are names of their own.)
    **dict.fromkeys(("giambattista", "gianbattista"), "gian battista/giovanni battista"),
    "giovanbattista": "giovanni battista",
    "giovan": "giovanni",
    "lele": "emanuele",
    "max": "massimiliano/maximiliano/maximilien/maxime",
    "mimmo": "domenico",
    "ricky": "riccardo",
    "fede": "federico",
    "betta": "elisabetta",
    # Dutch (more)
    "bas": "sebastiaan",
    "bart": "bartholomeus",
    "bram": "abraham",
    "daan": "daniel",
    "dirk": "diederik",
    "gijs": "gijsbert",
    "joost": "justus",
    "koos": "jacobus",
    "sanne": "susanna",
    "lies": "elisabeth",
    "anneke": "anna",
    # Dutch call names (roepnamen) of the baptismal names that registers keep, often in
    # their Latin forms (Matthijs Thijs, Antonius Teun, Theodorus Dorus, Johanna Ans).
    "thijs": "matthijs",
    "tijs": "matthijs",
    "teun": "antonius",
    "tonnie": "antonius/antonia",
    "guus": "gustaaf/augustus",
    "stijn": "constantijn/augustijn",
    "tijn": "martijn",
    "sander": "alexander",
    "xander": "alexander",
    "lex": "alexander",
    "siem": "simon",
    "niek": "nicolaas",
    "harrie": "hendrik",
    "huub": "hubertus",
    "kobus": "jacobus",
    "loek": "lucas",
    "luuk": "lucas",
    "noud": "arnoldus",
    "dorus": "theodorus",
    "tinus": "martinus",
    "rien": "marinus/adrianus",
    "pim": "willem",
    "harm": "hermanus",
    "jeroen": "hieronymus",
    "flip": "philippus",
    "ans": "johanna",
    "sjaan": "johanna",
    "hannie": "johanna",
    "tiny": "christina/martina",
    "toos": "catharina",
    "bets": "elisabeth",
    "wil": "wilhelmina/willem",
    # English names as Spanish spelling writes them, frequent in Colombia, Venezuela and
    # Central America (Brayan, Maicol, Yeison, Estiven): the phonetic key reads J as the
    # Spanish jota, so they would never meet the English spelling another record keeps.
    **dict.fromkeys(("brayan", "brayam", "braian", "brayhan"), "brian/bryan"),
    **dict.fromkeys(("estefany", "estefani", "stefany", "stefani", "stephany"), "stephanie"),
    **dict.fromkeys(("yeison", "jeison", "jeisson", "yeisson"), "jason"),
    **dict.fromkeys(("maicol", "maikol", "maikel", "maiquel"), "michael"),
    **dict.fromkeys(("estiven", "estiben", "stiven"), "steven"),
    **dict.fromkeys(("yeferson", "yefferson"), "jefferson"),
    **dict.fromkeys(("yonatan", "yonathan"), "jonathan"),
    "dayana": "diana",
    **dict.fromkeys(("leidy", "leydi", "leidi", "leydy"), "lady"),
    **dict.fromkeys(("deivid", "deivis"), "david"),
    "eduar": "edward",
    # And the other way round, English names of the Caribbean as Spanish spelling writes
    # what it hears (Tairon), and their spellings of one sound (Shakil, Shantel, Nadeen).
    "tairon": "tyrone",
    **dict.fromkeys(("shakil", "shakeel"), "shaquille"),
    **dict.fromkeys(("shantel", "shantal", "chantel"), "chantelle/chantal"),
    "nadeen": "nadine",
    **dict.fromkeys(("dwayne", "dwain", "dewayne"), "duane"),
    # Brazil's spellings of English names (Maicon, Keli, Uelinton).
    **dict.fromkeys(("maicon", "maycon", "maikon"), "michael"),
    **dict.fromkeys(("keli", "kely"), "kelly"),
    **dict.fromkeys(("uelinton", "uelington", "welington"), "wellington"),
    # Arabic names in their French, Spanish, Italian and Dutch transliterations.
    "muhammad": "mohamed/mohammed/mohammad",
    "mohammad": "mohamed/mohammed/muhammad",
    "mohamad": "mohamed/muhammad",
    "muhamad": "mohamed/muhammad",
    "yusuf": "youssef",
    "jusuf": "youssef",
    "yousef": "youssef",
    "youssouf": "youssef",
    "mariam": "maryam",
    "meryem": "maryam",
    "meriem": "maryam",
    "zineb": "zaynab",
    "zeinab": "zaynab",
    "zainab": "zaynab",
    "jadiya": "khadija",
    "khadidja": "khadija",
    "saeed": "said",
    "ahmad": "ahmed",
    # and the Maghreb's names as French, Spanish and English spellings give them
    **dict.fromkeys(("imen", "iman"), "imane"),
    **dict.fromkeys(
        ("nordine", "nourdine", "noredine", "nouredine", "nuredin", "nuredine", "nureddin"),
        "noureddine",
    ),
    **dict.fromkeys(("yacine", "yasin", "yassin", "yasine", "iasin", "yacin"), "yassine"),
    **dict.fromkeys(("fadma", "fatma", "fatema"), "fatima"),
    **dict.fromkeys(("mustafa", "moustapha", "moustafa", "mostafa", "mostapha"), "mustapha"),
    "youcef": "youssef",
    **dict.fromkeys(("hacen", "hassen", "hasan"), "hassan"),
    **dict.fromkeys(("morad", "murad"), "mourad"),
    **dict.fromkeys(("soad", "suad"), "souad"),
    **dict.fromkeys(("khaled", "jalid"), "khalid"),
    "nadiya": "nadia",
    **dict.fromkeys(("rashid", "rached"), "rachid"),
    "kareem": "karim",
    "amin": "amine",
    **dict.fromkeys(("ayub", "ayyub", "ayyoub"), "ayoub"),
    **dict.fromkeys(("hisham", "hichem"), "hicham"),
    "mahdi": "mehdi",
    **dict.fromkeys(("idris", "idriss"), "driss"),
    **dict.fromkeys(("aisha", "aysha", "aixa"), "aicha"),
    "umar": "omar",
    **dict.fromkeys(("uthman", "osman", "otman", "othmane"), "othman"),
    **dict.fromkeys(("zakariya", "zakariae"), "zakaria"),
    **dict.fromkeys(("bilel", "belal"), "bilal"),
    "brahim": "ibrahim",
    # More that people go by in the six languages (Aninha, Zezé, Chole, Ção, Xande, Digo,
    # Pepelu, Suso, Lello, Chimo, Cees, Hanneke...)
    "aninha": "ana",
    "zeze": "jose",
    "chole": "soledad",
    "cao": "conceicao",
    "xande": "alexandre",
    "digo": "rodrigo",
    "pepelu": "jose luis",
    "suso": "jesus",
    "lulu": "luis/luisa/lucia/lourdes",
    "cesca": "francesca",
    "franca": "francesca",
    "lello": "raffaele",
    "chimo": "joaquin",
    "paquita": "francisca",
    "domi": "dominique/domingo",
    "nel": "cornelia/petronella",
    "conchi": "concepcion",
    "alejo": "alejandro",
    "jano": "alejandro",  # Chile
    # Dutch call names of baptismal names
    "cor": "cornelis",
    "jos": "josephus",
    "joep": "josephus",
    "greet": "margaretha",
    "grietje": "margaretha",
    "riek": "hendrika",
    "adrie": "adriana/adrianus",
    "mies": "maria",
    # French
    "margot": "marguerite",
    "maguy": "marguerite",
    "bastien": "sebastien",
    "fanny": "stephanie",
    "zaza": "isabelle",
    "nanou": "anne",
    "jacotte": "jacqueline",
    "dom": "dominique",
    "francky": "franck",
    "jn": "jean",  # Haitian and French registers' abbreviation, no initials
    "bte": "baptiste",  # Jn Bte: Jean Baptiste
    # Italian
    "rita": "margherita",
    "cettina": "concetta",
    "bice": "beatrice",
    "pippo": "filippo",
    "tea": "teresa/dorotea",
    "catia": "caterina",
    "lella": "gabriella/raffaella",
    # Portuguese (Brazil)
    "gui": "guilherme",
    "bebel": "isabel",
    "lula": "luis",
    "cadu": "carlos eduardo/ricardo",
    "xico": "francisco",
    "dito": "benedito",
    "lise": "elisabeth",
    "meg": "margaret",
    "gert": "gerardus/gerrit",
    "tano": "gaetano/cayetano",
    "chiquinho": "francisco",
    "theo": "theodorus/theodore/teodoro",
    "roby": "roberto/robert",
    "mundinho": "raimundo",
    "ria": "maria",
    "marieke": "maria",
    "hanneke": "johanna",
    "hal": "henry/harold",
    "nanni": "giovanni",
    "cees": "cornelis",
    "caca": "carlos",
    "antonito": "antonio",
    # and more that a round of common short forms found read as other names (2026-12-06)
    "nati": "natividad/natalia",
    "kiko": "francisco",
    "paqui": "francisca",
    "pato": "patricio",
    "lencho": "lorenzo",
    "checo": "sergio",
    "licha": "alicia",
    "manolito": "manuel",
    "josemi": "jose miguel",
    "malu": "maria luisa",
    "lipe": "felipe",
    "teca": "teresa",
    "dri": "adriana",
    "mane": "manuel",
    "toninha": "antonia",
    "zefa": "josefa",
    "bete": "elisabete/elizabete",
    "pedrinho": "pedro",
    "betinho": "roberto/alberto",
    "ronaldinho": "ronaldo",
    "marquinhos": "marcos",
    "ciccio": "francesco",
    "teo": "matteo/teodoro",
    "lillo": "calogero",
    "jacquot": "jacques",
    "pierrot": "pierre",
    "riet": "maria",
    "bep": "elisabeth",
    "marijke": "maria",
    "hein": "hendrik",
    "ruud": "rudolf",
    "ton": "antonius",
    "toon": "antonius",
    "sjef": "jozef",
    "fons": "alfons",
    "hank": "henry",
    "molly": "mary",
    "sally": "sarah",
    # and the first syllables of a name, as people clip theirs (Sole, Montse, Rober, Asun)
    "sole": "soledad",
    "montse": "montserrat",
    "rober": "roberto",
    "asun": "asuncion",
    "seba": "sebastian",
    "agus": "agustin/agustina",
    "maca": "macarena",
    "encarna": "encarnacion",
    "inma": "inmaculada",
    "reme": "remedios",
    "puri": "purificacion",
    "cande": "candela/candelaria",
    "flor": "florencia",
    "gonza": "gonzalo",
    "lore": "lorena",
    "ceci": "cecilia",
    "luci": "lucia",
    "marijo": "maria jose",
    "fred": "frederic/frederick",
    # and more that a probe of Latin American short forms found read as other names
    # (2026-12-06, a second round)
    "gabo": "gabriel",
    "mague": "margarita",
    "joaco": "joaquin",
    "mundo": "raimundo/edmundo/segismundo",
    "flo": "florence/florian",
    "vince": "vincenzo/vincent",
    "gio": "giovanni",
    "trish": "patricia",
    "corrie": "cornelia",
    "arie": "adrianus",
    "gerrit": "gerardus",
    # and a third (2026-12-06): Rioplatense and Chilean clipped forms, Spanish Toñi and Lolita,
    # Dutch Mieke, Jackie (not Gian: Gianluca is no Giovanni)
    "maxi": "maximiliano/massimiliano",
    "greg": "gregorio",
    "al": "albert/alfred/alan",
    "guga": "gustavo",
    "xavi": "javier",
    "luisma": "luis miguel",
    "polly": "mary",
    "nell": "helen/ellen/eleanor",
    "eze": "ezequiel",
    "tomi": "tomas",
    "coni": "constanza",
    "mieke": "maria",
    "jackie": "jacqueline",
    "jacky": "jacques/jacqueline",  # (in France chiefly a man's)
    # Abbreviations that registers, forms and police records write (Ma. or Mª Guadalupe,
    # Fco. Javier, Joh. for the Dutch Johannes, Wm. for William): the dot and the
    # superscript a are folded away, the letters left stand for the name.
    "ma": "maria",
    "fco": "francisco",
    "fca": "francisca",
    "gpe": "guadalupe",
    "gmo": "guillermo",
    "jfa": "josefa",
    "mnel": "manuel",
    "fdo": "fernando",
    "joh": "johannes",
    "wm": "william",
    "chas": "charles",
    "thos": "thomas",
    # and the others of civil and parish registers, censuses and ships' lists (the first
    # letters, or the first and last: Jas. for James, Geo. for George, Manl. for Manuel)
    "jse": "jose",
    "jph": "joseph",
    "man": "manuel",
    "manl": "manuel",
    "guillmo": "guillermo",
    "anto": "antonio",
    "giov": "giovanni",
    "gius": "giuseppe",
    "hendr": "hendrik",
    "corn": "cornelis",
    "wilh": "wilhelmus",
    "jas": "james",
    "geo": "george",
    "robt": "robert",
    "richd": "richard",
    "edw": "edward",
    "saml": "samuel",
    "benj": "benjamin",
    "danl": "daniel",
    "jno": "john",
    "alexr": "alexander",
    "fredk": "frederick",
    "margt": "margaret",
    "eliz": "elizabeth",
}

# The same given name in the languages of the 38 countries (and English, and the forms
# that records of Eastern European persons carry: Russian, Ukrainian and Polish, Aleksandr,
# Serguei, Piotr, Mijail as Spanish files transliterate it; Romanian, Gheorghe, Ioan,
# Vasile, Romanians being the largest foreign community of Spain and Italy; Greek,
# Albanian, Bulgarian and German ones; and Spain's Catalan, Basque and Galician forms,
# which a person's identity card may give where older records have the Spanish one:
# Jordi, Mikel, Xosé), first the Spanish form every
# other is read as: records translate it (Giuseppe of Italian files is José in
# Argentina's, Jean of French ones Juan in Colombia's, Johannes of Dutch ones João in
# Suriname's or Brazil's). Only true equivalents, each of one sex: Jaime (James, Giacomo,
# Jacques) is not Santiago, nor Isabel Elizabeth, though both once were.
GIVEN_NAME_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    # men
    (
        "juan",
        "joao",
        "jean",
        "giovanni",
        "john",
        "johannes",
        "johan",
        "xoan",
        "ioan",  # Romanian
        "ion",  # Romanian, Basque
        "ioannis",  # Greek
        "gjon",  # Albanian
        "jon",  # Basque
        "johann",  # German
        "yoann",  # French
        "yohan",
    ),
    (
        "jose",
        "giuseppe",
        "joseph",
        "jozef",
        "josef",
        "josep",
        "josephus",
        "iosif",  # Romanian
        "joseba",  # Basque
        "xose",  # Galician
    ),
    (
        "pedro",
        "pierre",
        "pietro",
        "peter",
        "pieter",
        "petrus",
        "pyotr",
        "piotr",
        "petr",
        "petru",  # Romanian
        "petros",  # Greek
        "pjeter",  # Albanian
        "pere",  # Catalan
        "peio",  # Basque
        "kepa",  # Basque
    ),
    ("pablo", "paulo", "paul", "paolo", "paulus", "pavel", "pavlo", "pavlos", "pawel"),
    (
        "miguel",
        "michel",
        "michele",
        "michael",
        "michiel",
        "mikhail",
        "mijail",
        "mykhailo",
        "mihai",  # Romanian
        "mihail",  # Romanian
        "michail",  # Greek
        "michal",  # Polish
        "mikel",  # Basque
        "miquel",  # Catalan
    ),
    ("guillermo", "guilherme", "guillaume", "guglielmo", "william", "willem", "wilhelmus"),
    ("carlos", "charles", "carlo", "karel"),
    (
        "francisco",
        "francois",
        "francesco",
        "francis",
        "frans",
        "francesc",
        "franciscus",
        "francisc",  # Romanian
        "franciszek",  # Polish
        "patxi",  # Basque
    ),
    ("antonio", "antoine", "anthony", "antonius", "anton", "antoni", "andoni"),
    (
        "jorge",
        "georges",
        "giorgio",
        "george",
        "joris",
        "jordi",
        "xurxo",
        "georg",  # German
        "gheorghe",  # Romanian
        "georgi",  # Bulgarian
        "georgios",  # Greek
        "giorgos",  # Greek, as said
        "jerzy",  # Polish
        "gjergj",  # Albanian
        "gorka",  # Basque
    ),
    (
        "enrique",
        "henrique",
        "henri",
        "enrico",
        "henry",
        "hendrik",
        "hendrikus",
        "henricus",
        "enric",
        "endika",
    ),
    ("luis", "louis", "luigi", "lodewijk", "koldo", "lluis"),
    ("esteban", "estevao", "etienne", "stefano", "stephen", "steven", "stefan", "esteve"),
    ("jesus", "josu", "xesus"),
    ("jaime", "jaume", "james", "jacques", "giacomo", "xaime"),
    ("jacobo", "jacob", "jacobus", "iacob", "jakub"),
    ("santiago", "tiago"),
    # not Andrea: a woman's name but in Italy
    (
        "andres",
        "andre",
        "andrew",
        "andries",
        "andrei",
        "andrzej",
        "andriy",
        "andrej",
        "andreas",
        "ander",
        "andreu",
    ),
    (
        "mateo",
        "mateus",
        "matthieu",
        "matteo",
        "matthew",
        "matthijs",
        "matei",
        "mateusz",
        "mathieu",
        "matheus",
        "mathew",
        "mathijs",
    ),
    ("tomas", "thomas", "tommaso", "toma", "tomasz"),
    ("felipe", "filipe", "philippe", "filippo", "philip", "filip"),
    (
        "alejandro",
        "alexandre",
        "alessandro",
        "alexander",
        "aleksandr",
        "aleksander",
        "oleksandr",
        "alexandru",  # Romanian
        "alexandros",  # Greek
    ),
    ("sergio", "serge", "sergei", "serguei", "sergey", "serhiy", "sergej"),
    ("manuel", "emmanuel", "emanuele", "emanuel", "imanol"),
    (
        "nicolas",
        "nicolau",
        "nicholas",
        "nicolaas",
        "niccolo",
        "nicolo",
        "nikolai",
        "nikolay",
        "mykola",
        "nikolaj",  # German and Czech
        "nicolae",  # Romanian
        "nikolaos",  # Greek
        "mikolaj",  # Polish
    ),
    ("lucas", "luc", "luca", "luke", "lukasz"),
    ("marcos", "marc", "marco", "mark", "marcus"),
    ("lorenzo", "lourenco", "laurent", "lawrence", "laurens"),
    ("vicente", "vincent", "vincenzo"),
    ("domingo", "domingos", "dominique", "domenico", "domenec"),
    ("cristobal", "cristovao", "christophe", "cristoforo", "christopher", "krzysztof"),
    ("bartolome", "bartolomeu", "barthelemy", "bartolomeo", "bartholomew", "bartholomeus"),
    ("gregorio", "gregoire", "gregory", "grigory", "grigori", "hryhoriy", "grigore", "grzegorz"),
    ("javier", "xavier", "xabier", "saverio"),
    ("maximiliano", "maximilien", "maximilian", "massimiliano"),
    ("ignacio", "inacio", "ignace", "ignazio", "inaki"),
    ("jeronimo", "jerome", "girolamo"),
    ("benito", "bento", "benoit", "benedetto", "benedict"),
    ("salvador", "salvatore"),
    ("federico", "frederico", "frederic", "frederick", "frederik"),
    ("alfonso", "afonso", "alphonse"),
    ("eduardo", "edouard", "edoardo", "edward"),
    ("ricardo", "richard", "riccardo"),
    ("rafael", "raphael", "raffaele"),
    ("julio", "jules", "giulio", "julius"),
    ("gonzalo", "goncalo"),
    ("sebastian", "sebastiao", "sebastien", "sebastiano", "sebastiaan"),
    ("fernando", "ferdinand", "ferdinando"),
    ("arturo", "artur", "arthur"),
    ("agustin", "agostinho", "augustin", "agostino", "augustine"),
    ("joaquin", "joaquim", "gioacchino"),
    ("hector", "heitor", "ettore"),
    ("mauricio", "maurice", "maurizio", "maurits"),
    ("patricio", "patrice", "patrizio", "patrick"),
    ("roberto", "robert"),
    ("alberto", "albert"),
    ("gerardo", "gerard", "gherardo", "gerardus"),
    ("adrian", "adriano", "adrien", "adriaan", "adrianus"),
    ("teodoro", "theodore", "theodorus", "teodor"),
    ("cornelio", "corneille", "cornelis", "cornelius"),
    ("martin", "martinho", "martino", "maarten", "martinus"),
    ("bernardo", "bernard", "bernardus"),
    ("ramon", "raimundo", "raymond", "raimondo"),
    (
        "eugenio",
        "eugene",
        "evgeny",
        "evgeni",
        "yevgeny",
        "yevgeniy",
        "yevhen",
        "evgueni",
        "ievgen",  # Ukrainian passports' transliteration
        "yevgen",
        "jewgeni",  # German
        "uxio",  # Galician
    ),
    ("oleg", "oleh"),  # Russian and Ukrainian
    ("alexis", "alexei", "aleksei", "aleksey", "alexey", "oleksii", "oleksiy", "alexej", "aleksej"),
    ("vladimir", "volodymyr", "wladimir"),
    ("demetrio", "dimitri", "dmitri", "dmitry", "dmytro", "dumitru", "dimitrios", "dimitar"),
    # names with no group before, in the languages above (Julen, Basque; Constantijn, Dutch)
    ("julian", "julien", "giuliano", "iulian", "julen"),
    ("emilio", "emile", "emil"),
    ("elias", "elie", "ilie", "ilya"),
    ("basilio", "basile", "vasile", "vasily", "vasiliy", "vasyl", "vasileios"),
    ("estanislao", "stanislas", "stanislaw", "stanislao", "stanislav"),
    ("casimiro", "casimir", "kazimierz"),
    ("constantino", "constantin", "konstantin", "konstantinos", "costantino", "constantijn"),
    ("sean", "shawn", "shaun"),  # (Irish, not read as John: a brother may be both)
    # women
    ("maria", "marie", "mary", "miren"),
    (
        "juana",
        "joana",
        "jeanne",
        "giovanna",
        "jane",
        "johanna",
        "ioana",
        "xoana",
        "ioanna",
        "joanna",
    ),
    ("josefa", "josephine", "giuseppina", "josepa"),
    ("isabel", "isabelle", "isabella"),
    (
        "catalina",
        "catarina",
        "catherine",
        "caterina",
        "katherine",
        "catharina",
        "ekaterina",
        "yekaterina",
        "kateryna",
        "aikaterini",  # Greek
        "katharine",
        "katarzyna",  # Polish
    ),
    ("margarita", "margarida", "marguerite", "margherita", "margaret", "margriet", "malgorzata"),
    ("teresa", "therese", "theresa"),
    ("ana", "anne", "anna", "ganna"),  # (Ukrainian Hanna, also Ganna; Hanna sounds Anna)
    ("tatiana", "tatyana", "tetiana", "tetyana", "tatjana"),  # Russian, Ukrainian, German
    ("olga", "olha"),
    ("ludmila", "lyudmila", "liudmyla", "ljudmila", "ludmilla"),
    ("ines", "agnes", "agnese", "agnieszka"),
    ("elena", "helena", "helene", "helen", "olena", "yelena", "eleni"),
    ("lucia", "luzia", "lucie", "lucy"),
    ("luisa", "louise"),
    ("francisca", "francoise", "francesca", "frances"),
    ("cristina", "christine", "christina", "krystyna", "kristina"),
    ("susana", "suzanne", "susanna", "susan", "zuzanna", "zuzana"),
    ("julia", "julie", "giulia", "yulia", "yuliya"),
    ("beatriz", "beatrice", "beatrix"),
    ("clara", "claire", "chiara"),
    ("carlota", "charlotte", "carlotta"),
    ("sofia", "sophie", "sophia", "zofia"),
    ("magdalena", "madalena", "madeleine", "maddalena"),
    ("monica", "monique"),
    ("veronica", "veronique", "weronika"),
    ("eva", "ewa", "eve"),
    ("alejandra", "alexandra", "alessandra"),
    ("estefania", "stephanie", "stefania"),
    ("natalia", "natalie", "nathalie"),
    ("cecilia", "cecile"),
    ("silvia", "sylvie", "sylvia"),
    ("emilia", "emilie", "emily"),
    ("gabriela", "gabrielle", "gabriella"),
    ("isabel", "isabela", "isabella", "isabelle"),
    ("irene", "irina", "iryna"),
    ("micaela", "michaela", "mihaela", "michela"),
    ("juliana", "julienne", "giuliana", "iuliana"),
    ("georgina", "georgiana"),
    ("nieves", "neus", "edurne"),  # Catalan, Basque: snow
    # English spellings of the sound of Spanish and French names (the Caribbean's)
    ("marcia", "marsha"),
    ("alicia", "alisha"),
    ("leticia", "letitia", "laetitia"),
)
EQUIVALENT_OF: dict[str, str] = {
    name: group[0] for group in GIVEN_NAME_EQUIVALENTS for name in group[1:]
}
# The full names of the two tables: no diminutives of others (Benito, Martinho, Margarita)
_TABLE_NAMES = frozenset(n for group in GIVEN_NAME_EQUIVALENTS for n in group) | frozenset(
    w for full in HYPOCORISMS.values() for w in full.replace("/", " ").split()
)
KNOWN_NAMES = _TABLE_NAMES | frozenset(HYPOCORISMS)  # and their short forms (Nacho)


@lru_cache(maxsize=65536)
def same_name_in_two_languages(a: str, b: str) -> bool:
    """Whether two different folded given names are one in ``GIVEN_NAME_EQUIVALENTS``
    (Guillaume and William through Guillermo, Giuseppe and José), or one is a short form of
    a name the other is in another language (Tony of Antonio and Antoine, Pepe of José and
    Giuseppe, Paco of Francisco and François). Not two short forms of names that are one
    (Chema and Maite both stand for a María: one person's forms, not the other's)."""
    # Each name's forms hold the name itself: the same name in two languages meets there.
    hub = EQUIVALENT_OF.get
    hub_a, hub_b = hub(a, a), hub(b, b)
    return any(hub(f, f) == hub_b for f in _given_name_forms(a)) or any(
        hub(f, f) == hub_a for f in _given_name_forms(b)
    )


# The ends of Russian and Ukrainian surnames in German spelling, after the rest of a word
# (Kowaltschuk, Schewtschenko, Kusnezow, Schukowa), and those that only German spelling
# writes (-ow, -ew: Kusnezow; the English and French write -ov, -ev).
_SLAVIC_END = r"[a-z]*(?:uk|enko|ow|owa|ew|ewa)$"
_GERMAN_SLAVIC_END = r"[a-z]*(?:ow|owa|ew|ewa)$"

# Spelling rules applied in order to a folded word: (what the word must contain for the
# rule to apply, the pattern when more than that text, the replacement). A rule whose text
# is absent is skipped, and a plain text is replaced without a regular expression: the same
# key three times sooner (``PHONETIC_PATTERNS`` applies every rule as a regular expression,
# the reference a test holds this to).
PHONETIC_RULES: tuple[tuple[str, re.Pattern[str] | None, str], ...] = tuple(
    (trigger, re.compile(pattern) if pattern else None, replacement)
    for trigger, pattern, replacement in (
        ("ij", r"ij(?![aeiou])", "y"),  # Dutch ij written y (Dijk / Dyk: Suriname, Aruba)
        # The Dutch oe for u in Surinamese and Indonesian names (Soekarno / Sukarno, Doerga /
        # Durga), not before l or y nor at the end (Joel, Noel, Chloe, Joey: o and e apart)
        ("oe", r"oe(?=[^aeiouly])", "u"),
        ("tj", r"^tj", "ch"),  # and its tj for ch (Tjandra / Chandra), at the start
        ("ph", "", "f"),  # Phelipe / Felipe
        ("th", "", "t"),  # Thomaz / Tomas
        # German Tsch for the Russian Ch (Tschernow / Chernov), and inside a Slavic name
        # as German records write one (``_SLAVIC_END``: Kowaltschuk / Kovalchuk; not
        # Hentschel, a German name)
        ("tsch", r"^tsch|tsch(?=" + _SLAVIC_END + ")", "ch"),
        # Russian and Ukrainian names as French and Dutch records write them: tch and tsj
        # for ch (Chevtchenko, Tsjernov / Shevchenko, Chernov), zj and zh for the French j
        # (Zjoekova, Zhukova / Joukova), -off for -ov (Popoff / Popov; not Hoff, Bischoff).
        ("tch", "", "ch"),
        ("tsj", "", "ch"),
        ("zj", "", "j"),
        # and their sj for sh, which Dutch records write for the Russian and Arabic sh too
        # (Sjevtsjenko / Shevchenko, Rasjid / Rashid, Hasjim / Hashim).
        ("sj", "", "sh"),
        ("zh", "", "j"),
        ("ff", r"(?<=[a-z][^h][oe])ff$", "v"),
        # German records' Sch for the Russian and Ukrainian Sh and Zh, first in a Slavic
        # name (Schewtschenko / Shevchenko, Schukowa / Zhukova; not Schouten, Scholten),
        # and their z for the ts sound inside a name of -ow or -ew, German spellings only
        # (Kusnezow / Kuznetsov; the English Lazarev keeps its z: Lasarew)
        ("sch", r"^sch(?=[aeiou])(?=" + _SLAVIC_END + ")", "sh"),
        ("z", r"(?<=[aeiou])z(?=[aeiou])(?=" + _GERMAN_SLAVIC_END + ")", "ts"),
        ("sch", "", "s"),  # Dutch and German sch
        ("ch", "", "x"),  # keep ch apart from c before the c rules (Chávez)
        ("sh", "", "x"),  # Portuguese/English sh and ch sound alike
        ("kh", "", "x"),  # Arabic kh as Spanish records write it: Khatib / Jatib, Mijail
        ("dj", "", "j"),  # French dj for the Arabic j: Belhadj / Belhaj, Djamila / Jamila
        ("nh", "", "n"),  # Portuguese nh = Spanish ñ (folded to n)
        ("lh", "", "y"),  # Portuguese lh = Spanish ll
        ("ll", "", "y"),  # ll and y (Castillo / Castiyo)
        ("gn", r"gn(?=[aeiou])", "n"),  # Italian/French gn = ñ (Magnani / Mañani)
        # x for ks between vowels, as written before the c rules make a k of a c (Aleksey /
        # Alexey, Oksana / Oxana; not Ricci, Erickson, Eriksson, Marks).
        ("ks", r"(?<=[aeiou])ks(?=[aeiouy])", "x"),
        ("qu", r"qu(?=[ei])", "k"),  # Quesada / Kesada
        ("gu", r"gu(?=[ei])", "g"),  # Guerra / Gerra
        ("q", "", "k"),
        ("c", r"c(?=[ei])", "s"),  # Cecilia / Sesilia
        ("c", "", "k"),  # Carlos / Karlos
        ("ss", "", "s"),  # Portuguese ss = ç (folded to c, here s) = s
        ("z", "", "s"),  # Zapata / Sapata, seseo and ceceo alike
        ("g", r"g(?=[ei])", "j"),  # Gimenez / Jimenez, Geronimo / Jeronimo
        ("x", r"^x", "j"),  # Ximena / Jimena, Xavier / Javier
        ("x", r"(?<=[aeiou])x(?=[aeiou])", "j"),  # Mexia / Mejia
        ("j", "", "x"),  # j and the ch/sh/x sounds meet here
        # Quechua and Aymara wa, as Spanish spelling wrote it hua: Huamán / Waman, Huanca
        # / Wanka, Ccahuana / Qawana, Huarachi / Warachi; not a Chinese name of the
        # syllable alone (Hua, Huai, Huan, Huang: Wan, Bai, Wang are other surnames) nor
        # before ng (Zhuang). Gua- stays: Guardia, Guasco, Guarini are not Bardía, Vasco,
        # Varini (Guamán and Huamán are a typo apart).
        ("hua", r"(?:^hua(?!(?:i|n|ng)?$)|(?<=.)hua)(?!ng)", "wa"),
        # The French ou for the Arabic w, first before an a or between vowels (Ouali / Wali,
        # Chaoui / Shawi, Jaouad / Jawad); not Ouellet, Ouimet, Ouyang, Louis nor Raouf.
        ("ou", r"^ou(?=a)|(?<=[aeiou])ou(?=[aeiy])", "w"),
        # Any other ou the French u (Joukov / Zhukov, Kovaltchouk / Kovalchuk, Iouri / Yuri;
        # Mourad / Murad).
        ("ou", "", "u"),
        # A first i before o or u, the y it stands for (Iouri / Yuri, Iolanda / Yolanda,
        # Iulia / Yulia); not before e or a, where it is more often an I mistyped (Iesabel)
        # and the first letter of the sound must stay (``compare._sound_typo``).
        ("i", r"^i(?=[ou])", "y"),
        ("v", "", "b"),  # Bargas / Vargas
        ("w", "", "b"),  # Walter / Balter
        ("h", "", ""),  # silent h (Hernández / Ernández); ch and sh were handled above
        ("y", r"y(?![aeiou])", "i"),  # Ruy / Rui, Yrigoyen
    )
)  # and then double letters made single (``single_letters``)
PHONETIC_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    *(
        (pattern or re.compile(re.escape(trigger)), replacement)
        for trigger, pattern, replacement in PHONETIC_RULES
    ),
    (re.compile(r"(.)\1+"), r"\1"),  # double letters (``single_letters``)
)


@lru_cache(maxsize=131072)
def phonetic(word: str) -> str:
    """A key under which spelling variants of a name meet.

    >>> phonetic("Vázquez") == phonetic("Basques")
    True
    """
    # ç is an s sound: read it before folding turns it into a plain c.
    key = fold(word.replace("ç", "s").replace("Ç", "S")).replace(" ", "")
    for trigger, pattern, replacement in PHONETIC_RULES:
        if trigger in key:
            key = pattern.sub(replacement, key) if pattern else key.replace(trigger, replacement)
    return single_letters(key)


def single_letters(text: str) -> str:
    """A text with each run of one character written once: ``re.sub(r"(.)\\1+", r"\\1",
    text)`` on text without line breaks (``fold``'s), whose template the regular
    expressions module reads in Python code each time (a microsecond).

    >>> single_letters("gonnsalles")
    'gonsales'
    """
    out: list[str] = []
    last = ""
    for ch in text:
        if ch != last:
            out.append(ch)
            last = ch
    return "".join(out) if len(out) < len(text) else text


# Where a folded word may hold a Portuguese ç: a c before a, o or u (folding turned ç into
# a plain c, which ``phonetic`` then reads as a k) or an ss, after a vowel, n or r (Gonçalves,
# Conceição, Lourenço, França; never first, nor after c or s: Sacco, Mosca).
_CEDILLA = re.compile(r"(?<=[aeiounr])(?:ss|c(?=[aou]))")


@lru_cache(maxsize=65536)
def cedilla_sound(word: str) -> str:
    """The sound of a folded word with every place that may be a ç read as one
    (``_CEDILLA``): Gonçalves (goncalves) and Gonssalves, Ruço (ruco) and Russo meet here
    though their ``phonetic`` keys differ (a k against an s), as Sacco and Sasso do not.

    >>> cedilla_sound("goncalves") == cedilla_sound("gonssalves") != phonetic("goncalves")
    True
    """
    return phonetic(_CEDILLA.sub("ç", word))


# Spanish and Portuguese diminutives, made of any given name: -ito, -ita (Pedrito,
# Jorgito, Miguelito; -cito, -cita after an n or an r: Juancito, Carmencita), -inho,
# -inha (Paulinho, Felipinho; -zinho, -zinha after a vowel, an l, n or r: Joãozinho,
# Zezinho, Ivanzinho, Jairzinho), a plural s kept (Carlitos, Marquinhos: Carlos, Marcos). Not the
# Italian -ino, -ina: Martina and Marta are two names.
_DIMINUTIVE = re.compile(
    r"(?P<stem>[a-z]{2,}?)(?:(?P<joint>(?<=[nr])c|(?<=[aeiounlr])z)?)(?:it|inh)(?P<end>[oa])(?P<s>s?)"
)
# The last letters of men's given names without a last vowel (Miguel, Juan, Luis, David).
# A woman's diminutive is not read without its a: Manuelita, Angelita, Juanita are Manuela's,
# Ángela's, Juana's, not their brothers' (Isabelita is Isabel's through Isabela, the same
# name); only Luz, Paz, Cruz, whose z -cita writes c (``_stem_bases``).
_NAME_ENDS = frozenset("lnrsdz")


def _stem_bases(stem: str, end: str, plural: str) -> list[str]:
    """The names a diminutive's stem (before -ito, -inho...) may be made of, likeliest
    first: the spelling that kept a c or g hard undone (Marquitos: Marcos; Dieguito:
    Diego), a soft c read as the z it was (Lucita: Luz; Lorencito: Lorenzo) or the c of
    -cio, -cia (Marcito: Márcio), the name's last vowel (o or a as the diminutive's, io or
    ia, e: Pedro, Julio, Jorge, Dolores), or none, first where it ends as such names do
    (Miguel, Isabel, Luiz)."""
    if stem.endswith("qu"):  # Enriquito, Quiquito; Marquitos, Paquita
        return [stem + "e" + plural, stem[:-2] + "c" + end + plural]
    if stem.endswith("gu"):  # Dieguito, Miguelito is not one: gu before a vowel here
        return [stem[:-1] + end + plural, stem + "e" + plural]
    if stem.endswith("c"):  # c before i is soft: not a hard c's name (Lucita is no Luca)
        z = stem[:-1] + "z"
        bare_z = end == "a" and len(z) >= 3 and not plural  # Lucita: Luz (Lucito: Lucio)
        return [*((z,) if bare_z else ()), stem + "i" + end + plural, z + end + plural,
                stem + "e" + plural]  # fmt: skip
    bare = end == "o" and not plural and len(stem) >= 4 and stem[-2] in "aeiou"
    bare = bare and stem[-1] in _NAME_ENDS
    return [*((stem,) if bare else ()), stem + end + plural, stem + "i" + end + plural,
            stem + "e" + plural]  # fmt: skip


@lru_cache(maxsize=65536)
def diminutive_bases(folded: str) -> tuple[str, ...]:
    """The given names a folded Spanish or Portuguese diminutive (``_DIMINUTIVE``) may be
    made of (``_stem_bases``; the stem before -cito or -zinho alone first: Juancito,
    Joãozinho, Zezinho, Ivanzinho; after the name's own z where the stem ends otherwise:
    Luizinho), the names of the short forms and equivalents tables first
    (``KNOWN_NAMES``). Empty for other words, names of those tables among them
    (Benito, Martinho, Margarita: names of their own), and short ones (Rita, Tito).

    >>> diminutive_bases("jorgito"), diminutive_bases("marquitos")
    (('jorge', 'jorgo', 'jorgio'), ('marcos', 'marques'))
    """
    match = _DIMINUTIVE.fullmatch(folded)
    if match is None or folded in _TABLE_NAMES:
        return ()
    stem, joint, end, plural = match["stem"], match["joint"] or "", match["end"], match["s"]
    bases = [] if len(stem + joint) < 3 else _stem_bases(stem + joint, end, plural)  # Chita
    if joint == "c" and len(stem) >= 4:
        bases.insert(0, stem + plural)  # Juancito, Ramoncito; not Marcito's Mar
    elif joint == "z":  # Zezinho (Zé), Ivanzinho, Jairzinho; Luizinho, Luiz's own z first
        bases.insert(0 if stem[-1] in "aeolnr" else 1, stem + plural)
    found = [b for b in dict.fromkeys(bases) if len(b) >= 2 and b != folded]
    return tuple(sorted(found, key=lambda b: b not in KNOWN_NAMES))  # (stable)


@lru_cache(maxsize=1)
def _short_forms_by_sound() -> dict[str, tuple[str, str]]:
    """The short forms of ``HYPOCORISMS`` by their sound keys, those of one meaning only
    (Kike, Quique: Enrique; Beto: Alberto, Roberto or Humberto), with their first letters,
    for ``_given_name_forms``."""
    by_sound: dict[str, set[str]] = {}
    firsts: dict[str, str] = {}
    for short, full in HYPOCORISMS.items():
        key = phonetic(short)
        by_sound.setdefault(key, set()).add(full)
        firsts[key] = firsts.get(key, "") + short[:1]
    return {
        key: (fulls.pop(), firsts[key])
        for key, fulls in by_sound.items()
        if len(fulls) == 1 and key
    }


# First letters that spell one sound at the start of a name (Beto, Veto; Kike, Quique;
# Chayo, Shayo; Gigi, Jigi).
_FIRST_LETTERS_ALIKE = tuple(frozenset(g) for g in ("bv", "ckq", "csz", "gj", "iy", "ly"))


def _short_form_by_sound(folded: str) -> str | None:
    """The full names of a short form spelt as it sounds, not as the table has it (Kique,
    Veto, Guiye, Shayo for Kike, Beto, Guille, Chayo: nicknames are written by ear), for
    a word of four letters or more that is no given name the tables know nor a Mandarin
    syllable (Zhen is no Jen) and begins with the short form's letter or one that spells
    its sound (Chío is no Gio)."""
    if len(folded) < 4 or folded in KNOWN_GIVEN or folded in PINYIN_SYLLABLES:
        return None
    found = _short_forms_by_sound().get(phonetic(folded))
    if found is None:
        return None
    full, firsts = found
    first = folded[0]
    if first in firsts or any(
        first in g and not g.isdisjoint(firsts) for g in _FIRST_LETTERS_ALIKE
    ):
        return full
    return None


@lru_cache(maxsize=65536)
def _given_name_forms(word: str) -> tuple[str, ...]:
    folded = fold(word)
    full = HYPOCORISMS.get(folded)
    if full is None and (bases := diminutive_bases(folded)):
        return _diminutive_forms(folded, bases)
    if full is None:
        full = _short_form_by_sound(folded)
    forms = [folded]
    if full:
        for reading in full.split("/"):
            forms.extend(w for w in reading.split() if w not in forms)
    # A Latin baptismal form, as Dutch and Flemish registers keep them, is the name it adds
    # -us to (Gijsbertus, Hendrikus, Lambertus, Gerardus: Gijsbert, Hendrik...).
    if folded.endswith("us") and len(folded) >= 7 and folded[:-2] in KNOWN_NAMES:
        forms.append(folded[:-2])
    return _with_equivalents(forms)


def _with_equivalents(forms: list[str]) -> tuple[str, ...]:
    for form in forms[:]:
        same = EQUIVALENT_OF.get(form)
        if same and same not in forms:
            forms.append(same)
    return tuple(forms)


DIMINUTIVE_FORMS = 4  # a diminutive's forms kept, itself first (one more may be spelt)


def _diminutive_forms(folded: str, bases: tuple[str, ...]) -> tuple[str, ...]:
    """A diminutive and the names it may be made of (``diminutive_bases``), each followed
    by the one full name it stands for as a short form (Nachito: Nacho, Ignacio; not a
    bare stem: Benito is not Ben, Benjamin; nor a short form of several names) and its
    Spanish form (Paulinho: Paulo, Pablo). The first ``DIMINUTIVE_FORMS`` of them: the
    bound keeps few (``prescore.SECOND_FORMS``)."""
    forms = [folded]
    for base in bases:
        full = HYPOCORISMS.get(base, "") if base[-1] in "aeo" else ""
        for form in (base, *(() if "/" in full or " " in full else (full,))):
            same = EQUIVALENT_OF.get(form)
            forms.extend(f for f in (form, same) if f and f not in forms)
    return tuple(forms[:DIMINUTIVE_FORMS])


@lru_cache(maxsize=65536)
def _spelled_forms(word: str) -> tuple[str, ...]:
    """``_given_name_forms`` and, for a name with Y for J before a vowel, as Spanish-speaking
    records write names of other languages (Yulieth, Julieth; Yohana, Johana; Yasmín,
    Jasmín; Yolanda, Jolanda), its J spelling: a spelling, not a translation (Yuan is not
    Juan, so not John: ``same_name_in_two_languages`` reads the forms without it). For a
    Dutch name with IJ before a vowel, its Y spelling (Marije, Marye: the sound key reads
    that J as the Spanish one; before a consonant it takes IJ for Y itself)."""
    forms = _given_name_forms(word)
    folded = forms[0]
    if folded[:1] == "y" and folded[1:2] in "aeiou" and len(folded) > 2:
        spelt = "j" + folded[1:]
        if spelt not in forms:
            return (*forms, spelt)
    if "ij" in folded and len(forms) < 4:  # the bound keeps four (``prescore``)
        spelt = _IJ_VOWEL.sub("y", folded)
        if spelt != folded and spelt not in forms:
            return (*forms, spelt)
    return forms


_IJ_VOWEL = re.compile(r"ij(?=[aeiou])")


@lru_cache(maxsize=65536)
def compound_forms(word: str) -> tuple[tuple[str, ...], ...]:
    """The given names a short form of two or more stands for, each reading's (Maite:
    María Teresa; Chema: José María), when every reading it has is two names or more;
    empty otherwise (Mari may be María or Mariana alone)."""
    full = HYPOCORISMS.get(fold(word))
    if not full:
        return ()
    readings = tuple(tuple(reading.split()) for reading in full.split("/"))
    return readings if all(len(r) >= 2 for r in readings) else ()


def full_forms(word: str) -> frozenset[str]:
    """What a given name stands for, itself and its spellings left out: the full names of a
    short form, the Spanish form of another language's name (Pepe: José; John: Juan)."""
    return frozenset(_given_name_forms(word)[1:])


def given_name_forms(word: str) -> list[str]:
    """A given name and, for a short form, the full name(s) it stands for; for a name of
    another language, the Spanish form it is read as (``GIVEN_NAME_EQUIVALENTS``)."""
    return list(_spelled_forms(word))


# Surnames that Spanish-speaking records abbreviate (Glez., Hdez., Rguez., Mtz.: forms,
# lists and handwritten records), and the saint of Saint-Pierre or Santa María, read as
# what they stand for wherever a name is read (comparison, bound, blocking, hit/no-hit).
# None of them is a name itself.
SURNAME_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(("glez", "gzlez", "glz"), "gonzalez"),
    **dict.fromkeys(("hdez", "hdz", "hndz"), "hernandez"),
    **dict.fromkeys(("fdez", "fdz", "fndz"), "fernandez"),
    **dict.fromkeys(("rguez", "rdguez", "rodz", "rdz"), "rodriguez"),
    **dict.fromkeys(("mtz", "mtnez", "martz"), "martinez"),
    **dict.fromkeys(("gtz", "gtrez"), "gutierrez"),
    **dict.fromkeys(("dguez", "dmguez"), "dominguez"),
    **dict.fromkeys(("rmz", "rmrz"), "ramirez"),
    **dict.fromkeys(("jmz", "jmnz"), "jimenez"),
    **dict.fromkeys(("vzqz", "vazq"), "vazquez"),
    "gmz": "gomez",
    "prz": "perez",
    "snchz": "sanchez",
    # and the saint that begins surnames everywhere (St. Pierre, Ste-Marie, Sta. María)
    "st": "saint",
    "ste": "sainte",
    "sta": "santa",
    "sto": "santo",
    # and Jean, Baptiste in Haitian and French registers (Jn Louis, Jn-Baptiste, Jn Bte)
    "jn": "jean",
    "bte": "baptiste",
}


# Titles a name may begin with (Sra. Lesly Gómez, Lic. Juan Pérez, Mme Dupont): not names
# (not Ing. nor Sig.: Ing-Marie, Sig are Nordic names).
_TITLE_WORDS = "dr dra sr sra srta mr mrs ms miss mme mlle dhr mevr sigra dott prof lic lcdo"
TITLES = frozenset(_TITLE_WORDS.split())
# Particles that are also initials (E. for Elena, Y. for Yolanda, I. for Ignacio): "and"
# only between two names (García y López, Silva e Souza, María y José).
CONJUNCTIONS = frozenset({"y", "e", "i"})


# What police and court records write after a name to give a person's alias or nickname:
# alias, a.k.a., Mexico's (a), Brazil's vulgo, apodado, conocido como, French dit, Italian
# detto, Dutch bijgenaamd, and y/o before another name; or the nickname in quotes (Joaquín
# "El Chapo" Guzmán Loera). Not genaamd: Dutch legal surnames join two with it (Gansneb
# genaamd Tengnagel).
_ALIAS_MARKER = re.compile(
    r"""\(\s*a\s*\)|,\s*aka\b|\baka\s*:|\b(?:alias|a\.\s*k\.\s*a\.?|vulgo|apodad[oa]"""
    r"""|apelidad[oa]|(?:tambi[eé]n\s+|tamb[eé]m\s+)?(?:conocid[oa]|conhecid[oa])\s+como|dit|dite"""
    r"""|detto|detta|bijgenaamd|(?:also\s+)?known\s+as|y\s*/\s*o)(?=[\s:.,'"“«)\]]|$)""",
    re.IGNORECASE,
)
_QUOTE_CHARS = frozenset("\"'“”«»")
_QUOTE = r"""(?:"[^"]*"|“[^”]*”|«[^»]*»|'[^']+'(?!\w))"""
_QUOTED = re.compile(r""""[^"]*"|“[^”]*”|«[^»]*»|(?<!\w)'[^']+'(?!\w)""")
# Nicknames in quotes just after a marker, one or a list: (a) "El Chapo" y/o "El Rápido".
_LEADING_QUOTED = re.compile(
    rf"""[\s:.]*{_QUOTE}(?:\s*(?:,|\bo\b|\by\b|\be\b|\bou\b|\bor\b|y\s*/\s*o)?\s*{_QUOTE})*""",
    re.IGNORECASE,
)


# After an alias and a comma, more of them rather than the given names of "SURNAMES alias
# X, Given names": another marker, a quote, or a nickname's article (alias El Chapo, El
# Gordo; vulgo O Baixinho, O Gordo).
_MORE_ALIASES = re.compile(
    r"""\s*(?:["“«']|(?:el|la|los|las|o|a|os|as|il|lo|le|les|the)\s|"""
    + _ALIAS_MARKER.pattern
    + ")",
    re.IGNORECASE,
)


def _given_after(text: str, marker: int, comma: int) -> bool:
    """Whether the comma after an alias brings in the given names of "SURNAMES alias X,
    Given names" (surnames in capitals before the marker, the given names after the comma
    not, and no more aliases there: ``_MORE_ALIASES``) rather than more aliases (Juan
    Pérez alias Chapo, Chapito)."""
    before, after = text[:marker], text[comma + 1 :]
    return (
        "," not in before
        and before.upper() == before
        and after.upper() != after
        and not _MORE_ALIASES.match(text, comma + 1)
    )


def without_alias(text: str) -> str:
    """A name's text without the alias or nickname records write with it: after a marker
    (``_ALIAS_MARKER``), the nicknames in quotes just after it, or else all that follows
    but the given names after a comma (PÉREZ GÓMEZ alias El Flaco, Juan Carlos:
    ``_given_after``; a marker with no name before it or none after it is a name, Kofi
    Aka); a nickname in quotes elsewhere. Brackets stay words
    (they hold maiden names, second surnames, Jr.): only a marker in them is read. A text
    that is nothing but an alias is left as it is; quotes and brackets without their pair
    are dropped alone. Read again until nothing changes, so that reading it twice (the
    comparison reads a name's fields after the whole) gives what reading it once does.

    >>> without_alias('Joaquín Guzmán Loera alias "El Chapo"')
    'Joaquín Guzmán Loera'
    """
    if text.isalpha() or (_QUOTE_CHARS.isdisjoint(text) and not _ALIAS_MARKER.search(text)):
        return text  # most names
    return _without_alias(text)


@lru_cache(maxsize=16384)
def _without_alias(text: str) -> str:
    out = text
    while (read := _alias_round(out)) != out:  # each round takes a marker or a quote out
        out = read
    return out


def _alias_round(text: str) -> str:
    """One reading of ``without_alias``: the first marker's alias, then quotes."""
    out = text
    marker = _ALIAS_MARKER.search(out)
    if marker and any(c.isalpha() for c in out[: marker.start()]):
        if any(c.isalpha() for c in out[marker.end() :]):
            quoted = _LEADING_QUOTED.match(out, marker.end())
            if quoted:  # Juan (a) "El Flaco" Pérez
                end = quoted.end()
            else:  # to the end, or to the comma of "SURNAMES alias X, Given names"
                comma = out.find(",", marker.end())
                end = comma if comma >= 0 and _given_after(out, marker.start(), comma) else len(out)
            return _tidy(f"{out[: marker.start()]} {out[end:]}")  # the next marker: again
        if marker[0].startswith("("):  # (a) with nothing after it
            out = out[: marker.start()]
    out = _QUOTED.sub(" ", out)
    out = re.sub(r"""["“”«»]""", " ", out)  # quotes without their pair
    out = re.sub(r"[()\[\]]", " ", out)  # brackets: their words stay
    return _tidy(out)


def _tidy(text: str) -> str:
    """Single spaces, a comma where commas and spaces meet, none at the ends."""
    return re.sub(r"\s*,[\s,]*", ", ", " ".join(text.split())).strip(" ,")


def name_words(text: str, initials: bool = False, articles: bool = True) -> list[str]:
    """The meaningful folded words of a name: particles dropped, abbreviated surnames
    written out (``SURNAME_ABBREVIATIONS``), titles it begins with dropped (``TITLES``),
    the Dutch article het as records cut it ('t, ``_dutch_articles``; not with
    ``articles`` off: a given-name field, Vietnamese Van Het).
    With ``initials`` (given names, a whole name), a conjunction that does not stand between
    two names of two letters or more is an initial (E. M. García, Juan E., J. E. M.); in
    surnames it is the conjunction (Silva e Souza, e Silva)."""
    expand = SURNAME_ABBREVIATIONS.get
    words = tokens(text)
    while len(words) > 1 and words[0] in TITLES:
        del words[0]
    if articles and "het" in words:
        _dutch_articles(words, not initials)
    last = len(words) - 1
    return [
        expand(w, w)
        for k, w in enumerate(words)
        if w not in PARTICLES
        or (
            initials
            and w in CONJUNCTIONS
            and (k in (0, last) or len(words[k - 1]) == 1 or len(words[k + 1]) == 1)
        )
    ]


# Dutch prepositions that open a surname before an article (in 't Veld, op het Veld).
DUTCH_PREPOSITIONS = frozenset({"in", "op", "aan", "uit", "bij", "onder", "voor", "over"})


def _dutch_articles(words: list[str], surnames: bool) -> None:
    """The Dutch article het where it stands as one (after a particle or a preposition:
    van het Hof, in het Veld, and as the Dutch sort names, Hof, van het; between two words,
    Els het Hooft; opening a surname field, het Hooft) written as records cut it, 't,
    which folding makes t: van het Hof and van 't Hof are then the same words (the t kept
    as a word, as it was: Intveld and in 't Veld are the same letters). Het alone, first in
    a given-name field or a whole name, or last after a name stays (a Vietnamese name)."""
    last = len(words) - 1
    for k, word in enumerate(words):
        if word == "het" and (
            (0 < k < last)
            or (k > 0 and (words[k - 1] in PARTICLES or words[k - 1] in DUTCH_PREPOSITIONS))
            or (k == 0 < last and surnames)
        ):
            words[k] = "t"


# Particles that records also write joined to the surname (De Luca and Deluca, dos Santos
# and Dossantos, van den Berg and Vandenberg, de la Cruz and Delacruz): not the one-letter
# conjunctions (Ortega y Gasset), and at most two of them.
JOINING_PARTICLES = frozenset(p for p in PARTICLES if len(p) >= 2)
JOINED_PREFIXES = frozenset(a + b for a in JOINING_PARTICLES for b in ("", *JOINING_PARTICLES))
PARTICLE_REST = 3  # the fewest letters of a surname that a particle is joined to
_JOINED_STARTS = frozenset(p[:2] for p in JOINING_PARTICLES)


def joined_particles(text: str) -> tuple[tuple[str, str], ...]:
    """The surnames of a text that follow particles or an Arabic article (``is_article``),
    as (the particles or the article and the surname written as one word, the surname):
    de Luca gives ("deluca", "luca"), El Amrani ("elamrani", "amrani")."""
    if text.isalpha() or not text:  # one word (most surname fields): no particle before it
        return ()
    out: list[tuple[str, str]] = []
    run: list[str] = []
    before = ""
    for word in tokens(text):
        if word in PARTICLES:
            run.append(word)
            before = ""
            continue
        joins = run and len(run) <= 2 and all(p in JOINING_PARTICLES for p in run)
        if joins and len(word) >= PARTICLE_REST:
            surname = SURNAME_ABBREVIATIONS.get(word, word)
            out.append(("".join(run) + surname, surname))
        elif before and is_article(before, word):
            out.append((before + word, word))
        run = []
        before = word
    return tuple(out)


def fields_joined(surname: str, second_surname: str) -> tuple[tuple[str, str], ...]:
    """``joined_particles`` of a name's two surname fields (its ``PersonName.joined``)."""
    return joined_particles(surname) + joined_particles(second_surname)


_ARTICLE_STARTS = ARTICLES | {v + sound[0] for v in _ARTICLE_VOWELS for sound in _ARTICLE_SOUNDS}
_REST_STARTS = _JOINED_STARTS | _ARTICLE_STARTS


def article_rest(word: str) -> str:
    """The surname of a word that an Arabic article is joined to the front of (``is_article``
    written as one word: alhassan, elamrani, arrashid, ashshami give hassan, amrani, rashid,
    shami), whether or not it was; "" for a word no article can begin, or that leaves fewer
    than ``ARTICLE_REST`` letters."""
    rest = ""
    if word[:2] in ARTICLES:
        rest = word[2:]
    elif word[:1] in _ARTICLE_VOWELS:
        for sound in _ARTICLE_SOUNDS:
            n = len(sound)
            if word[1 : 1 + n] == sound and word[1 + n : 1 + 2 * n] == sound:
                rest = word[1 + n :]
                break
    return rest if len(rest) >= ARTICLE_REST else ""


def particle_rests(word: str) -> list[str]:
    """What is left of a word without particles or an Arabic article joined to its front,
    each way it could have been joined (deluca: uca, luca; alhassan: hassan; arrashid:
    rashid), whether or not it was: the bound and the hit index test these, the comparison
    only what the other record shows (``joined``)."""
    start = word[:2]
    if start not in _REST_STARTS:  # most words: no particle nor article can begin them
        return []
    rests = (
        [word[k:] for k in range(2, len(word) - PARTICLE_REST + 1) if word[:k] in JOINED_PREFIXES]
        if start in _JOINED_STARTS
        else []  # (Alvarez, Estrada: an article's letters, no particle's)
    )
    if start in _ARTICLE_STARTS and (rest := article_rest(word)) and rest not in rests:
        rests.append(rest)
    return rests


class PersonName:
    """A person's name in parts, however it was given (one field or several). ``generation``
    is a generation mark found in the name (junior, senior...), or empty; ``joined`` the
    surnames that followed particles, written as one word with them (``joined_particles``);
    ``cut``: the field that ends the name was cut short where a fixed width ran out, so
    its last word may be the beginning of a longer one, and words may be missing after it
    (``xref.mark_cut_names``). Not to be changed once made (``replaced`` makes another).

    A compiled class, not a frozen dataclass: the dataclass's ``__init__``, made when the
    module is loaded, runs as Python code (a third of a microsecond a name, and a record's
    readings make several)."""

    def __init__(
        self,
        given: tuple[str, ...],
        surnames: tuple[str, ...],
        generation: str = "",
        joined: tuple[tuple[str, str], ...] = (),
        cut: bool = False,
    ) -> None:
        self.given = given
        self.surnames = surnames
        self.generation = generation
        self.joined = joined
        self.cut = cut

    def _key(
        self,
    ) -> tuple[tuple[str, ...], tuple[str, ...], str, tuple[tuple[str, str], ...], bool]:
        return (self.given, self.surnames, self.generation, self.joined, self.cut)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PersonName) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"PersonName(given={self.given!r}, surnames={self.surnames!r}, "
            f"generation={self.generation!r}, joined={self.joined!r}, cut={self.cut!r})"
        )

    def replaced(
        self,
        given: tuple[str, ...] | None = None,
        generation: str | None = None,
    ) -> PersonName:
        """The same name with other given names or another generation mark."""
        return PersonName(
            self.given if given is None else given,
            self.surnames,
            self.generation if generation is None else generation,
            self.joined,
            self.cut,
        )

    @property
    def all_words(self) -> tuple[str, ...]:
        return self.given + self.surnames


def glued_surnames(surnames: Sequence[str], joined: tuple[tuple[str, str], ...]) -> str:
    """A name's surnames written as one word with the particles before them, as files
    that drop every space write them (Soares da Silva: SOARESDASILVA, da Silva dos Santos:
    DASILVADOSSANTOS), where a particle comes before one (``joined``: its
    ``PersonName.joined``); "" for others, whose surnames run together are that already."""
    if not joined or not surnames:
        return ""
    forms = {surname: form for form, surname in joined}
    return "".join(forms.get(w, w) for w in surnames)


def _without_generation(words: list[str]) -> tuple[list[str], str]:
    """The words of a name without a trailing generation mark (Filho, Jr., III), and the
    mark. Only a trailing word counts: Junior is also a given name."""
    if len(words) >= 2 and words[-1] in GENERATION_MARKS:
        return words[:-1], GENERATION_MARKS[words[-1]]
    return words, ""


def person_name(
    full_name: str = "",
    given_name: str = "",
    surname: str = "",
    second_surname: str = "",
) -> PersonName:
    """Split a person's name into given names and surnames.

    With separate fields, they are trusted. With one field, the last two words are taken as
    surnames when there are four or more words (the Iberian paternal + maternal pattern),
    else the last one; "SURNAME, Given" puts the surnames first. A trailing generation mark
    (Filho, Júnior, Jr., Sr., III) is set apart.
    """
    return person_name_readings(full_name, given_name, surname, second_surname)[-1]


@lru_cache(maxsize=65536)
def given_field_words(given_name: str) -> tuple[tuple[str, ...], str]:
    """The given names of a given-name field, and a generation mark it ends with. A field of
    two capitals that are no name is two initials (``capital_initials``: EA for Esther
    Anna, PY for Pierre-Yves, as Dutch and French files write them without their dots)."""
    given_name = without_alias(given_name)
    if capital_initials(given_name):
        return tuple(given_name.strip().lower()), ""
    given, mark = _without_generation(name_words(given_name, initials=True, articles=False))
    return (() if _not_known(given, given_name) else given_names(given)), mark


# Particles that open given names written in two words (La Toya, Del Roy, De Shawn, Le Roy:
# Caribbean and American names that records also write as one: Latoya, Delroy, Deshawn).
_GIVEN_PARTICLES = frozenset({"la", "le", "de", "del", "da", "di", "du"})


@lru_cache(maxsize=65536)
def given_particle_joined(given_name: str) -> str:
    """The first given name of given names (a given-name field, or those of a whole name)
    that begin with a particle (``_GIVEN_PARTICLES``) and a name of two letters or more,
    the two written as one word (La Toya: latoya), else "". A second reading
    (``_readings``): the words may as well be a surname typed in the wrong field (Del
    Valle, De Jong)."""
    words = tokens(given_name)
    if len(words) < 2 or words[0] not in _GIVEN_PARTICLES:
        return ""
    if words[1] in PARTICLES or len(words[1]) < 2 or not words[1].isalpha():
        return ""
    return words[0] + words[1]


_VOWELS = frozenset("aeiouy")
# Two letters without a vowel that are no initials: titles (Dr, Mr, Ms), the saint (St),
# and the Cantonese surname Ng, written first.
_NOT_INITIALS = frozenset({"dr", "mr", "ms", "st", "ng"})


def capital_initials(field: str) -> bool:
    """Whether a given-name field is two capital letters with a vowel that are no name the
    tables know, nor a pinyin syllable, a particle, a short form or a generation mark (EA,
    AS, PY: the initials of Esther Anna, Anne-Sophie, Pierre-Yves; not JO, AL, LI, ED).
    Two letters without a vowel are initials in any case (``spelled_initials``)."""
    text = field.strip()
    if len(text) != 2 or not (text.isascii() and text.isalpha() and text.isupper()):
        return False
    word = text.lower()
    return not (
        _VOWELS.isdisjoint(word)
        or word in KNOWN_GIVEN  # the registers' names and the short forms (Al, Ed) too
        or word in PINYIN_SYLLABLES
        or word in PARTICLES
        or word in GENERATION_MARKS
    )


def spelled_initials(given: Sequence[str]) -> tuple[str, ...]:
    """Given names with initials run together taken apart: a word of two letters and no
    vowel is the initials of two given names (JC for Juan Carlos, MJ for María José, as
    forms and registers abbreviate them), which "J. C." already gives; not an abbreviation
    of one name (Wm. for William) nor a generation mark (Jr). Three are more often a name
    that lost its vowels to a typo (Hns for Hans) than three initials."""
    out: list[str] = []
    for word in given:
        if (
            len(word) == 2
            and word.isalpha()
            and _VOWELS.isdisjoint(word)
            and word not in HYPOCORISMS
            and word not in GENERATION_MARKS
            and word not in _NOT_INITIALS
        ):
            out.extend(word)
        else:
            out.append(word)
    return tuple(out)


# Arabic names "servant of" one of God's names, Abd + article + that name, as records write
# them: Abdelkader, Abdel Kader, Abd el-Kader, Abdulkadir; the article's l sounding as the
# name's first letter (Abderrahim, Abdel Rahim, Abd ar-Rahim; Abdallah, Abdullah, Abd
# Allah) or written "ou" (Abdourahmane, West Africa).
_ABD_FIRST = frozenset(
    {"abd", "abdel", "abdal", "abdul", "abdoul", "abdol", "abdil", "abdou", "abdu"}
)
_ABD_ARTICLES = frozenset(
    {"el", "al", "ul", "il", "er", "ar", "ur", "es", "as", "us", "en", "an", "ed", "ad"}
    | {"et", "at", "ez", "az", "ech", "ach", "ou"}
)
_ABD_NAME = 3  # the fewest letters of the name after the article (lah, haq, nur)
# The names of God that follow Abd, as records transliterate them (by sound key): two given
# names run together only when the second is one (Abdul Aziz; not Abdul Paul, a British
# Abdul with a middle name).
_ABD_DIVINE_NAMES = (
    "lah ilah rahman rahmane rehman rahim rehim raheem malik malek kuddus salam slam "
    "selam salem moumen mumin moumine aziz jabbar djebbar khaliq khalek khalik bari "
    "ghaffar ghafar wahab wahhab ouahab razak razzak razzaq rezak rezzak fattah fatah "
    "alim basit bassit rafi sami samie basir hakam adl latif latef lateef khabir halim "
    "azim adhim ghafur ghafour shakur chakour ali aly kabir kebir hafid hafiz hafidh "
    "hafez jalil djalil jelil karim krim kareem kerim raqib mujib wasi hakim hakeem wadud "
    "majid madjid majeed mejid shahid chahid haq hak haqq hakk wakil qawi kaoui matin "
    "wali hamid hamed hay hayy qayyum kayoum wahid ouahid wahed ouahed ahad samad samed "
    "kader qader kadir qadir nour nur nasser nasir naser hadi hady badi baqi baki "
    "rashid rachid sabur sabour mounaim monem munim moneim muttalib mottaleb motaleb "
    "ghani rhani ghany jalal djalal illah elah nabi"
)
_ABD_DIVINE = frozenset(phonetic(name) for name in _ABD_DIVINE_NAMES.split())


def abd_name(word: str) -> str:
    """One form of an Abd name written as one word: abdel and the name (Abdelkader,
    Abdulkadir, Abderrahim, Abdallah, Abdullah, Abdourahmane: abdelkader, abdelkadir,
    abdelrahim, abdellah, abdellah, abdelrahmane), so that its transliterations compare as
    spellings of one name and the article's forms not as typos: a name of God after the
    article (``_ABD_DIVINE``). Other words as they are (Abdiel, Abdías, Abdón: no article;
    Abdel alone; AbdulPaul, two names run together)."""
    if not word.startswith("abd"):
        return word
    rest = word[3:]
    vowel = "ou" if rest.startswith("ou") else rest[:1]
    if vowel not in ("a", "e", "i", "o", "u", "ou"):
        return word
    after = rest[len(vowel) :]
    if after[:1] == "l":  # the article: Abdelkader, Abdulaziz, Abdallah (al-lah)
        name = after[1:]
    elif len(after) >= 2 and after[0] == after[1] and after[0] not in _VOWELS:
        name = after[1:]  # its l sounding as the next letter: Abderrahim, Abdessamad
    elif vowel in ("ou", "u"):  # Abdourahmane, Abdurahman
        name = after
    else:
        return word
    if name in ("a", "ah", "ahi", "lahi"):  # Abdala, Abdulah, Abdallahi: Allah's l once
        name = "lah"
    if len(name) < _ABD_NAME or phonetic(name) not in _ABD_DIVINE:
        return word
    return "abdel" + name


def is_abd_name(word: str) -> bool:
    """Whether a word is an Abd name in its one form (``abd_name``): abdel and a name of God."""
    return word.startswith("abdel") and phonetic(word[5:]) in _ABD_DIVINE


def abd_names(given: Sequence[str]) -> tuple[str, ...]:
    """Given names with each Abd name as one word in one form (``abd_name``): Abdel Kader,
    Abd el-Kader, Abdul Kadir, Abd er-Rahim run together (a name of God after Abd:
    ``_ABD_DIVINE``). Not Abdel alone or before an initial (Abdel R.), which stays a name
    that begins the other, nor Abdul before a name of another kind (Abdul Paul)."""
    if not any(w.startswith("abd") for w in given):
        return tuple(given)
    out: list[str] = []
    k = 0
    while k < len(given):
        word = given[k]
        if word in _ABD_FIRST:
            at = k + 1
            if at + 1 < len(given) and given[at] in _ABD_ARTICLES:
                at += 1  # Abd er Rahim, Abdel Al Aziz
            if at < len(given) and len(given[at]) >= 2:
                name = given[at]
                # an article the name carries (Abd Errahim, Abd Allah) or none (Abdel Aziz)
                carried = (
                    len(name) >= 3
                    and name[0] in _VOWELS
                    and name[1] == name[2]
                    and name[1] not in _VOWELS
                )
                joined = abd_name(("abd" if carried else "abdel") + name)
                if is_abd_name(joined):
                    word, k = joined, at
        out.append(abd_name(word))
        k += 1
    return tuple(out)


def given_names(words: Sequence[str]) -> tuple[str, ...]:
    """The given names of a name's words as they are compared: initials run together taken
    apart (``spelled_initials``), Abd names in one form (``abd_names``)."""
    return abd_names(spelled_initials(words))


def surname_field_words(surname: str, second_surname: str) -> tuple[tuple[str, ...], str]:
    """The surnames of the surname fields, and a generation mark they end with (which
    counts before the given name's). A field that says its surname is not known
    (``_NO_NAME``, and for the second ``NO_SECOND_SURNAME``) gives none (NN Gómez is then
    Gómez alone, one of two of Pérez Gómez: read as a word, NN met NN)."""
    surname, second_surname = without_alias(surname), without_alias(second_surname)
    first, second = list(_surname_words(surname)), list(_surname_words(second_surname))
    if second and (_not_known(second, "") or _no_second_surname(second_surname)):
        second = []
    if first and second and _not_known(first, ""):
        first = []
    if not first and not second:  # Du, Le (S/A): a surname that is also a particle
        first, second = list(particle_surname(surname)), list(particle_surname(second_surname))
    surnames, mark = _without_generation(first + second)
    return (() if _not_known(surnames, "") else tuple(surnames)), mark  # N.N. too


@lru_cache(maxsize=65536)
def _surname_words(field: str) -> tuple[str, ...]:
    """``name_words`` of one surname field without its Arabic articles
    (``without_articles``; surnames repeat: read once each)."""
    return tuple(without_articles(name_words(field)))


# Particles that are also common surnames of their own, Chinese and Vietnamese (Du, Lê, Đỗ,
# Lo): a whole name of two words with one of them is a given name and that surname (Du Fang,
# Minh Le), where with another particle it is a surname with no given name (De Luca).
PARTICLE_SURNAMES = frozenset({"du", "le", "do", "lo"})


def particle_surname(text: str) -> tuple[str, ...]:
    """The surname of a field that holds nothing but one of the particles that are also
    surnames (``PARTICLE_SURNAMES``: Chinese Du, Vietnamese Lê and Đỗ, which ``name_words``
    drops as particles). Nothing for other particles alone (De, Van, an initial E.: no
    surname, as before), nor for a text with any other word."""
    words = tokens(text)
    return (words[0],) if len(words) == 1 and words[0] in PARTICLE_SURNAMES else ()


# What Spanish- and Portuguese-speaking registers write in the second surname's field for
# a person with one surname: sin segundo apellido, S/A, no registra, não consta... (S/A
# and N/A with their slash: Sá is a surname, and Na a Korean one).
NO_SECOND_SURNAME = (
    *("S/A", "S/S", "S/D", "S/2A", "N/A", "N/D", "N/R", "N.R.", "NS/NC", "NSNC", "X", "0"),
    *(
        "Sin apellido",
        "Sin segundo apellido",
        "Sin 2do apellido",
        "Sin 2° apellido",
        "Segundo apellido",
    ),
    *("No registra", "No tiene", "No aplica", "No indica", "No consta", "No informado"),
    *("Sin dato", "Sin datos", "Ignorado", "Ignorada", "Não consta", "Nao consta"),
    *("Sem sobrenome", "Sem segundo sobrenome", "Não informado", "Nao informado", "Não tem"),
)


def _no_second_key(text: str) -> str:
    """A second surname's field as ``NO_SECOND_SURNAME`` is looked up: lower case, without
    spaces and dots, its slashes kept."""
    return "".join(text.split()).casefold().replace(".", "")


_NO_SECOND_KEYS = frozenset(map(_no_second_key, NO_SECOND_SURNAME))


def _no_second_surname(written: str) -> bool:
    """Whether a second surname's field says there is none (``NO_SECOND_SURNAME``)."""
    return len(written) <= 24 and _no_second_key(written) in _NO_SECOND_KEYS


@lru_cache(maxsize=65536)
def married_fields_split(surname: str, second_surname: str) -> tuple[str, str] | None:
    """``married_split`` of a name's surname fields, tested only for fields of several
    words (each distinct pair once: the same surnames recur)."""
    if (not surname or surname.isalpha()) and (not second_surname or second_surname.isalpha()):
        return None  # one word each (most)
    surname, second_surname = without_alias(surname), without_alias(second_surname)
    if MARRIED_MARKERS.isdisjoint(tokens(surname)) and MARRIED_MARKERS.isdisjoint(
        tokens(second_surname)
    ):
        return None
    return married_split(f"{surname} {second_surname}")


def married_split(text: str) -> tuple[str, str] | None:
    """A name's text before and after the first of ``MARRIED_MARKERS`` (folded), where a
    name comes before it and after it (Marie Martin née Dupont: "marie martin", "dupont");
    None for most names. One word, or one without spaces, has none: a quick test."""
    if " " not in text.strip():
        return None
    words = tokens(text)
    for k, word in enumerate(words[1:-1], start=1):
        if word in MARRIED_MARKERS:
            after = words[k + 1 :]
            if any(w not in _NOT_NAMES for w in after):
                return " ".join(words[:k]), " ".join(after)
    return None


def _married_readings(
    given: tuple[str, ...], parts: Sequence[str], plain: PersonName
) -> list[PersonName]:
    """Given names with the surnames of each part of a married name; the generation mark
    of the name as written (``plain``) for each, as its readings all have it."""
    out = []
    for part in parts:
        surnames, _mark = _without_generation(without_articles(name_words(part)))
        if given and surnames:
            out.append(PersonName(given, tuple(surnames), plain.generation, joined_particles(part)))
    return out


def _married_name_readings(
    full_name: str, given_name: str, surname: str, second_surname: str, plain: PersonName
) -> list[PersonName]:
    """The readings of a married name with each of its surnames (Marie Martin née Dupont:
    Marie Martin, Marie Dupont), or none for most names: the marker between them, in the
    surname fields, before the comma of "SURNAMES, Given names", in the given names after
    it, or in a name in one field, given names first or, where the first word is written in
    capitals as registers write surnames (DUPONT épouse MARTIN Marie), surname first."""
    if given_name or surname or second_surname:
        split = married_fields_split(surname, second_surname)
        return _married_readings(plain.given, split, plain) if split else []
    if "," in full_name:
        before, after = full_name.split(",", 1)
        split = married_split(before)
        if split:
            return _married_readings(plain.given, split, plain)
        split = married_split(after)  # Martin, Marie née Dupont
        if split:
            given = given_names(name_words(split[0]))
            return _married_readings(given, (before, split[1]), plain)
        return []
    split = married_split(full_name)
    if not split:
        return []
    head, tail = split
    out = _capitals_readings(full_name, plain)
    for reading in _plain_readings(head, "", "", ""):
        # A name of one word before the marker is the given name (Marie née Dupont).
        out += _married_readings(reading.given or reading.surnames, (tail,), plain)
        if reading.given:
            out.append(reading.replaced(generation=plain.generation))
    return out


def _capitals_readings(full_name: str, plain: PersonName) -> list[PersonName]:
    """A married name in one field that registers write surnames first in capitals, given
    names not (DUPONT épouse MARTIN Marie, MARTIN Marie née DUPONT): the given names with
    the surnames on either side of the marker."""
    words = full_name.split()
    if not words[0].isupper() or full_name.isupper():
        return []
    given: list[str] = []
    parts: list[list[str]] = [[]]
    for word in words:
        for token in fold(word).split():
            if token in MARRIED_MARKERS:
                if parts[-1]:
                    parts.append([])
            elif word.isupper():
                parts[-1].append(token)
            else:
                given.append(token)
    names = given_names(_without_generation([g for g in given if g not in PARTICLES])[0])
    if len(parts) < 2 or not names:
        return []
    return _married_readings(names, [" ".join(p) for p in parts], plain)


# What clerks write where the name is not known: N.N. (nomen nescio), Desconocido, Sin
# nombre, Fulano de Tal, Inconnu, Onbekend... Shared by strangers (unidentified persons are
# many), it is no name at all: a field (``given_field_words``, ``surname_field_words``) or
# a name in one field that reads as one of these (``_NO_NAME``: their words run together,
# as written and as read) gives none. Not John Doe (a name in the Caribbean), nor Ignoto
# (an Italian surname), nor X (an initial: Xavier, Ximena).
def _edge(text: str) -> str:
    """A text's folded words run together (NN, N.N. and N N alike)."""
    return "".join(tokens(text))


_NO_NAME_WRITTEN = (
    *("NN", "N.N.", "NN NN", "N.N. N.N.", "XX", "XXX", "Nomen nescio", "Sin datos"),
    *("Desconocido", "Desconocida", "Sin nombre", "Sin nombres", "Sin identificar"),
    *("No identificado", "No identificada", "Fulano de Tal", "Fulana de Tal", "Unknown"),
    *("Not known", "Name unknown", "Inconnu", "Inconnue", "Onbekend", "Naam onbekend"),
    *("Desconhecido", "Desconhecida", "Sem nome", "Sconosciuto", "Sconosciuta"),
)
_NO_NAME = frozenset(map(_edge, _NO_NAME_WRITTEN))
EMPTY_NAME = PersonName((), ())


def _not_known(words: Sequence[str], written: str) -> bool:
    """Whether a field's or a name's words say the name is not known (``_NO_NAME``); N.N.
    with its dots in a given-name field (``written``) is also a Dutch name's initials (N.N.
    de Boer): only NN is not known there."""
    key = "".join(words)
    return key in _NO_NAME and not (key == "nn" and "." in written)


def _placeholder_ends(written: list[str]) -> tuple[int, int]:
    """How many of a name's written words, at its start and at its end, say that a name is
    not known (``_not_known`` of those words alone, two before one: Naam onbekend), each
    end read again after (NN NN García, NN García NN)."""
    if not written or (
        _edge(written[0]) not in _NO_NAME_EDGES and _edge(written[-1]) not in _NO_NAME_EDGES
    ):
        return 0, 0  # most names: a quick test of their first and last words
    lead = tail = 0
    n = len(written)
    found = True
    while found:
        found = False
        for k in (2, 1):
            if lead + tail + k <= n and _written_not_known(written[lead : lead + k]):
                lead, found = lead + k, True
                break
        for k in (2, 1):
            if lead + tail + k <= n and _written_not_known(written[n - tail - k : n - tail]):
                tail, found = tail + k, True
                break
    return lead, tail


# The first and last written words of what clerks write for a name not known, folded.
_NO_NAME_EDGES = frozenset(
    _edge(words[k]) for words in map(str.split, _NO_NAME_WRITTEN) for k in (0, -1)
)


def _written_not_known(words: list[str]) -> bool:
    text = " ".join(words)
    return _not_known(tokens(text), text)


def whole_name_in_given(given_name: str, surname: str, second_surname: str) -> bool:
    """Whether a name's fields hold the whole name in the given-name field: two words or
    more there and no letter or digit in the surnames' fields (Juan García López typed in
    the first field of a form, the others empty or "-"). Such a name is also read as a
    name in one field (``_readings``)."""
    return (
        not _has_letters(surname)  # most names: a quick no
        and not _has_letters(second_surname)
        and len(given_name.split()) >= 2
    )


def _has_letters(text: str) -> bool:
    return any(map(str.isalnum, text))


@lru_cache(maxsize=65536)
def _readings(
    full_name: str, given_name: str, surname: str, second_surname: str
) -> tuple[PersonName, ...]:
    if whole_name_in_given(given_name, surname, second_surname):
        # Read as a name in one field too, with given names and surnames (not a lone word
        # taken for a surname: Dr. Juan); the given names as written stay the usual reading.
        written = _plain_readings(full_name, given_name, surname, second_surname)[-1]
        whole = _readings(given_name, "", "", "")
        return (*(r for r in whole if r.given and r.surnames and r != written), written)
    plain = _plain_readings(full_name, given_name, surname, second_surname)
    if not (given_name or surname or second_surname) and plain[-1].all_words in _NO_READING:
        return (EMPTY_NAME,)  # the name in one field is not known (_NO_NAME)
    married = _married_name_readings(full_name, given_name, surname, second_surname, plain[-1])
    if married:
        # The name as written stays the usual reading (last), its other readings kept: a
        # word taken for a marker may be a name (Italian in, Korean In).
        plain = (*dict.fromkeys(r for r in (*married, *plain[:-1]) if r != plain[-1]), plain[-1])
    if given_name and (joined := given_particle_joined(given_name)):
        # The given names with their first particle joined to the name after it (La Toya
        # as Latoya) read first, the field as written still read (a surname in the wrong
        # field: Del Valle is then Valle).
        written = plain[-1]
        if written.given:
            first = written.replaced(given=(joined, *written.given[1:]))
            plain = (*dict.fromkeys(r for r in (first, *plain) if r != written), written)
    elif not (given_name or surname or second_surname):
        # And in a whole name (La Toya Brown, BROWN, La Toya): its readings with the two
        # written as one word, before those as written.
        plain = (
            *dict.fromkeys(r for r in _particle_joined_readings(full_name) if r not in plain),
            *plain,
        )
    return _with_double_names(plain)


def _particle_joined_readings(full_name: str) -> tuple[PersonName, ...]:
    """The readings of a whole name whose given names begin with a particle and a name
    (``given_particle_joined``), the two written as one word; none for other names."""
    before, comma, after = full_name.partition(",")
    given = after if comma else before
    joined = given_particle_joined(given)
    if not joined:
        return ()
    given = " ".join([joined, *tokens(given)[2:]])
    return _plain_readings(f"{before}, {given}" if comma else given, "", "", "")


def _with_double_names(readings: tuple[PersonName, ...]) -> tuple[PersonName, ...]:
    """The readings, and before them each one's with its double given names written as
    one word taken apart (``double_given_name``: Mariachiara as Maria Chiara, so that Maria
    is her first name), the word as written still read too (Gianpaolo and Gianopaolo stay
    a typo apart)."""
    split = []
    for reading in readings:
        given = tuple(part for word in reading.given for part in double_given_name(word))
        if given != reading.given:
            split.append(reading.replaced(given=given))
    if not split:
        return readings
    return (*dict.fromkeys(r for r in split if r not in readings), *readings)


# Full given names the registers and the tables know, folded (the names of the short forms
# table are left out: Fina, Lola end words that are no double names, Josefina, Manola).
FULL_GIVEN_NAMES = (
    MEN | WOMEN | ALSO_WOMEN | OTHER_NAMES | frozenset(n for g in GIVEN_NAME_EQUIVALENTS for n in g)
)
# Every given name the tables know, short forms included: two of them that differ are two
# names, however alike (Jorge and José, Emilio and Emigdio: ``compare.spelt_alike``).
KNOWN_GIVEN = FULL_GIVEN_NAMES | KNOWN_NAMES
DOUBLE_PART = 4  # the fewest letters of each name of a double name written as one
# The names that begin double names written as one word (Mariachiara, Gianpaolo,
# Pierluigi, Juancarlos, Joseluis, Jeanpierre): only these are taken apart, not any two
# names that happen to spell a third (Jakeline is no Jake Line).
DOUBLE_FIRSTS = frozenset(
    {"maria", "marie", "mary", "anna", "anne", "juan", "jose", "joao", "jean", "gian", "pier"}
    | {"carlo", "marco", "luis", "luiz", "luigi", "rosa", "pedro", "paulo", "paolo", "pablo"}
    | {"miguel", "angel", "angelo", "franco", "gino", "piero", "pietro", "giovanni", "luca"}
)


@lru_cache(maxsize=65536)
def double_given_name(word: str) -> tuple[str, ...]:
    """A double given name written as one word, as Italian and Spanish records often do
    (Mariachiara, Carloalberto, Mariateresa, Juancarlos, Joseluis), as its two names: where
    the word is no given name the registers or the tables know (``KNOWN_GIVEN``:
    Annamaria, Marisol, Josefina stay one), begins with a name that begins
    double names (``DOUBLE_FIRSTS``) and ends with a full name they know (Marianna is no
    Mari Anna) of the same sex (``_one_sex``), of four letters or more each. The word
    alone otherwise.

    >>> double_given_name("mariachiara"), double_given_name("annamaria")
    (('maria', 'chiara'), ('annamaria',))
    """
    if len(word) < 2 * DOUBLE_PART or word in KNOWN_GIVEN:
        return (word,)
    for cut in range(DOUBLE_PART, len(word) - DOUBLE_PART + 1):
        first, second = word[:cut], word[cut:]
        if first in DOUBLE_FIRSTS and second in FULL_GIVEN_NAMES and _one_sex(first, second):
            return (first, second)
    return (word,)


_EITHER_SEX = frozenset({"maria", "marie"})  # María José, Marie-Pierre; José María, Jean-Marie


def _one_sex(first: str, second: str) -> bool:
    """Whether two names can make one person's double name: not a man's and a woman's
    (Joselina is no José Lina, Jeanaine no Jean Aine: names of their own), but for Maria,
    which makes double names of either sex (``_EITHER_SEX``)."""
    if first in _EITHER_SEX or second in _EITHER_SEX:
        return True
    if first in MEN:
        return second not in WOMEN and second not in ALSO_WOMEN
    return not (first in WOMEN and second in MEN)


@lru_cache(maxsize=65536)
def has_double_name(given_name: str) -> bool:
    """Whether a given-name field holds a double given name written as one word
    (``double_given_name``): its name then reads two ways."""
    return any(len(double_given_name(w)) > 1 for w in given_field_words(given_name)[0])


def _plain_readings(
    full_name: str, given_name: str, surname: str, second_surname: str
) -> tuple[PersonName, ...]:
    if given_name or surname or second_surname:
        given, given_mark = given_field_words(given_name)
        surnames, mark = surname_field_words(surname, second_surname)
        joined = fields_joined(surname, second_surname)
        usual = PersonName(given, surnames, mark or given_mark, joined)
        if surnames and (word := SURNAME_MARKS.get(mark)):
            return (PersonName(given, (*surnames, word), given_mark, joined), usual)
        return (usual,)
    if "," in full_name:
        before, after = full_name.split(",", 1)
        surname_words, mark = _without_generation(
            without_articles(name_words(before)) or list(particle_surname(before))
        )
        given_words, given_mark = _without_generation(name_words(after, initials=True))
        joined = joined_particles(before)
        given_words = list(given_names(given_words))
        if _not_known(surname_words, ""):  # DESCONOCIDO, Juan; NN, Juan
            surname_words, joined = [], ()
        if _not_known(given_words, after):  # GARCÍA, NN
            given_words = []
        usual = PersonName(tuple(given_words), tuple(surname_words), mark or given_mark, joined)
        if surname_words and (word := SURNAME_MARKS.get(mark)):  # Anjos Neto, Isaac
            surnames = (*surname_words, word)
            return (PersonName(tuple(given_words), surnames, given_mark, joined), usual)
        return (usual,)
    written = full_name.split()
    lead, tail = _placeholder_ends(written)
    if lead or tail:
        rest = " ".join(written[lead : len(written) - tail])
        words, mark = _without_generation(name_words(rest, initials=True))
        if lead or not words:  # NN García López, Desconocido Pérez: surnames alone
            surnames = tuple(without_articles(words))
            return (PersonName((), surnames, mark, joined_particles(rest)),)
        if len(words) == 1:  # Juan NN: a given name alone
            return (PersonName(given_names(words), (), mark),)
        return _plain_readings(rest, "", "", "")  # Juan Pérez NN: the rest as written
    raw = tokens(full_name)
    words, mark = _without_generation(name_words(full_name, initials=True))
    joined = joined_particles(full_name)
    if len(raw) == 2 and len(words) == 1 and not mark and not PARTICLE_SURNAMES.isdisjoint(raw):
        words = raw  # Du Fang, Minh Le: a name and a surname, not a particle and a surname
    if len(words) <= 1:
        usual = PersonName((), tuple(words), mark, joined)
        if words and (word := SURNAME_MARKS.get(mark)):
            return (PersonName(given_names(words), (word,), "", joined), usual)
        return (usual,)
    if len(words) == 2 and (word := SURNAME_MARKS.get(mark)):
        usual = PersonName(given_names(words[:1]), tuple(words[1:]), mark, joined)
        return (PersonName(given_names(words), (word,), "", joined), usual)
    main_cut = len(words) - (2 if len(words) >= 4 else 1)
    cuts = [main_cut]
    if len(words) == 3:
        cuts.insert(0, 1)  # one given name and two surnames (Iberian)
    elif len(words) >= 4:
        cuts.insert(0, len(words) - 1)  # several given names and one surname
        if len(words) >= 5:
            cuts.insert(0, len(words) - 3)  # three surnames (Brazilian)
    # A particle after the given names often opens the surnames (Ana Beatriz dos Santos
    # Silva), though not always (María del Carmen López): one more reading.
    for index, word in enumerate(raw[1:], start=1):
        if word in PARTICLES:
            cut = sum(1 for w in raw[:index] if w not in PARTICLES)
            if 1 <= cut < len(words) and cut not in cuts:
                cuts.insert(0, cut)
            break
    # The surnames of every reading without their Arabic articles (Mohamed | El Amrani);
    # one in the given names stays (Nour El Houda | Bennani).
    readings = tuple(
        PersonName(given_names(words[:c]), tuple(without_articles(words[c:])), mark, joined)
        for c in cuts
    )
    if len(words) == 3 and is_article(words[0], words[1]):
        # Three words that open with an article open with the surname (al-Ayoubi Hamza, as
        # Maghrebi and Middle-Eastern files write names): one more reading, first. (With
        # more words, where the surnames end is not known: a second surname read as a
        # given name made twins one person.)
        surname_first = PersonName(given_names(words[2:]), (words[1],), mark, joined)
        return (surname_first, *readings)
    return readings


# The words a name in one field that is not known reads as (N.N. as initials N and N).
_NO_READING = frozenset(
    reading.all_words for text in _NO_NAME_WRITTEN for reading in _plain_readings(text, "", "", "")
)


def person_name_readings(
    full_name: str = "",
    given_name: str = "",
    surname: str = "",
    second_surname: str = "",
) -> list[PersonName]:
    """Every plausible split of a name, the usual one last: a three-word name in one field is
    one given name and two surnames in the Iberian way, or two given names and one surname
    elsewhere; four words or more may also end in a single surname. An alias written with
    the name is no part of it (``without_alias``)."""
    return list(
        _readings(
            without_alias(full_name),
            without_alias(given_name),
            without_alias(surname),
            without_alias(second_surname),
        )
    )


# The syllables of Mandarin in pinyin, without tones (ü written v), and the commonest
# Chinese surnames in pinyin and in the Cantonese spellings of Hong Kong and of the older
# emigration to Peru, Panama and the Caribbean.
_PINYIN_SYLLABLES = (
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca "
    "cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou "
    "chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai "
    "dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun "
    "duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen "
    "geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng "
    "hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing "
    "jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan "
    "kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin "
    "ling liu long lou lu lv luan lue lun luo ma mai man mang mao me mei men meng mi mian "
    "miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang "
    "niao nie nin ning niu nong nou nu nv nuan nue nuo o ou pa pai pan pang pao pei pen "
    "peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong "
    "qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai "
    "san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu "
    "shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan "
    "tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang "
    "wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya "
    "yan yang yao ye yi yin ying yong you yu yuan yue yun za zai zan zang zao ze zei zen "
    "zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai "
    "zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo "
)
PINYIN_SYLLABLES = frozenset(_PINYIN_SYLLABLES.split())
_CHINESE_SURNAMES = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo "
    "zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai "
    "jiang yu du ye cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia "
    "xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu "
    "gong shao wan qian dai mo kong xiang chang kang wen niu yi zhan ou wong chan leung "
    "lee cheung ng ho lau tsang chow chiu lam kwok yeung tse mak fung lo law kwan chung "
    "yip hui tam choi siu lai chin chang chong fong wing lum "
)
CHINESE_SURNAMES = frozenset(_CHINESE_SURNAMES.split())


@lru_cache(maxsize=65536)
def pinyin_name(word: str) -> bool:
    """Whether a folded given name is Mandarin syllables in pinyin, one to three of them
    (Xiaoming, Jingjing, Jun, Zhiqiang)."""
    return _syllables(word, 3)


def _syllables(word: str, most: int) -> bool:
    if not word:
        return True
    if most == 0:
        return False
    return any(
        word[:n] in PINYIN_SYLLABLES and _syllables(word[n:], most - 1)
        for n in range(min(6, len(word)), 0, -1)
    )
