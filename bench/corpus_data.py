"""Names and Swedish phrases for the generated corpus.

The 290 municipalities by county, the police organisation that serves them (region,
police area, local police area), and the building blocks of the text: phrases taken from
the real documents in ``../shared/seeds/`` and the glossary, with slots such as ``{ort}``
(the place), ``{kommun}`` (the municipality's name as a party) and ``{plats}`` (a place in it).
"""

from __future__ import annotations

from samverkan import municipalities

# --- Municipalities, counties and the police --------------------------------------------

COUNTIES = municipalities.COUNTIES

REGIONS: dict[str, str] = {
    "Stockholms län": "Stockholm",
    "Gotlands län": "Stockholm",
    "Uppsala län": "Mitt",
    "Västmanlands län": "Mitt",
    "Gävleborgs län": "Mitt",
    "Södermanlands län": "Öst",
    "Östergötlands län": "Öst",
    "Jönköpings län": "Öst",
    "Kronobergs län": "Syd",
    "Kalmar län": "Syd",
    "Blekinge län": "Syd",
    "Skåne län": "Syd",
    "Hallands län": "Väst",
    "Västra Götalands län": "Väst",
    "Värmlands län": "Bergslagen",
    "Örebro län": "Bergslagen",
    "Dalarnas län": "Bergslagen",
    "Västernorrlands län": "Nord",
    "Jämtlands län": "Nord",
    "Västerbottens län": "Nord",
    "Norrbottens län": "Nord",
}

POLICE_AREAS: dict[str, str] = {
    "Uppsala län": "Polisområde Uppsala län",
    "Södermanlands län": "Polisområde Södermanland",
    "Östergötlands län": "Polisområde Östergötland",
    "Jönköpings län": "Polisområde Jönköpings län",
    "Kronobergs län": "Polisområde Kronoberg",
    "Kalmar län": "Polisområde Kalmar län",
    "Gotlands län": "Polisområde Gotland",
    "Blekinge län": "Polisområde Blekinge",
    "Hallands län": "Polisområde Halland",
    "Värmlands län": "Polisområde Värmland",
    "Örebro län": "Polisområde Örebro län",
    "Västmanlands län": "Polisområde Västmanland",
    "Dalarnas län": "Polisområde Dalarna",
    "Gävleborgs län": "Polisområde Gävleborg",
    "Västernorrlands län": "Polisområde Västernorrland",
    "Jämtlands län": "Polisområde Jämtland",
    "Västerbottens län": "Polisområde Västerbotten",
    "Norrbottens län": "Polisområde Norrbotten",
}
"""The police area (polisområde) of a county; the three largest counties are split, below."""

SPLIT_POLICE_AREAS: dict[str, tuple[str, ...]] = {
    "Polisområde Stockholm nord": (
        "Danderyd",
        "Järfälla",
        "Norrtälje",
        "Sigtuna",
        "Sollentuna",
        "Solna",
        "Sundbyberg",
        "Täby",
        "Upplands-Bro",
        "Upplands Väsby",
        "Vallentuna",
        "Vaxholm",
        "Österåker",
        "Lidingö",
        "Ekerö",
    ),
    "Polisområde Stockholm syd": (
        "Botkyrka",
        "Haninge",
        "Huddinge",
        "Nacka",
        "Nykvarn",
        "Nynäshamn",
        "Salem",
        "Södertälje",
        "Tyresö",
        "Värmdö",
    ),
    "Polisområde Stockholm city": ("Stockholm",),
    "Polisområde Storgöteborg": ("Göteborg", "Mölndal", "Partille", "Härryda", "Kungälv", "Öckerö", "Ale", "Lerum"),
    "Polisområde Fyrbodal": (
        "Bengtsfors",
        "Dals-Ed",
        "Färgelanda",
        "Lysekil",
        "Mellerud",
        "Munkedal",
        "Orust",
        "Sotenäs",
        "Stenungsund",
        "Strömstad",
        "Tanum",
        "Tjörn",
        "Trollhättan",
        "Uddevalla",
        "Vänersborg",
        "Åmål",
        "Lilla Edet",
    ),
    "Polisområde Älvsborg": (
        "Alingsås",
        "Bollebygd",
        "Borås",
        "Herrljunga",
        "Mark",
        "Svenljunga",
        "Tranemo",
        "Ulricehamn",
        "Vårgårda",
    ),
    "Polisområde Skaraborg": (
        "Essunga",
        "Falköping",
        "Grästorp",
        "Gullspång",
        "Götene",
        "Hjo",
        "Karlsborg",
        "Lidköping",
        "Mariestad",
        "Skara",
        "Skövde",
        "Tibro",
        "Tidaholm",
        "Töreboda",
        "Vara",
    ),
    "Polisområde Malmö": ("Malmö",),
    "Polisområde Skåne Nord": (
        "Bjuv",
        "Bromölla",
        "Båstad",
        "Helsingborg",
        "Hässleholm",
        "Höganäs",
        "Klippan",
        "Kristianstad",
        "Landskrona",
        "Osby",
        "Perstorp",
        "Svalöv",
        "Åstorp",
        "Ängelholm",
        "Örkelljunga",
        "Östra Göinge",
    ),
    "Polisområde Skåne Syd": (
        "Burlöv",
        "Eslöv",
        "Hörby",
        "Höör",
        "Kävlinge",
        "Lomma",
        "Lund",
        "Simrishamn",
        "Sjöbo",
        "Skurup",
        "Staffanstorp",
        "Svedala",
        "Tomelilla",
        "Trelleborg",
        "Vellinge",
        "Ystad",
    ),
}

LOCAL_POLICE_AREAS: dict[str, tuple[str, ...]] = {
    "Lokalpolisområde Sollentuna": ("Sollentuna", "Upplands Väsby"),
    "Lokalpolisområde Järfälla": ("Järfälla", "Upplands-Bro"),
    "Lokalpolisområde Täby": ("Täby", "Danderyd", "Vallentuna", "Vaxholm", "Österåker"),
    "Lokalpolisområde Solna": ("Solna", "Sundbyberg"),
    "Lokalpolisområde Södertälje": ("Södertälje", "Nykvarn"),
    "Lokalpolisområde Botkyrka": ("Botkyrka", "Salem"),
    "Lokalpolisområde Haninge/Nynäshamn": ("Haninge", "Nynäshamn"),
    "Lokalpolisområde Nacka": ("Nacka", "Värmdö"),
    "Lokalpolisområde Norrmalm": ("Stockholm",),
    "Lokalpolisområde Uppsala/Knivsta": ("Uppsala", "Knivsta"),
    "Lokalpolisområde Enköping/Håbo": ("Enköping", "Håbo"),
    "Lokalpolisområde Norra Uppland": ("Tierp", "Älvkarleby", "Östhammar", "Heby"),
    "Lokalpolisområde Nyköping": ("Nyköping", "Oxelösund", "Trosa", "Gnesta"),
    "Lokalpolisområde Katrineholm": ("Katrineholm", "Flen", "Vingåker"),
    "Lokalpolisområde Linköping": ("Linköping", "Kinda", "Åtvidaberg", "Boxholm"),
    "Lokalpolisområde Mjölby": ("Mjölby", "Vadstena", "Ödeshög", "Ydre"),
    "Lokalpolisområde Norrköping": ("Norrköping", "Söderköping", "Valdemarsvik"),
    "Lokalpolisområde Jönköping": ("Jönköping", "Habo", "Mullsjö"),
    "Lokalpolisområde Höglandet": ("Nässjö", "Eksjö", "Aneby", "Sävsjö", "Vetlanda", "Tranås"),
    "Lokalpolisområde Värnamo": ("Värnamo", "Gislaved", "Gnosjö", "Vaggeryd"),
    "Lokalpolisområde Växjö": ("Växjö", "Alvesta", "Lessebo", "Uppvidinge", "Tingsryd"),
    "Lokalpolisområde Ljungby": ("Ljungby", "Markaryd", "Älmhult"),
    "Lokalpolisområde Kalmar": ("Kalmar", "Mörbylånga", "Borgholm", "Torsås", "Nybro", "Emmaboda"),
    "Lokalpolisområde Norra Kalmar län": ("Oskarshamn", "Västervik", "Vimmerby", "Hultsfred", "Högsby", "Mönsterås"),
    "Lokalpolisområde Västra Blekinge": ("Karlshamn", "Olofström", "Sölvesborg"),
    "Lokalpolisområde Östra Blekinge": ("Karlskrona", "Ronneby"),
    "Lokalpolisområde Malmö Norr": ("Malmö",),
    "Lokalpolisområde Lund": ("Lund", "Lomma", "Kävlinge"),
    "Lokalpolisområde Mellersta Skåne": ("Eslöv", "Höör", "Hörby"),
    "Lokalpolisområde Österlen": ("Ystad", "Tomelilla", "Simrishamn", "Sjöbo", "Skurup"),
    "Lokalpolisområde Trelleborg/Vellinge": ("Trelleborg", "Vellinge"),
    "Lokalpolisområde Söderslätt": ("Svedala", "Staffanstorp", "Burlöv"),
    "Lokalpolisområde Landskrona": ("Landskrona", "Svalöv"),
    "Lokalpolisområde Helsingborg": ("Helsingborg", "Höganäs"),
    "Lokalpolisområde Nordvästra Skåne": (
        "Ängelholm",
        "Båstad",
        "Örkelljunga",
        "Klippan",
        "Perstorp",
        "Åstorp",
        "Bjuv",
    ),
    "Lokalpolisområde Kristianstad": ("Kristianstad", "Bromölla"),
    "Lokalpolisområde Hässleholm": ("Hässleholm", "Osby", "Östra Göinge"),
    "Lokalpolisområde Halmstad": ("Halmstad", "Laholm", "Hylte"),
    "Lokalpolisområde Varberg": ("Varberg", "Falkenberg"),
    "Lokalpolisområde Centrum": ("Göteborg",),
    "Lokalpolisområde Mölndal": ("Mölndal", "Härryda"),
    "Lokalpolisområde Kungälv": ("Kungälv", "Öckerö", "Ale"),
    "Lokalpolisområde Lerum/Partille": ("Lerum", "Partille"),
    "Lokalpolisområde Borås": ("Borås", "Bollebygd"),
    "Lokalpolisområde Södra Älvsborg": ("Mark", "Svenljunga", "Tranemo", "Ulricehamn"),
    "Lokalpolisområde Alingsås": ("Alingsås", "Vårgårda", "Herrljunga"),
    "Lokalpolisområde Trollhättan": ("Trollhättan", "Lilla Edet", "Vänersborg"),
    "Lokalpolisområde Uddevalla": ("Uddevalla", "Munkedal", "Lysekil", "Sotenäs", "Orust", "Tjörn", "Stenungsund"),
    "Lokalpolisområde Norra Bohuslän": ("Strömstad", "Tanum"),
    "Lokalpolisområde Dalsland": ("Åmål", "Bengtsfors", "Dals-Ed", "Färgelanda", "Mellerud"),
    "Lokalpolisområde Skövde": ("Skövde", "Tibro", "Hjo", "Karlsborg", "Tidaholm"),
    "Lokalpolisområde Lidköping": ("Lidköping", "Götene", "Skara", "Vara", "Grästorp", "Essunga"),
    "Lokalpolisområde Mariestad": ("Mariestad", "Töreboda", "Gullspång"),
    "Lokalpolisområde Falköping": ("Falköping",),
    "Lokalpolisområde Karlstad": ("Karlstad", "Hammarö", "Forshaga", "Kil", "Grums"),
    "Lokalpolisområde Arvika": ("Arvika", "Eda", "Årjäng", "Säffle"),
    "Lokalpolisområde Kristinehamn": ("Kristinehamn", "Storfors", "Filipstad"),
    "Lokalpolisområde Norra Värmland": ("Hagfors", "Munkfors", "Torsby", "Sunne"),
    "Lokalpolisområde Örebro": ("Örebro", "Lekeberg"),
    "Lokalpolisområde Karlskoga": ("Karlskoga", "Degerfors", "Laxå"),
    "Lokalpolisområde Sydnärke": ("Hallsberg", "Kumla", "Askersund"),
    "Lokalpolisområde Bergslagen": ("Lindesberg", "Nora", "Hällefors", "Ljusnarsberg"),
    "Lokalpolisområde Västerås": ("Västerås",),
    "Lokalpolisområde Köping": ("Köping", "Arboga", "Kungsör"),
    "Lokalpolisområde Sala": ("Sala", "Fagersta", "Norberg", "Skinnskatteberg"),
    "Lokalpolisområde Hallstahammar": ("Hallstahammar", "Surahammar"),
    "Lokalpolisområde Falun": ("Falun", "Gagnef", "Säter"),
    "Lokalpolisområde Borlänge": ("Borlänge",),
    "Lokalpolisområde Ludvika": ("Ludvika", "Smedjebacken"),
    "Lokalpolisområde Avesta/Hedemora": ("Avesta", "Hedemora"),
    "Lokalpolisområde Mora": ("Mora", "Orsa", "Älvdalen", "Malung-Sälen", "Vansbro"),
    "Lokalpolisområde Leksand/Rättvik": ("Leksand", "Rättvik"),
    "Lokalpolisområde Gävle": ("Gävle", "Ockelbo"),
    "Lokalpolisområde Sandviken": ("Sandviken", "Hofors"),
    "Lokalpolisområde Hälsingland": ("Hudiksvall", "Nordanstig", "Ljusdal", "Bollnäs", "Ovanåker", "Söderhamn"),
    "Lokalpolisområde Sundsvall": ("Sundsvall", "Timrå", "Ånge"),
    "Lokalpolisområde Härnösand": ("Härnösand", "Kramfors", "Sollefteå"),
    "Lokalpolisområde Örnsköldsvik": ("Örnsköldsvik",),
    "Lokalpolisområde Östersund": ("Östersund", "Krokom", "Åre", "Berg", "Bräcke", "Ragunda", "Strömsund"),
    "Lokalpolisområde Härjedalen": ("Härjedalen",),
    "Lokalpolisområde Umeå": ("Umeå", "Vännäs", "Bjurholm", "Nordmaling", "Robertsfors", "Vindeln"),
    "Lokalpolisområde Skellefteå": ("Skellefteå", "Norsjö", "Malå"),
    "Lokalpolisområde Södra Lappland": ("Lycksele", "Storuman", "Sorsele", "Vilhelmina", "Dorotea", "Åsele"),
    "Lokalpolisområde Luleå": ("Luleå", "Boden"),
    "Lokalpolisområde Piteå": ("Piteå", "Älvsbyn", "Arvidsjaur", "Arjeplog"),
    "Lokalpolisområde Malmfälten": ("Kiruna", "Gällivare", "Pajala", "Jokkmokk"),
    "Lokalpolisområde Östra Norrbotten": ("Kalix", "Haparanda", "Överkalix", "Övertorneå"),
}
"""Local police areas that serve more than one municipality (or have a name of their own).
A municipality not listed here has ``Lokalpolisområde <municipality>``."""

CITY_NAMES: dict[str, str] = {
    "Stockholm": "Stockholms stad",
    "Göteborg": "Göteborgs Stad",
    "Malmö": "Malmö stad",
    "Solna": "Solna stad",
    "Sundbyberg": "Sundbybergs stad",
    "Lidingö": "Lidingö stad",
    "Vaxholm": "Vaxholms stad",
    "Helsingborg": "Helsingborgs stad",
    "Landskrona": "Landskrona stad",
    "Borås": "Borås Stad",
    "Mölndal": "Mölndals stad",
    "Trollhättan": "Trollhättans stad",
    "Västerås": "Västerås stad",
    "Haparanda": "Haparanda stad",
    "Gotland": "Region Gotland",
    "Falun": "Falu kommun",
    "Kalmar": "Kalmar kommun",
}
"""Official names that are not ``<name>s kommun``."""

# --- People ------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Christina",
    "Lena",
    "Emma",
    "Kerstin",
    "Ingela",
    "Margaretha",
    "Johanna",
    "Linnea",
    "Elin",
    "Helena",
    "Ulla",
    "Åsa",
    "Marie",
    "Camilla",
    "Malin",
    "Lisa",
    "Annika",
    "Sofia",
    "Therese",
    "Jenny",
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Mikael",
    "Hans",
    "Fredrik",
    "Jan",
    "Peter",
    "Christoffer",
    "Joachim",
    "Magnus",
    "Mattias",
    "Stefan",
    "Daniel",
    "Jonas",
    "Andreas",
    "Niklas",
    "Henrik",
    "Ola",
    "Björn",
    "Göran",
    "Håkan",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindström",
    "Lindqvist",
    "Lundgren",
    "Berglund",
    "Hagström",
    "Holmgren",
    "Danielsson",
    "Sandberg",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Håkansson",
    "Lundberg",
    "Bohman",
    "Hanefalk",
    "Alfredsson",
    "Rystedt",
    "Steen",
    "Ahlstedt",
    "Bergström",
    "Nyström",
    "Åberg",
    "Öberg",
    "Lundqvist",
    "Mattsson",
    "Axelsson",
    "Hedlund",
    "Strand",
    "Falk",
    "Ek",
    "Holm",
)

MUNICIPAL_SIGNATORY_TITLES = ("Kommunstyrelsens ordförande", "kommunstyrelsens ordförande")
MUNICIPAL_OFFICER_TITLES = ("Kommundirektör", "Kommunchef", "kommundirektör", "Stadsdirektör")
POLICE_SIGNATORY_TITLES = ("Lokalpolisområdeschef", "lokalpolisområdeschef", "tf. lokalpolisområdeschef")
OLD_POLICE_SIGNATORY_TITLES = ("Länspolismästare", "Polismästare", "Närpolischef")

# --- Text ---------------------------------------------------------------------------------

TITLES = (
    "Samverkansöverenskommelse",
    "Samverkansöverenskommelse mellan {kommun} och {polis}",
    "Samverkan för ett tryggare {ort}",
    "Överenskommelse om samverkan för ökad trygghet i {ort}",
    "Samverkansavtal och handlingsplan",
    "Förnyad samverkansöverenskommelse för ett tryggt {ort}",
    "Överenskommelse om samverkan och prioriteringar",
    "Tillsammans för ett tryggare {ort}",
)
SUBTITLES = (
    "Överenskommelse mellan {polis} och {kommun} {years}",
    "För ökad trygghet i {kommun}",
    "Överenskommelse om samverkan och prioriteringar mellan {kommun} och Polismyndigheten {years}.",
    "Samverkan mellan {kommun} och {polis} för perioden {years}",
)
PURPOSES = (
    "Överenskommelsen är framtagen i gemensam process av båda parter med syfte att öka den "
    "brottsrelaterade tryggheten i {kommun}.",
    "Syftet med överenskommelsen är att fördjupa och utöka samverkan.",
    "Syftet med samverkansöverenskommelsen är att säkra ett långsiktigt och hållbart brottsförebyggande "
    "arbete för {kommun} och Polismyndigheten med gemensamma fokusområden och mål framtagna utifrån en "
    "lokal lägesbild.",
    "Överenskommelsen ger kommunen och polisen tydliga förutsättningar att stödja varandra och prioritera "
    "olika typer av insatser.",
    "Syftet är att genom samverkan minska brottsligheten och öka tryggheten för alla som bor, vistas och "
    "verkar i {ort}.",
)
BACKGROUND_PARAGRAPHS = (
    "Denna samverkansöverenskommelse avser samverkan mellan {polis} och {kommun}.",
    "{kommun} och Polismyndigheten, {polis}, tecknar en gemensam överenskommelse som sträcker sig över en "
    "{n_years} års period för att i samverkan arbeta för att öka den brottsrelaterade tryggheten i kommunen.",
    "Samhället har allt att vinna på en minskad brottslighet och ökad trygghet. Därför behövs ett aktivt "
    "brottsförebyggande arbete samt ett trygghetsskapande arbete som bygger på en gemensam och långsiktig "
    "samsyn mellan Polisen och {kommun}.",
    "Sedan den 1 juli 2023 har alla Sveriges kommuner ett lagstadgat ansvar för det brottsförebyggande "
    "arbetet enligt lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete. Att samverka med "
    "polisen är en viktig del i det arbetet.",
    "Samverkan mellan polis och kommun är en viktig grund i det brottsförebyggande arbetet. Att samverka med "
    "olika relevanta aktörer är en viktig del i arbetet, liksom att samverkan utgår från ett gemensamt, "
    "systematiskt och kunskapsbaserat arbetssätt.",
    "Det är viktigt att parterna i det gemensamma arbetet har respekt för varandras huvuduppdrag och skilda "
    "arbetskulturer. Detta ska inte ses som ett hinder utan som en möjlighet att se problem, lösningar och "
    "arbetssätt ur olika perspektiv.",
    "I {ort} finns tendenser till social oro i vissa bostadsområden. Kriminalitet, och då framförallt "
    "narkotikarelaterad kriminalitet, bedöms vara särskilt bekymmersamt i {plats}. Den brottsligheten leder "
    "till andra typer av brott som tillgreppsbrott och våldsbrott.",
    "Överenskommelsen bygger på den gemensamma lokala lägesbilden och på de medborgardialoger som "
    "genomförts under det senaste året. Invånarna lyfter framför allt otrygghet i {plats} kvällstid.",
    "Föreliggande avtal är en förnyad överenskommelse om samverkan för att öka tryggheten i {kommun} och "
    "ersätter därmed den tidigare överenskommelsen.",
    "I överenskommelsen förbinder sig båda parter att samverkan ska fokusera på det övergripande målet om "
    "ökad trygghet för invånare och besökare i {ort} och att detta ska ske genom de fokusområden som "
    "beskrivs nedan.",
)
HISTORY = (
    "Kommunen och polisen har samverkat enligt skriftliga överenskommelser sedan {year}.",
    "Överenskommelsen är grunden till en fördjupad samverkan mellan kommunen och polisen och har funnits i "
    "olika former sedan {year}.",
    "Det lokala brottsförebyggande rådet i {ort} bildades {year} och sedan dess har en tät samverkan mellan "
    "kommunen och polisen skett på lokal nivå.",
    "Det första samverkansavtalet mellan {kommun} och polisen i {ort} undertecknades {year}.",
)

GOALS_OVERALL = (
    "Att öka tryggheten för invånare och besökare i {kommun}.",
    "minska brottsligheten i {kommun}",
    "öka tryggheten i {kommun}",
    "Att i samverkan arbeta för att öka den brottsrelaterade tryggheten i kommunen.",
    "minska nyttjandet av alkohol, narkotika, tobak, doping samt motverka överdrivet spelande som kan leda "
    "till brottslighet.",
    "Genom samverkan och gemensamma prioriteringar är arbetet inriktat på nolltolerans mot brott och ett "
    "tryggare {ort}.",
    "Att minska antalet unga som begår brott i {ort}.",
)
GOALS_LONG_TERM = (
    "{ort} ska inte ha något kriminellt nätverk eller utsatta områden, riskområden eller särskilt utsatta områden.",
    "Målsättningen med vår samverkan är att tryggheten hos de som bor, vistas eller verkar i {ort} ska vara "
    "hög, att brottsligheten ska minska samt att benägenheten att anmäla brott ska vara stor.",
    "Andelen invånare som känner sig trygga utomhus kvällstid ska öka varje år under perioden.",
)
GOALS_VISION = (
    "{ort} ska vara en trygg, säker och socialt hållbar kommun för alla som bor, besöker och verkar här.",
    "{ort} har i dag inget utsatt område, och ska inte heller få det i framtiden.",
    "Ett tryggt {ort} där alla kan röra sig fritt, dygnet runt.",
)

# (id, name, definition, expected effect, goals)
FOCUS_AREAS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "trygghet-i-offentliga-miljoer",
        "Trygghet i offentliga miljöer",
        "Ett särskilt fokus under avtalsperioden på platser där invånarna upplever otrygghet, såsom {plats}, "
        "och på de händelser som skapar otrygghet där.",
        "Ökad trygghet hos invånare och besökare i {kommun}.",
        (
            "Minska antalet otrygghetsskapande händelser i offentlig miljö",
            "Fler invånare ska känna sig trygga i {plats} kvällstid",
        ),
    ),
    (
        "narkotika",
        "Krafttag mot narkotika",
        "Här avses narkotikabrott i offentlig miljö, i skolmiljö och i krogmiljö, och den brottslighet som "
        "följer av narkotikahandeln.",
        "Minskad tillgång till narkotika och färre unga som prövar narkotika.",
        ("Minska den öppna narkotikahandeln i {plats}", "Minska andelen unga som använder narkotika"),
    ),
    (
        "unga-i-riskzon",
        "Barn och unga i riskzon för kriminalitet",
        "Samordna insatser för unga i riskzon för kriminalitet genom tvärsektoriell samverkan för att barn och "
        "unga ska få en drogfri uppväxt.",
        "Färre unga som dras in i kriminalitet och fler som lämnar en kriminell livsstil.",
        (
            "Reducera rekrytering till kriminella strukturer och utveckla ett stöd för individer som vill lämna "
            "en kriminell livsstil",
        ),
    ),
    (
        "vald-i-nara-relation",
        "Våld i nära relationer",
        "Här avses fysiskt, psykiskt och sexuellt våld mellan närstående, inklusive hedersrelaterat våld och förtryck.",
        "Fler våldsutsatta får stöd och fler brott anmäls.",
        ("Öka kunskapen om våld i nära relationer hos personal i kommunen och polisen",),
    ),
    (
        "organiserad-brottslighet",
        "Organiserad brottslighet och kriminella nätverk",
        "Här avses kriminella nätverk och den brottslighet som påverkar lokalsamhället, inklusive otillåten "
        "påverkan och brott mot välfärdssystemen.",
        "Försvårade förutsättningar för kriminella nätverk att verka i {ort}.",
        ("Utveckla myndighetssamverkan mot organiserad brottslighet",),
    ),
    (
        "bostadsinbrott",
        "Bostadsinbrott och mängdbrott",
        "Här avses tillgreppsbrott så som stöld och inbrott i bostäder, förråd och fordon.",
        "Minskat antal anmälda bostadsinbrott och stölder.",
        ("Minska antalet bostadsinbrott med en tiondel under perioden",),
    ),
    (
        "trafiksakerhet",
        "Trafiksäkerhet",
        "Inkluderat är trafikbrott och trafiksäkerhet, särskilt kring skolor, förskolor och i centrala {ort}.",
        "Färre trafikolyckor och lägre hastigheter kring skolor.",
        ("Sänkta hastigheter vid skolor och förskolor",),
    ),
    (
        "alkohol-och-krogmiljo",
        "Alkohol, narkotika och krogmiljö",
        "Här avses våld och ordningsstörningar i och kring krogmiljön samt langning av alkohol till unga.",
        "Minskat våld i krogmiljö och färre unga som får tag i alkohol.",
        ("Minska våldet i krogmiljön", "Minska langningen av alkohol till unga"),
    ),
    (
        "skadegorelse",
        "Skadegörelse, klotter och nedskräpning",
        "Här avses skadegörelsebrott så som nedskräpning, klotter och vandalisering samt förstörande av egendom.",
        "Minskat antal brott, skadegörelse och minskade ordningsproblem inom kommunen.",
        ("Klotter på kommunala fastigheter ska saneras inom 24 timmar",),
    ),
    (
        "fortroende",
        "Öka förtroendet för samhällets företrädare",
        "Här avses förtroendet för polisen, kommunen och andra samhällsaktörer, särskilt i områden med låg "
        "anmälningsbenägenhet.",
        "Ökad anmälningsbenägenhet och ökat förtroende för polisen och kommunen.",
        ("Öka benägenheten att anmäla brott",),
    ),
    (
        "segregation",
        "Motverka segregation och förebygga utanförskap",
        "Här avses arbetet med att minska skillnaderna i livsvillkor mellan stadsdelar och att förebygga "
        "utanförskap bland barn och unga.",
        "Minskade skillnader i trygghet mellan stadsdelarna.",
        ("Fler unga i {plats} ska ha en meningsfull fritid",),
    ),
    (
        "framjande-och-trygghetsskapande",
        "Främjande och trygghetsskapande arbete",
        "Med främjande arbete avses det arbete som bedrivs utifrån ett salutogent perspektiv. Med "
        "trygghetsskapande arbete avses de insatser som riktar sig till identifierade riskområden och "
        "riskgrupper, till exempel buskageröjning eller nattvandring.",
        "Ökad trygghet hos invånare och besökare i {kommun}.",
        ("Öka den upplevda tryggheten i hela kommunen",),
    ),
    (
        "brottsforebyggande-och-brottsreducerande",
        "Brottsförebyggande och brottsreducerande arbete",
        "Här avses brott som på ett eller annat sätt stör ordningen och skapar otrygghet, samt de insatser som "
        "minskar tillfällena till brott.",
        "Minskat antal brott och minskade ordningsproblem inom kommunen.",
        ("Minska antalet anmälda brott i offentlig miljö",),
    ),
    (
        "bedragerier-mot-aldre",
        "Bedrägerier mot äldre",
        "Här avses bedrägerier via telefon, internet och vid dörren som riktas mot äldre personer.",
        "Färre äldre som utsätts för bedrägerier.",
        ("Öka kunskapen hos äldre om hur bedragare arbetar",),
    ),
    (
        "trygg-skolmiljo",
        "Trygg skolmiljö",
        "Här avses brott och otrygghet i och kring skolan, på skolgården och på väg till och från skolan.",
        "Fler elever som känner sig trygga i skolan.",
        ("Minska antalet brott som anmäls från skolorna",),
    ),
)
FOCUS_KINDS = ("focus-area", "collaboration-area", "target-area", "priority")

MEASUREMENTS = (
    "polisens och BRÅs brottstatistik",
    "Polisens trygghetsmätning",
    "SCBs mätning genom medborgarundersökning",
    "Liv och hälsa ung",
    "Hälsa på lika villkor",
    "Nationella trygghetsundersökningen (NTU)",
    "kommunens trygghetsmätning",
    "Skolundersökningen om brott",
    "CAN:s drogvaneundersökning",
    "räddningstjänstens statistik över anlagda bränder",
    "antal anmälda bostadsinbrott",
    "antal tillsynsbesök på serveringsställen",
    "alkoholtillsynen, genom antal tillslag och indragna tillstånd",
    "kommunens uppföljningssystem, som bland annat undersöker tryggheten hos skolelever",
    "en del av brandförsvarets statistik",
    "kommunernas ekonomiska rapporter",
)

WORKING_METHODS = (
    "En aktuell lokal lägesbild – arbeta med strukturerade metoder genom ett kunskapsbaserat arbetssätt i "
    "samverkan. Till exempel Effektiv samordning för trygghet (EST), orsaksanalyser och trygghetsvandringar.",
    "Samordna insatser för unga i riskzon för kriminalitet genom tvärsektoriell samverkan för att barn och "
    "unga ska få en drogfri uppväxt.",
    "Effektiv samverkan för trygghet (EST): ett arbetssätt som omfattar såväl långsiktiga strategiska mål med "
    "planerade aktiviteter, som flexibla och snabbrörliga insatser och åtgärder.",
    "Medborgarlöften tas fram utifrån medborgardialoger och följs upp tillsammans med invånarna.",
    "Insatserna bygger på kunskap om vad som fungerar och följs upp systematiskt.",
    "SSP (skola, socialtjänst och polis) och SIG (sociala insatsgrupper) används för unga i riskzon.",
)

SITUATION_METHODS = (
    "Effektiv Samordning för Trygghet (EST)",
    "Effektiv samverkan för trygghet (EST)",
    "EST",
    "Brå:s sex steg för lokalt brottsförebyggande arbete",
)
SITUATION_SOURCES = (
    "analys av brottsproblematik och andra otrygghetsskapande händelser utifrån modellen EST",
    "dialog med medarbetare inom respektive organisation för att identifiera områden som yrkesverksamma ser "
    "har en påverkan på tryggheten",
    "resultatet från genomförda medborgarundersökningar",
    "respektive organisations samlade kunskaper, erfarenheter och faktaunderlag",
    "medborgardialoger och trygghetsmätningar",
    "polisens anmälningsstatistik för de senaste tre åren",
    "räddningstjänstens statistik över anlagda bränder",
    "skolornas trivselenkäter",
)
SITUATION_MAPPING = (
    "Kartläggningen bygger på polisens anmälningsstatistik för {years}, kommunens trygghetsmätning och "
    "räddningstjänstens statistik. Den visar att skadegörelse, narkotikabrott och våld i offentlig miljö står "
    "för en växande del av de anmälda brotten, med tyngdpunkt i {plats}.",
    "Brottsligheten i {ort} domineras av stölder, skadegörelse och bedrägerier. Antalet anmälda våldsbrott i "
    "offentlig miljö har ökat under {years}, och konsekvenserna märks i en ökad otrygghet kvällstid.",
    "Kartläggningen av brottsligheten, dess omfattning och konsekvenser visar att bostadsinbrotten har minskat "
    "medan narkotikabrotten och bedrägerierna mot äldre har ökat under {years}.",
)
SITUATION_OTHER = (
    "Annan information av betydelse är skolornas elevenkäter, socialtjänstens orosanmälningar och synpunkter "
    "från näringslivet i centrum.",
    "Till lägesbilden hör också resultatet av medborgardialogerna och de erfarenheter som föreningslivet och "
    "fastighetsägarna har delat i det brottsförebyggande rådet.",
    "Information från regionens folkhälsoenkät och från räddningstjänsten om anlagda bränder har vägts in.",
)
SITUATION_ANALYSIS = (
    "Analysen visar att problemen är koncentrerade till ett fåtal platser och tider, främst fredagar och "
    "lördagar kvällstid, och att unga i riskzon är både gärningspersoner och brottsoffer.",
    "Analysen pekar på brister i den fysiska miljön i {plats} och på en växande narkotikamarknad som "
    "tillsammans förklarar en stor del av otryggheten.",
    "Orsaksanalysen visar att tillfällesstrukturen, med dålig belysning och få vuxna ute, har stor betydelse, "
    "liksom att flera unga saknar meningsfull fritid.",
)
COORDINATOR_NAMES = (
    "Samordnare för brottsförebyggande arbete",
    "Brottsförebyggande samordnare",
    "Trygghetssamordnare",
    "Säkerhets- och trygghetssamordnare",
)
COORDINATOR_TEXTS = (
    "Samordnaren leder kommunens brottsförebyggande arbete, håller samman lägesbilden och åtgärdsplanen och är "
    "kommunens kontaktperson gentemot polisen.",
    "Samordningsfunktionen ansvarar för att det brottsförebyggande arbetet bedrivs kunskapsbaserat och att "
    "det följs upp i kommunstyrelsen.",
)
SITUATION_TEXTS = (
    "Kommunen och polisen har efter framtagande av en gemensam lokal lägesbild prioriterat de "
    "samverkansområden som beskrivs nedan. Valet av samverkansområden grundar sig i den gemensamma lägesbilden.",
    "Utgångspunkten för samverkan är en gemensam uppfattning om vilka samhällsutmaningar som finns lokalt samt "
    "en förståelse om att samverkan skapar förutsättningar för ett effektivt förebyggande arbete.",
    "Vägen framåt är gemensamma lägesbilder tillsammans med analyser för att tidigt identifiera tendenser, "
    "problembilder och behov av åtgärder.",
)

PLACES = (
    "centrum",
    "resecentrum",
    "busstationen",
    "stationsområdet",
    "torget",
    "centrala {ort}",
    "norra {ort}",
    "södra {ort}",
    "östra stadsdelarna",
    "västra stadsdelarna",
    "skolgårdarna",
    "idrottsplatsen",
    "badplatsen",
    "hamnen",
    "gallerian",
    "parken vid ån",
    "centrumgallerian",
    "köpcentret",
)
AREAS = ("Centrum", "Norra {ort}", "Södra {ort}", "Östra stadsdelarna", "Västra stadsdelarna", "Stationsområdet")

# (title, purpose, who is responsible: police/municipality/joint, focus-area ids it fits)
ACTIVITIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Gemensamma EST-möten varannan vecka",
        "Att ta fram en gemensam lokal lägesbild och prioritera insatser utifrån den.",
        "joint",
        (),
    ),
    (
        "Trygghetsvandring i {plats}",
        "Att tillsammans med boende och fastighetsägare identifiera otrygga platser och åtgärda brister i den "
        "fysiska miljön.",
        "joint",
        ("trygghet-i-offentliga-miljoer", "framjande-och-trygghetsskapande"),
    ),
    (
        "Medborgardialog om trygghet i {plats}",
        "Att fånga invånarnas bild av tryggheten och använda den i arbetet med medborgarlöften.",
        "joint",
        ("fortroende", "trygghet-i-offentliga-miljoer"),
    ),
    ("Trygghetsmätning", "Att följa utvecklingen av den upplevda tryggheten över tid.", "joint", ()),
    (
        "Buskageröjning och förbättrad belysning i {plats}",
        "Att minska antalet otrygga platser genom åtgärder i den fysiska miljön.",
        "municipality",
        ("trygghet-i-offentliga-miljoer", "framjande-och-trygghetsskapande"),
    ),
    (
        "Snabb sanering av klotter och skadegörelse",
        "Att klotter och skadegörelse på kommunala fastigheter saneras inom 24 timmar.",
        "municipality",
        ("skadegorelse",),
    ),
    (
        "SSP-samverkan (skola, socialtjänst och polis)",
        "Att tidigt upptäcka barn och unga i riskzon och samordna stödet till dem.",
        "joint",
        ("unga-i-riskzon", "trygg-skolmiljo"),
    ),
    (
        "Sociala insatsgrupper (SIG)",
        "Att ge unga som riskerar att dras in i kriminalitet ett samordnat stöd att lämna en kriminell livsstil.",
        "joint",
        ("unga-i-riskzon", "organiserad-brottslighet"),
    ),
    (
        "Lokal operativ samverkan (LOS) inför helger",
        "Att samordna insatser kvällar och helger utifrån den aktuella lägesbilden.",
        "joint",
        ("trygghet-i-offentliga-miljoer", "alkohol-och-krogmiljo"),
    ),
    (
        "Polisens närvaro vid skolorna i {plats}",
        "Att bygga förtroende mellan unga och polisen.",
        "police",
        ("fortroende", "trygg-skolmiljo"),
    ),
    (
        "Föräldravandringar och nattvandring",
        "Att öka antalet vuxna som är ute kvällar och helger.",
        "municipality",
        ("framjande-och-trygghetsskapande", "unga-i-riskzon"),
    ),
    (
        "Fältassistenter ute kvällar och helger",
        "Att möta unga där de befinner sig och förebygga att de dras in i kriminalitet.",
        "municipality",
        ("unga-i-riskzon", "narkotika"),
    ),
    (
        "Ansvarsfull alkoholservering (STAD)",
        "Att minska våld och ordningsstörningar i krogmiljö genom utbildning och tillsyn.",
        "joint",
        ("alkohol-och-krogmiljo",),
    ),
    (
        "Gemensam tillsyn av serveringsställen",
        "Att upptäcka och beivra överservering och langning.",
        "joint",
        ("alkohol-och-krogmiljo",),
    ),
    (
        "Krogar mot knark",
        "Att minska narkotikaanvändningen i krogmiljön.",
        "joint",
        ("narkotika", "alkohol-och-krogmiljo"),
    ),
    (
        "Kameraövervakning vid {plats}",
        "Att förebygga och utreda brott på platser med återkommande brottslighet.",
        "joint",
        ("trygghet-i-offentliga-miljoer", "brottsforebyggande-och-brottsreducerande"),
    ),
    (
        "Grannsamverkan mot brott",
        "Att minska bostadsinbrotten genom att engagera de boende.",
        "police",
        ("bostadsinbrott",),
    ),
    (
        "Informationskampanj om bedrägerier mot äldre",
        "Att öka kunskapen hos äldre om hur bedragare arbetar.",
        "joint",
        ("bedragerier-mot-aldre",),
    ),
    (
        "Utbildning om våld i nära relationer för personal",
        "Att personal ska känna igen tecken på våld och veta hur de ska agera.",
        "municipality",
        ("vald-i-nara-relation",),
    ),
    (
        "Avhopparverksamhet",
        "Att ge stöd till individer som vill lämna kriminella nätverk.",
        "joint",
        ("organiserad-brottslighet", "unga-i-riskzon"),
    ),
    (
        "Hastighetskontroller vid skolor och förskolor",
        "Att öka trafiksäkerheten för barn på väg till och från skolan.",
        "police",
        ("trafiksakerhet",),
    ),
    (
        "Trafiksäkerhetsdagar i skolan",
        "Att öka kunskapen om trafikregler hos elever i årskurs 4–6.",
        "joint",
        ("trafiksakerhet", "trygg-skolmiljo"),
    ),
    (
        "Samverkan vid större evenemang: Valborg och skolavslutning",
        "Att samordna insatser och upprätta ett gemensamt samordningscentrum vid särskilda händelser.",
        "joint",
        ("alkohol-och-krogmiljo", "trygghet-i-offentliga-miljoer"),
    ),
    (
        "Trygghetsvärdar i {plats}",
        "Att öka vuxennärvaron och minska ordningsstörningarna.",
        "municipality",
        ("trygghet-i-offentliga-miljoer",),
    ),
    (
        "Ordningsvakter i centrum",
        "Att upprätthålla ordningen i centrum kvällar och helger.",
        "municipality",
        ("trygghet-i-offentliga-miljoer", "alkohol-och-krogmiljo"),
    ),
    (
        "Drogförebyggande information till föräldrar",
        "Att föräldrar ska känna igen tecken på droganvändning och veta var de kan få stöd.",
        "municipality",
        ("narkotika",),
    ),
    (
        "Mötesplatser för unga på lov",
        "Att erbjuda unga en meningsfull fritid under loven.",
        "municipality",
        ("segregation", "unga-i-riskzon"),
    ),
    (
        "Sommarjobb för unga i {plats}",
        "Att ge unga arbetslivserfarenhet och en väg in i arbetslivet.",
        "municipality",
        ("segregation",),
    ),
    (
        "Myndighetssamverkan mot organiserad brottslighet",
        "Att utbyta information och samordna kontroller av verksamheter med kriminell koppling.",
        "joint",
        ("organiserad-brottslighet",),
    ),
    (
        "Kontroll av felaktiga utbetalningar",
        "Att förhindra brott mot välfärdssystemen.",
        "municipality",
        ("organiserad-brottslighet",),
    ),
    (
        "Orsaksanalys av otryggheten i {plats}",
        "Att förstå orsakerna bakom otryggheten innan insatser väljs.",
        "joint",
        (),
    ),
    (
        "Samverkan med bostadsbolaget om trygga bostadsområden",
        "Att förebygga brott och otrygghet i och kring flerbostadshusen.",
        "municipality",
        ("bostadsinbrott", "trygghet-i-offentliga-miljoer"),
    ),
    (
        "Insatser mot öppen narkotikahandel vid {plats}",
        "Att störa och försvåra den öppna narkotikahandeln.",
        "police",
        ("narkotika",),
    ),
    (
        "Riktade kontroller av mopeder och A-traktorer",
        "Att minska antalet trimmade fordon och olyckor med unga förare.",
        "police",
        ("trafiksakerhet",),
    ),
    (
        "Kartläggning av hedersrelaterat våld och förtryck",
        "Att få kunskap om omfattningen och rikta insatserna rätt.",
        "municipality",
        ("vald-i-nara-relation",),
    ),
    (
        "Utbildning i ANDTS-frågor för skolpersonal",
        "Att skolpersonal ska kunna upptäcka och agera vid misstanke om droganvändning.",
        "municipality",
        ("narkotika", "trygg-skolmiljo"),
    ),
    (
        "Klotterplank och laglig väggmålning",
        "Att ge unga ett lagligt alternativ och minska klottret.",
        "municipality",
        ("skadegorelse",),
    ),
    (
        "Förebyggande hembesök hos äldre",
        "Att ge äldre råd om brandskydd och om att skydda sig mot bedrägerier.",
        "municipality",
        ("bedragerier-mot-aldre",),
    ),
    (
        "Utveckling av det lokala brottsförebyggande rådet",
        "Att rådet ska vara ett forum för samordning och uppföljning av det brottsförebyggande arbetet.",
        "municipality",
        (),
    ),
    (
        "Kommunikationsplan för de insatser som kommuniceras",
        "Att invånarna ska känna till vad kommunen och polisen gör och varför.",
        "joint",
        ("fortroende",),
    ),
    (
        "Brottsofferstöd och vittnesstöd",
        "Att den som utsatts för brott ska få stöd och våga vittna.",
        "joint",
        ("fortroende", "vald-i-nara-relation"),
    ),
    (
        "Områdespoliser i {plats}",
        "Att polisen ska vara känd och tillgänglig i lokalsamhället.",
        "police",
        ("fortroende", "segregation"),
    ),
    (
        "Tillsyn enligt tobakslagen",
        "Att minska ungas tillgång till tobak.",
        "municipality",
        ("narkotika", "alkohol-och-krogmiljo"),
    ),
    (
        "Ungdomstjänst och medling",
        "Att unga som begått brott ska förstå konsekvenserna och inte återfalla.",
        "municipality",
        ("unga-i-riskzon",),
    ),
    (
        "Samverkan kring ordningsstörningar vid {plats}",
        "Att minska antalet ordningsstörningar och den otrygghet de skapar.",
        "joint",
        ("trygghet-i-offentliga-miljoer",),
    ),
)
MUNICIPAL_UNITS = (
    "socialtjänsten",
    "socialtjänsten, fältgruppen",
    "utbildningsförvaltningen",
    "kultur- och fritidsförvaltningen",
    "samhällsbyggnadsförvaltningen",
    "avdelningen gata-park-natur",
    "tekniska förvaltningen",
    "fastighetsavdelningen",
    "kommunledningskontoret",
    "säkerhetsenheten",
    "alkoholhandläggare",
    "arbetsmarknadsenheten",
    "äldreförvaltningen",
    "miljö- och hälsoskyddsenheten",
    "brottsförebyggande samordnare",
)
POLICE_UNITS = (
    "kommunpolisen",
    "områdespolisen",
    "ingripandeverksamheten",
    "utredningsverksamheten",
    "trafikpolisen",
    "lokalpolisområdets ledning",
    "underrättelsetjänsten",
)
COMMITMENTS = (
    "Kommunen bokar lokal och bjuder in; polisen deltar med kommunpolis.",
    "Polisen genomför minst fyra kontroller per termin.",
    "Planeras i beredningsgruppen och genomförs gemensamt.",
    "Kommunen avsätter medel i budgeten för insatsen.",
    "Båda parter utser en kontaktperson och redovisar resultatet till styrgruppen.",
    "Polisen bidrar med lägesbild och deltar vid behov.",
    "Kommunen ansvarar för genomförandet; polisen bidrar med kunskap om brottsutvecklingen.",
    "Genomförs inom befintliga resurser.",
)
TIMETABLES = (
    "Löpande under perioden",
    "Varannan vecka",
    "Vår och höst",
    "Vecka 17–18 inför Valborg",
    "Juni–augusti",
    "Under första halvåret {year}",
    "Minst två gånger per termin",
    "Kvartalsvis",
    "Inför varje lov",
    "Under hösten {year}",
    "Varje fredag och lördag kväll",
    "Start i januari {year}",
)

PLAN_DESCRIPTIONS = (
    "Kommunen och Polisen åtar sig att arbeta med de prioriterade områdena i enlighet med denna åtgärdsplan. "
    "Åtgärdsplanen innehåller uppgifter om vilka insatser som ska genomföras och vem som ansvarar för "
    "respektive insats, överväganden om vilka insatser som ska kommuniceras samt uppgifter om uppföljning av "
    "de olika insatserna.",
    "Handlingsplanen är kopplad till varje fokusområde. Handlingsplanen innehåller insatser utifrån behov, "
    "syfte, förväntad effekt och ansvarsfördelning för genomförande. Handlingsplanen ska kontinuerligt ses "
    "över, följas upp och revideras utifrån förändrade förutsättningar och behov i kommunen.",
    "Arbetet utgår från en åtgärdsplan med prioriterade insatser. Åtgärdsplanen anger inriktning, "
    "ansvarsfördelning, åtaganden, mål och tidsplan för respektive samverkansområde.",
    "Planen följs upp årsvis och justeras utifrån behov.",
)

FOLLOW_UP_TEXTS = (
    "De mål som fastställts ovan ska årligen följas upp och redovisas för det brottsförebyggande rådet.",
    "Strategiskt samverkansforum/styrgrupp ansvarar för att uppföljning sker och rapporteras till kommunen "
    "respektive polismyndigheten.",
    "Uppföljning för varje fokusområde per tertial.",
    "Överenskommelsen i sin helhet ska följas upp efter halva tiden för att säkerställa att arbetet går i rätt "
    "riktning.",
)
FOLLOW_UP_FORMS = (
    "Uppföljningen är i huvudsak skriftlig men kan ske även muntligt vid behov.",
    "skriftlig rapport till styrgruppen",
    "muntlig dragning i kommunstyrelsen och skriftlig rapport",
)
REPORTED_TO = (
    "kommunen",
    "polismyndigheten",
    "kommunstyrelsen",
    "det brottsförebyggande rådet",
    "lokalpolisområdets ledning",
)
HALF_TIME_COVERS = (
    "Hur samverkansformerna upplevs fungera",
    "Hur insatsernas genomförande har fungerat",
    "Bedömning av det resultat som insatserna har bidragit till för det övergripande samverkansmålet",
    "Om fokusområdena behöver revideras utifrån en ny lägesbild",
)
RECORD_NOTES = (
    "Redovisad i styrgruppen.",
    "Rapport skickad till kommunstyrelsen.",
    "Muntlig dragning, protokollförd.",
    "Redovisad för det brottsförebyggande rådet.",
    "Skriftlig rapport; se diariet.",
)
MEETING_NOTES = (
    "Lägesbild och uppföljning av åtgärdsplanen.",
    "Inför sommaren.",
    "Halvtidsuppföljning diskuterad.",
    "Nya medborgarlöften.",
    "Extra möte efter händelser i centrum.",
)

ORGANISATION_TEXTS = (
    "Det är viktigt att parterna i det gemensamma arbetet har respekt för varandras huvuduppdrag och skilda "
    "arbetskulturer. För att skapa struktur, klara kommunikationsvägar, klargörande av ansvar- och "
    "mandatfördelning bör en organisation byggas upp runt samverkansavtalet och dess handlingsplaner.",
    "Samverkan sker på strategisk, taktisk och operativ nivå, i befintliga forum så långt det är möjligt.",
)
STEERING_DUTIES = (
    "avstämning och uppföljning av samverkansöverenskommelsen",
    "ansvarar för att uppföljning sker och rapporteras till kommunen respektive polismyndigheten",
    "har det övergripande ansvaret för att samverkansavtalet efterlevs",
    "efterfrågar och är mottagare av resultat",
    "ger beredningsgruppen uppdrag",
)
PREPARATORY_DUTIES = (
    "tar fram beslutsunderlag till styrgruppen",
    "ansvarar för att ta fram och följa upp åtgärdsplanen",
    "gör kontinuerligt kartläggningar för att identifiera nya behovsområden",
    "ansvarar för att starta upp eventuella temporära arbetsgrupper",
)
WORKING_DUTIES = (
    "genomför insatser utifrån åtgärdsplanen",
    "den löpande uppföljningen sker i befintliga samverkansgrupper",
)

PROMISE_TERMS = (
    "Medborgarlöften är en utveckling och en förstärkning av samverkansöverenskommelsen mellan kommun och "
    "polis. Syftet är att öka medborgarnas och lokalsamhällets delaktighet i det brottsförebyggande och "
    "trygghetsskapande arbetet. Polisen och {kommun} tar fram medborgarlöften som är giltiga under {period}.",
    "Utöver överenskommelsen tecknar parterna medborgarlöften utifrån de medborgardialoger som genomförs. "
    "Löftena gäller {period} och följs upp tillsammans med invånarna.",
)
PROMISE_TITLES = (
    "Medborgarlöfte {years}",
    "Medborgarlöfte för {ort} {years}",
    "Medborgarlöfte: ett tryggare {plats}",
    "Det här lovar vi – {ort} {years}",
)
PROMISE_BACKGROUNDS = (
    "Polisens trygghetsmätning visar att oron för att utsättas för brott har ökat i {plats} de senaste åren, "
    "medan den minskat i kommunen som helhet.",
    "Flera av de som svarade i dialogen efterfrågade fler vuxna ute, både föräldrar och personal från "
    "kommunen, och en mer synlig polis på kvällar och helger.",
    "Många unga berättade att de saknar mötesplatser och att de därför samlas i {plats} efter skolan.",
    "Näringsidkarna i centrum beskriver problem med snatteri, nedskräpning och stök vid stängningsdags.",
    "Löftet tar sikte på ett avgränsat problem som parterna kan påverka under löftesperioden, i enlighet med "
    "arbetssättet Effektiv samordning för trygghet (EST).",
    "I trygghetsmätningen {year} uppgav {pct} procent av de svarande att de känner sig otrygga i {plats} "
    "kvällstid, vilket är fler än i kommunen i övrigt.",
    "Medborgardialogen genomfördes under tre veckor på torget, i skolorna och digitalt. Totalt lämnade {n} "
    "personer synpunkter, varav en stor del var unga under 25 år.",
    "De vanligaste svaren handlade om nedskräpning, skadegörelse, dålig belysning och grupper av unga som "
    "samlas kvällstid. Flera svarande nämnde också oro för narkotikaförsäljning.",
    "Kommunen och polisen har därefter analyserat svaren tillsammans med den gemensamma lokala lägesbilden "
    "och valt ut det problem som löftet ska minska.",
    "Ett medborgarlöfte är en del av samverkansöverenskommelsen mellan kommunen och polisen. Det är ett "
    "konkret löfte om vad vi ska göra för att öka tryggheten, och det följs upp tillsammans med invånarna.",
    "Under löftesperioden redovisar kommunen och polisen regelbundet vad som gjorts, på kommunens webbplats, "
    "i sociala medier och vid de återkommande trygghetsvandringarna.",
    "Under hösten genomförde kommunen och polisen en medborgardialog där invånarna fick berätta var och när "
    "de känner sig otrygga. Många lyfte {plats} kvällstid och bristen på vuxna ute.",
    "Medborgarlöftet bygger på den gemensamma lokala lägesbilden och på resultatet av polisens "
    "trygghetsmätning, där {plats} pekades ut som den plats där flest känner sig otrygga.",
    "Invånarna har i dialogen efterfrågat mer synlig polis, bättre belysning och fler aktiviteter för unga.",
    "Löftet har tagits fram tillsammans med föreningar, fastighetsägare och skolor i {ort}.",
    "Resultatet av löftet följs upp i trygghetsmätningen och redovisas på kommunens webbplats.",
)
PROMISES_POLICE = (
    "Polisen lovar att öka närvaron i {plats} kvällar och helger.",
    "Polisen lovar att genomföra riktade trafikkontroller vid skolor i {ort}.",
    "Polisen lovar att delta i minst två trygghetsvandringar per år.",
    "Polisen lovar att besöka skolorna i {ort} regelbundet.",
    "Polisen lovar att genomföra insatser mot narkotikahandeln vid {plats}.",
    "Polisen lovar att återkoppla till invånarna om vad som gjorts.",
)
PROMISES_MUNICIPALITY = (
    "Kommunen lovar att förbättra belysningen i {plats}.",
    "Kommunen lovar att ha fältassistenter ute fredagar och lördagar.",
    "Kommunen lovar att sanera klotter inom 24 timmar.",
    "Kommunen lovar att erbjuda lovaktiviteter för unga i {plats}.",
    "Kommunen lovar att röja buskage och se över utemiljön i {plats}.",
    "Kommunen lovar att genomföra tillsyn av serveringsställen varje kvartal.",
)
PROMISES_JOINT = (
    "Vi lovar att genomföra minst två trygghetsvandringar per år.",
    "Vi lovar att återkoppla resultatet av medborgardialogen.",
    "Vi lovar att tillsammans med föreningslivet öka antalet vuxna ute kvällar och helger.",
    "Vi lovar att följa upp löftet i trygghetsmätningen och berätta om resultatet.",
)

PROMISE_DETAILS = (
    "Det innebär att vi är på plats minst två kvällar i veckan under löftesperioden.",
    "Arbetet sker i samverkan med föreningar, fastighetsägare och skolor.",
    "Vi redovisar varje kvartal vad som har gjorts och vilken effekt det har haft.",
    "Insatsen riktas särskilt till de tider då flest händelser anmäls.",
    "Det gör vi utifrån vad invånarna har berättat i medborgardialogen.",
)
PROMISES_OTHERS = (
    "Bostadsbolaget lovar att se över belysning och låsanordningar i sina områden.",
    "Räddningstjänsten lovar att delta i trygghetsvandringarna och informera om brandskydd.",
    "Regionen lovar att bidra med kunskap från sin folkhälsoenkät.",
)
ACTIVITY_DETAILS = (
    "Insatsen genomförs i samverkan med skolor, föreningar och fastighetsägare.",
    "Resultatet redovisas i beredningsgruppen och används i nästa lägesbild.",
    "Insatsen bygger på erfarenheter från tidigare år och har visat goda resultat.",
    "Fokus ligger på {plats}, där lägesbilden visar flest anmälda brott.",
    "Insatsen ska nå såväl unga som vuxna och anpassas efter årstid och behov.",
    "Erfarenheterna sprids till andra delar av kommunen i lämplig omfattning.",
    "Polisen bidrar med statistik och kommunen med kunskap om lokalsamhället.",
    "Insatsen kommuniceras gemensamt så att invånarna vet vad som görs.",
)
MEMO_PROPOSALS = (
    "att godkänna överenskommelsen mellan {kommun} och {polis}, bilaga.",
    "att uppdra åt kommundirektören att underteckna överenskommelsen.",
    "att uppdra åt kommundirektören att årligen redovisa uppföljningen till kommunstyrelsen.",
    "att förklara paragrafen omedelbart justerad.",
)
MEMO_BACKGROUND = (
    "Föreliggande förslag till överenskommelse, bilaga, är en förnyad överenskommelse om samverkan och "
    "ersätter den överenskommelse som kommunstyrelsen godkände {previous}.",
    "Syftet med ett samverkansavtal mellan kommunen och polismyndigheten är att fördjupa och utöka samverkan.",
    "Till föreliggande förslag till samverkansavtal finns även en åtgärdsplan kopplad. Åtgärdsplanen ska "
    "kontinuerligt ses över och revideras, innehållet ska kunna förändras utifrån förändrade förutsättningar "
    "i kommunen.",
    "Överenskommelsen har tagits fram av en arbetsgrupp med representanter för kommunens förvaltningar och "
    "lokalpolisområdet. Arbetet har letts av kommunens brottsförebyggande samordnare och kommunpolisen.",
    "Arbetet enligt avtalets intentioner förutsätter en fortsatt samverkan inom kommunen, inte minst med "
    "socialnämnden, som har ansvaret för kommunens brottsförebyggande råd.",
)
MEMO_ECONOMY = (
    "Överenskommelsen innebär inga direkta kostnader utöver befintliga resurser.",
    "Då föreliggande förslag till samverkansavtal innebär ett mer övergripande och långsiktigt arbete kan det "
    "innebära kostnader för flera nämnder. Det är svårt att i dagsläget närmare redovisa ekonomiska "
    "konsekvenser.",
    "Insatserna finansieras inom respektive nämnds budgetram.",
)
DEPARTMENTS = ("Kommunledningskontoret", "Kommunledningsförvaltningen", "Stadsledningskontoret", "Socialförvaltningen")
DECISION_BODIES = ("Kommunstyrelsen", "Kommunfullmäktige", "Kommunstyrelsens arbetsutskott")

THIRD_PARTIES = (
    ("organisation", "Räddningstjänsten {ort}"),
    ("company", "{ort}hem AB"),
    ("region", "Region {county}"),
)

MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
NUMBERS_SV = ("noll", "ett", "två", "tre", "fyra", "fem", "sex")
